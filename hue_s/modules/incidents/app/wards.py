"""The city's wards for the incident screens, kept for when the network is gone."""

from __future__ import annotations

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.wards import Ward
from hue_s.app.context import AppContext

WARDS_KEY = "incidents.wards"


async def city_wards(ctx: AppContext) -> list[Ward]:
    """Return the city's wards (the last list known when offline; empty if never fetched)."""
    try:
        wards = await ctx.api.wards.list()
    except HueAPIError:
        stored = ctx.store.cache.get(ctx.device_id, WARDS_KEY)
        return [Ward.model_validate(value) for value in stored.value] if stored else []
    ctx.store.cache.put(ctx.device_id, WARDS_KEY, [w.model_dump(mode="json") for w in wards])
    return sorted(wards, key=lambda ward: ward.full_name or ward.name)
