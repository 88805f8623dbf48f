"""Errors of the local state store."""


class StoreError(Exception):
    """The local store cannot be opened, migrated, read or written."""


class SchemaTooNewError(StoreError):
    """The database on disk was written by a newer Hue-S than this one."""


class OutboxStateError(StoreError):
    """An outbox item is missing or not in the state the requested change starts from."""
