"""Incidents in Chromium: reports, the outbox, questions, kiosk slips, the hotline, Open311."""
