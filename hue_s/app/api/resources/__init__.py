"""API resources: one class per domain, reached through `HueClient`."""

from hue_s.app.api.resources.accounts import AuthResource, MeResource
from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.app.api.resources.meta import MetaResource
from hue_s.app.api.resources.wards import WardsResource

__all__ = ["API_V1", "AuthResource", "MeResource", "MetaResource", "Resource", "WardsResource"]
