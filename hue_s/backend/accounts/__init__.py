"""Accounts and sessions: phone sign-in with one-time codes, tokens, roles, profiles, API keys."""
