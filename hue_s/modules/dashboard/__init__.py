"""The leaders' dashboard: city and ward figures, trends and rankings from other modules' panels."""
