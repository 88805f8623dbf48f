"""The alerts HTTP routes: the API, CAP and Atom, check-ins, the event stream."""
