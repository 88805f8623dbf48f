"""Wire models of weather and river discharge (the Open-Meteo formats) and of river gauges."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from hue_s.app.api.models.base import ResponseModel


class CurrentWeather(ResponseModel):
    """The weather now (Open-Meteo `current`)."""

    time: datetime = Field(description="Local time of the observation.")
    temperature_2m: float | None = Field(default=None, description="Air temperature, °C.")
    apparent_temperature: float | None = Field(default=None, description="Feels like, °C.")
    relative_humidity_2m: float | None = Field(default=None, description="Humidity, %.")
    is_day: float | None = Field(default=None, description="1 by day, 0 at night.")
    precipitation: float | None = Field(default=None, description="Rain of the last hour, mm.")
    weather_code: float | None = Field(default=None, description="WMO weather code.")
    wind_speed_10m: float | None = Field(default=None, description="Wind speed, km/h.")
    wind_gusts_10m: float | None = Field(default=None, description="Gusts, km/h.")


class HourlyForecast(ResponseModel):
    """Hour-by-hour values (Open-Meteo `hourly`): parallel lists, one entry per hour."""

    time: list[datetime] = Field(description="Local time of each hour.")
    temperature_2m: list[float | None] = Field(default_factory=list, description="°C.")
    precipitation_probability: list[float | None] = Field(
        default_factory=list, description="Chance of rain, %."
    )
    precipitation: list[float | None] = Field(default_factory=list, description="Rain, mm.")
    weather_code: list[float | None] = Field(default_factory=list, description="WMO codes.")
    wind_speed_10m: list[float | None] = Field(default_factory=list, description="km/h.")


class DailyForecast(ResponseModel):
    """Day-by-day values (Open-Meteo `daily`): parallel lists, one entry per day."""

    time: list[date] = Field(description="Each day.")
    weather_code: list[float | None] = Field(default_factory=list, description="WMO codes.")
    temperature_2m_max: list[float | None] = Field(default_factory=list, description="°C.")
    temperature_2m_min: list[float | None] = Field(default_factory=list, description="°C.")
    precipitation_sum: list[float | None] = Field(default_factory=list, description="mm.")
    precipitation_probability_max: list[float | None] = Field(
        default_factory=list, description="Highest chance of rain, %."
    )
    wind_gusts_10m_max: list[float | None] = Field(default_factory=list, description="km/h.")


class Forecast(ResponseModel):
    """A forecast in the Open-Meteo format, with when the backend fetched it."""

    latitude: float = Field(description="Latitude of the forecast point.")
    longitude: float = Field(description="Longitude of the forecast point.")
    current: CurrentWeather | None = Field(default=None, description="The weather now.")
    hourly: HourlyForecast | None = Field(default=None, description="The next 48 hours.")
    daily: DailyForecast | None = Field(default=None, description="The next 7 days.")
    as_of: datetime | None = Field(default=None, description="When it was fetched upstream.")
    stale: bool = Field(default=False, description="True when upstream failed: an older one.")


class AlarmLevels(ResponseModel):
    """Official flood alarm levels (báo động I/II/III) of a gauge, in metres."""

    I: float = Field(description="Alarm level I.")  # noqa: E741  (official Roman numerals)
    II: float = Field(description="Alarm level II.")
    III: float = Field(description="Alarm level III.")


class GaugeReading(ResponseModel):
    """One water level."""

    observed_at: datetime = Field(description="When it was read.")
    water_level_m: float = Field(description="Water level in metres.")


class Gauge(ResponseModel):
    """A river gauge with its alarm levels and the newest reading."""

    station_id: str = Field(description="VNDMS station id, e.g. '71520'.")
    name: str = Field(description="E.g. 'Kim Long'.")
    river: str = Field(description="E.g. 'Sông Hương'.")
    alarm_levels: AlarmLevels = Field(description="Alarm levels I-III.")
    latest: GaugeReading | None = Field(default=None, description="The newest reading.")
    alarm_level: int = Field(default=0, description="0 (below I) to 3 (at or above III).")
    trend: str = Field(default="unknown", description="rising, falling, steady or unknown.")


class RiverDaily(ResponseModel):
    """Day-by-day river discharge (Open-Meteo flood `daily`): parallel lists, one per day."""

    time: list[date] = Field(description="Each day.")
    river_discharge: list[float | None] = Field(default_factory=list, description="m³/s.")
    river_discharge_max: list[float | None] = Field(
        default_factory=list, description="Highest of the ensemble, m³/s."
    )


class RiverFlood(ResponseModel):
    """One point's answer of the Open-Meteo flood API."""

    daily: RiverDaily | None = Field(default=None, description="Daily discharge.")


class River(ResponseModel):
    """A river of Huế and its discharge where it is gauged."""

    id: str = Field(description="E.g. 'huong'.")
    name: str = Field(description="E.g. 'Sông Hương'.")
    place: str = Field(description="Where the discharge is read, e.g. 'Kim Long'.")
    flood: RiverFlood = Field(description="The Open-Meteo flood answer there.")


class Rivers(ResponseModel):
    """The discharge of every river, with when the backend fetched it."""

    rivers: list[River] = Field(default_factory=list, description="Each river.")
    as_of: datetime | None = Field(default=None, description="When it was fetched upstream.")
    stale: bool = Field(default=False, description="True when upstream failed: an older one.")
