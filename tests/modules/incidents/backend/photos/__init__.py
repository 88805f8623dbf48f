"""Tests of the photo pipeline: checks, the cache, a full disk."""
