"""Wire models of the Hue-S backend API, one module per domain."""

from hue_s.app.api.models.base import RequestModel, ResponseModel
from hue_s.app.api.models.meta import City, Meta
from hue_s.app.api.models.wards import LatLon, Ward

__all__ = ["City", "LatLon", "Meta", "RequestModel", "ResponseModel", "Ward"]
