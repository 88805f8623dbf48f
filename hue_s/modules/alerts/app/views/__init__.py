"""The alerts screens: home, an alert, places, preparing, the operator's form and map."""
