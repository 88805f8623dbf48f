"""The dashboard's backend part: its routes and the panels it collects through a hook."""
