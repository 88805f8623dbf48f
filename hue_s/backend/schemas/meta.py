"""JSON of the service description: which city, which version, which modules."""

from __future__ import annotations

from pydantic import BaseModel, Field


class HealthStatus(BaseModel):
    """Answer of GET /healthz when the service and its database work."""

    status: str = Field(description='Always "ok"; failures use the error shape with 503.')


class City(BaseModel):
    """The city this backend serves."""

    code: str = Field(description="Official province-level code, e.g. '46' for Huế.")
    name: str = Field(description="Vietnamese name, e.g. 'Thành phố Huế'.")
    name_en: str = Field(description="English name, e.g. 'Huế City'.")


class Meta(BaseModel):
    """Answer of GET /api/v1/meta."""

    city: City
    version: str = Field(description="Version of the hue-s package serving the API.")
    modules: list[str] = Field(description="Ids of the enabled modules, e.g. 'incidents'.")
    public_url: str | None = Field(
        default=None,
        description="The city's public web address of the Hue-S app (HUE_S_PUBLIC_URL on the "
        "backend), e.g. 'https://hue-s.hue.gov.vn': where the QR codes of ward-office slips "
        "lead. Null when not set.",
    )
