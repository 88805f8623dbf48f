"""HTTP routers of the backend, one file per domain."""
