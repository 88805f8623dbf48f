"""App-level screens: the shell with its navigation, home, settings, and fallbacks."""
