"""Electricity and water bills: customers by code, the bill, 12 months, outages, paying."""
