"""The report form: its screen, place, photos, questions, who sends it, the preview."""
