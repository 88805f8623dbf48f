"""The accounts routes: signing in by phone (auth) and one's own account (me)."""
