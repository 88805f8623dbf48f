"""GET /api/v1/meta: the city this backend serves, its version, modules and public address."""

from __future__ import annotations

from fastapi import APIRouter, Request

import hue_s
from hue_s.backend.config import BackendSettings
from hue_s.backend.schemas.meta import City, Meta

router = APIRouter(prefix="/api/v1", tags=["meta"])


@router.get("/meta", response_model=Meta)
def read_meta(request: Request) -> Meta:
    """Describe the city, the package version and the enabled modules."""
    settings: BackendSettings = request.app.state.settings
    city = City(code=settings.city_code, name=settings.city_name, name_en=settings.city_name_en)
    return Meta(
        city=city,
        version=hue_s.__version__,
        modules=list(settings.modules),
        public_url=settings.public_url,
    )
