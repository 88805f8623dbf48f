"""Helpers for testing Hue-S and its modules (ours and third parties'): an in-process backend
client, signed-in callers of any role, and a clock the test moves."""
