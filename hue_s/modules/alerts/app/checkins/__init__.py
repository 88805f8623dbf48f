"""Check-ins: "I am safe" / "I need help" after an alert, and the operators' counts."""
