"""Air quality: Vietnam's VN_AQI from Open-Meteo's air-quality data, per ward or point."""
