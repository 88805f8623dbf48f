"""Public services (dịch vụ công): procedure catalogue, online dossiers, the ward's handling."""
