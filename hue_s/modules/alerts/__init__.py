"""Alerts: weather and disaster warnings (CAP in and out, the operators' own), their live
stream, check-ins, the weather and the rivers of Huế."""
