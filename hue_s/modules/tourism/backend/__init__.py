"""The tourism module's backend part: places, events and their routes."""
