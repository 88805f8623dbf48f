"""Education: Huế's schools by level and ward (OpenStreetMap), with enrolment news."""
