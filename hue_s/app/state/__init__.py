"""Local state of the app: the SQLite store, device settings and the signed-in session."""

from hue_s.app.state.errors import OutboxStateError, SchemaTooNewError, StoreError
from hue_s.app.state.keyed import KeyedJsonTable, StoredValue
from hue_s.app.state.outbox import Outbox, OutboxItem, OutboxState
from hue_s.app.state.session import MemorySecretStore, SecretStore, UserSession
from hue_s.app.state.settings import DeviceSettings, load_settings, save_settings
from hue_s.app.state.store import Store, default_store_path

__all__ = [
    "DeviceSettings",
    "KeyedJsonTable",
    "MemorySecretStore",
    "Outbox",
    "OutboxItem",
    "OutboxState",
    "OutboxStateError",
    "SchemaTooNewError",
    "SecretStore",
    "Store",
    "StoreError",
    "StoredValue",
    "UserSession",
    "default_store_path",
    "load_settings",
    "save_settings",
]
