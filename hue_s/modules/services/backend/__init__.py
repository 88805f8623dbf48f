"""Public services, backend part: catalogue, dossiers, the ward's actions."""
