"""What the air-quality API answers, shared by the app and the backend."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

POLLUTANTS = (
    "pm2_5", "pm10", "ozone", "nitrogen_dioxide", "sulphur_dioxide", "carbon_monoxide"
)  # fmt: skip
"""Open-Meteo's names of the pollutants VN_AQI indexes (all in µg/m³)."""
STALE_AFTER_HOURS = 3
"""A reading older than this is shown as old, never as current."""


class AirHour(BaseModel):
    """One hour of air quality: the concentrations, and VN_AQI with its band."""

    model_config = ConfigDict(extra="ignore")

    time: str = Field(description="Local time of the hour, ISO 8601 without zone (UTC+7).")
    vn_aqi: int | None = Field(None, description="Hourly VN_AQI (NowCast for PM).")
    band: str | None = Field(None, description="good, moderate, poor, bad, very_bad, hazardous.")
    pollutant: str | None = Field(None, description="The pollutant that sets the index.")
    pm2_5: float | None = None
    pm10: float | None = None
    ozone: float | None = None
    nitrogen_dioxide: float | None = None
    sulphur_dioxide: float | None = None
    carbon_monoxide: float | None = None
    us_aqi: float | None = None
    european_aqi: float | None = None


class AirReport(BaseModel):
    """Air quality at one point: the reading of this hour and the next hours."""

    model_config = ConfigDict(extra="ignore")

    lat: float = Field(description="The grid point read (0.1° steps).")
    lon: float
    ward_code: str | None = Field(None, description="The ward asked for, if one was.")
    reading_at: datetime = Field(description="When the current reading is for (UTC).")
    fetched_at: datetime = Field(description="When the data was fetched upstream (UTC).")
    stale: bool = Field(description="True when the reading is old or upstream failed.")
    current: AirHour
    today: int | None = Field(None, description="Daily VN_AQI of today so far (24-hour rules).")
    hours: list[AirHour] = Field(default_factory=list, description="The next hours (up to 48).")
