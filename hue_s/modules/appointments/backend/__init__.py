"""The appointments module's backend part: routes, tables, bookings, the queue."""
