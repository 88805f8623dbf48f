"""The real backend in-process for the incident tests: citizens and officers signed in for real."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import shapely
from PIL import Image
from sqlalchemy import func, select

from hue_s.app.api.client import HueClient
from hue_s.backend.accounts.phones import normalise_phone
from hue_s.backend.accounts.users import save_staff
from hue_s.backend.kernel.models import Ward
from hue_s.modules.incidents.app.draft import GeoPoint, IncidentDraft
from hue_s.modules.incidents.backend.models import Incident
from tests.app.api.accounts_backend import AccountsBackend, SignedClient, sign_in, signed_client

WARD = "19753"  # Phường Phú Xuân
OTHER_WARD = "19813"  # Phường Thủy Xuân


@dataclass
class Person:
    """A signed-in user of the backend and their client."""

    client: SignedClient
    user_id: int

    @property
    def api(self) -> HueClient:
        """Return the typed client."""
        return self.client.api


async def signed_in(backend: AccountsBackend, phone: str) -> Person:
    """Sign `phone` in through the texted code and return the person."""
    client = signed_client(backend)
    grant = await sign_in(backend, client.api, phone)
    await client.credentials.store(grant)
    return Person(client, int(grant.user.id))


def make_staff(backend: AccountsBackend, phone: str, role: str, ward_code: str | None) -> None:
    """Create a staff account, as `hue-s backend create-user` does."""
    factory = backend.app.state.session_factory
    with factory() as session:
        phone = normalise_phone(phone)
        save_staff(session, phone=phone, role=role, now=backend.clock(), ward_code=ward_code)
        session.commit()


def point_in(backend: AccountsBackend, ward_code: str = WARD) -> GeoPoint:
    """Return a point surely inside a ward."""
    with backend.app.state.session_factory() as session:
        ward = session.get(Ward, ward_code)
        assert ward is not None
        point = shapely.from_geojson(ward.boundary).representative_point()
    return GeoPoint(lat=point.y, lon=point.x)


def incidents_by_uuid(backend: AccountsBackend) -> dict[str, int]:
    """Return how many incidents the server holds per client UUID."""
    with backend.app.state.session_factory() as session:
        rows = session.execute(
            select(Incident.client_uuid, func.count()).group_by(Incident.client_uuid)
        )
        return {str(uuid): count for uuid, count in rows}


def jpeg(size: tuple[int, int] = (320, 240), seed: int = 1) -> bytes:
    """Return a small JPEG photo with some texture."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randrange(256), 90, 140))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85)
    return output.getvalue()


def geotagged_jpeg(point: GeoPoint, taken: str, seed: int = 1) -> bytes:
    """Return a JPEG with the EXIF GPS position and capture time a phone writes."""

    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4)

    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = taken
    exif.get_ifd(0x8825).update({1: "N", 2: dms(point.lat), 3: "E", 4: dms(point.lon)})
    output = io.BytesIO()
    Image.new("RGB", (320, 240), (seed * 40 % 256, 90, 140)).save(output, "JPEG", exif=exif)
    return output.getvalue()


def report_draft(point: GeoPoint | None, **changes: object) -> IncidentDraft:
    """Return a valid pothole report at `point`."""
    fields: dict[str, object] = {
        "service_code": "road_pothole",
        "service_name": "Ổ gà",
        "description": "Ổ gà lớn giữa đường, xe máy dễ ngã.",
        "point": point,
        "point_source": "map" if point else None,
    }
    fields.update(changes)
    return IncidentDraft.model_validate(fields)
