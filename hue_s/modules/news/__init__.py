"""City news: announcement feeds (RSS/Atom) and staff announcements, per ward and category."""
