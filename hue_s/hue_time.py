"""Huế's clock, for the app and the backend alike: UTC+7 all year (Vietnam has no daylight
saving), so a fixed offset is exact and needs no time-zone database on the device."""

from __future__ import annotations

from datetime import timedelta, timezone

HUE_TIME = timezone(timedelta(hours=7), "ICT")
