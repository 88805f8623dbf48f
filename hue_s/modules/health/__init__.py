"""Health: hospitals, clinics, doctors, dentists and pharmacies of Huế (OpenStreetMap), open now."""
