"""No photo is decoded before the caller is known, and none beyond the pixel budgets."""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image, ImageFile

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.photos import pipeline as photos
from hue_s.modules.incidents.backend.photos.checks import MAX_TOTAL_PIXELS
from hue_s.modules.incidents.backend.photos.pipeline import PixelBudget

from .conftest import People, photo_bytes, point_in, report


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """Return one PNG chunk with its CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def announced_png(width: int, height: int) -> bytes:
    """Return a tiny PNG whose header announces width x height RGB pixels (its data is short)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + png_chunk(b"IEND", b"")
    )


FORTY_MEGAPIXELS = announced_png(8000, 5000)
TOO_LARGE = announced_png(20_000, 20_000)


@pytest.fixture
def decoded() -> Iterator[list[str]]:
    """Record every image decoding (Pillow's ImageFile.load) and make it fail."""
    calls: list[str] = []
    original = ImageFile.ImageFile.load

    def refuse(image: ImageFile.ImageFile) -> None:
        """Stand in for decoding: note it and fail."""
        calls.append(f"{image.format} {image.size}")
        raise RuntimeError("decoded")

    ImageFile.ImageFile.load = refuse  # type: ignore[assignment,method-assign]
    try:
        yield calls
    finally:
        ImageFile.ImageFile.load = original  # type: ignore[method-assign]


CALLERS = {
    "made-up bearer": ({"headers": {"Authorization": "Bearer x"}}, 401),
    "made-up api_key field": ({"fields": {"api_key": "made-up"}}, 403),
    "made-up api_key query": ({"query": "?api_key=made-up"}, 403),
}


@pytest.mark.parametrize("caller", sorted(CALLERS))
async def test_unknown_callers_with_photos_are_refused_before_any_photo_is_decoded(
    client: httpx.AsyncClient, people: People, decoded: list[str], caller: str
) -> None:
    given, status = CALLERS[caller]
    data = {"service_code": "road_pothole", "description": "Ổ gà"} | given.get("fields", {})
    files = [("media", ("p.png", photo)) for photo in [FORTY_MEGAPIXELS] * 4 + [TOO_LARGE]]
    response = await client.post(
        f"/open311/v2/requests.json{given.get('query', '')}",
        data=data,
        files=files,
        headers=given.get("headers", {}),
    )
    assert response.status_code == status, response.text
    assert decoded == []


async def test_a_users_photos_over_the_pixel_total_are_refused_before_any_is_decoded(
    client: httpx.AsyncClient, people: People, decoded: list[str]
) -> None:
    photos_sent = [FORTY_MEGAPIXELS] * 3
    assert MAX_TOTAL_PIXELS < 3 * 8000 * 5000
    response = await report(
        client, People.auth(people.citizen), point=point_in(people.ward), photos=photos_sent
    )
    assert (response.status_code, response.json()[0]["error_code"]) == (
        422,
        "photos_too_many_pixels",
    )
    assert decoded == []


async def test_a_users_photo_over_the_pixel_limit_gets_a_clear_error_without_decoding(
    client: httpx.AsyncClient, people: People, decoded: list[str]
) -> None:
    response = await report(
        client, People.auth(people.citizen), point=point_in(people.ward), photos=[TOO_LARGE]
    )
    assert (response.status_code, response.json()[0]["error_code"]) == (
        422,
        "photo_dimensions_too_large",
    )
    assert decoded == []


async def test_other_upload_routes_refuse_unknown_callers_before_decoding(
    client: httpx.AsyncClient, people: People, decoded: list[str]
) -> None:
    bad = {"Authorization": "Bearer x"}
    resolved = await client.post(
        "/api/v1/cases/1/resolve", files={"photo": ("p.png", FORTY_MEGAPIXELS)}, headers=bad
    )
    assisted = await client.post(
        "/api/v1/incidents/assisted",
        data={"service_code": "road_pothole"},
        files=[("media", ("p.png", FORTY_MEGAPIXELS))],
        headers=bad,
    )
    assert (resolved.status_code, assisted.status_code) == (401, 401)
    assert decoded == []


async def test_photos_wait_for_the_decoding_budget_and_give_up_with_503(
    client: httpx.AsyncClient, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = PixelBudget(pixels=1, wait_seconds=0)
    monkeypatch.setattr(photos, "DECODING", full)
    with full.reserve(1):
        response = await report(
            client, People.auth(people.citizen), point=point_in(people.ward), photos=[photo_bytes()]
        )
    assert (response.status_code, response.json()[0]["error_code"]) == (503, "photo_decoding_busy")
    assert response.headers["Retry-After"]
    ok = await report(
        client, People.auth(people.citizen), point=point_in(people.ward), photos=[photo_bytes()]
    )
    assert ok.status_code == 200, ok.text


def test_the_pixel_budget_lets_a_photo_through_once_another_is_done() -> None:
    budget = PixelBudget(pixels=10, wait_seconds=60)
    holding, waiting, got_in = threading.Event(), threading.Event(), threading.Event()
    release = threading.Event()

    def first() -> None:
        """Hold most of the budget until told to release it."""
        with budget.reserve(8):
            holding.set()
            release.wait(60)

    def second() -> None:
        """Ask for more than is left; get in once the first is done."""
        holding.wait(60)
        waiting.set()
        with budget.reserve(5):
            got_in.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    waiting.wait(60)
    assert not got_in.is_set()
    assert budget.used == 8
    release.set()
    assert got_in.wait(60)
    for thread in threads:
        thread.join(60)
    assert budget.used == 0


def test_a_photo_waits_no_longer_than_the_budget_allows() -> None:
    budget = PixelBudget(pixels=2, wait_seconds=0)
    with budget.reserve(2), pytest.raises(APIError) as refused, budget.reserve(1):
        pass
    assert (refused.value.status_code, refused.value.code) == (503, "photo_decoding_busy")
    with budget.reserve(40_000_000):  # a photo larger than the budget takes all of it
        assert budget.used == 2


def test_decoded_photos_live_in_blocks_that_go_back_to_the_system_when_freed() -> None:
    glibc_largest_mmap_threshold = 32 * 1024 * 1024
    assert Image.core.get_block_size() > glibc_largest_mmap_threshold
