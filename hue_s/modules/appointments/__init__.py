"""Appointments and the queue at ward offices: book a time, take a number, call the next."""
