"""Browser tests: the web client driven in headless Chromium."""
