"""Public services' screens: the catalogue, filing, the kiosk, one's dossiers, the ward's inbox."""
