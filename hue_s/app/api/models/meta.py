"""What the backend says about itself: the city it serves, its version, its modules."""

from pydantic import Field

from hue_s.app.api.models.base import ResponseModel


class City(ResponseModel):
    """The city (province-level unit) a backend serves."""

    code: str = Field(description="Official administrative code of the province, e.g. '46'.")
    name: str = Field(description="Official Vietnamese name, e.g. 'Thành phố Huế'.")
    name_en: str | None = Field(default=None, description="English name, e.g. 'Huế City'.")


class Meta(ResponseModel):
    """Identity and capabilities of a backend."""

    city: City = Field(description="The city this backend serves.")
    version: str = Field(description="Version of the backend software.")
    modules: list[str] = Field(
        default_factory=list, description="Ids of the modules this backend serves."
    )
    public_url: str | None = Field(
        default=None, description="The city's public web address of the app, if the backend says."
    )
