"""The web client's files: gzipped once when the browser takes it, revalidated, never stale.

In-process, around Starlette's static files (what Flet serves its client with) over a folder;
`test_web_security.py` checks the same on the app's real server.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles as StarletteFiles

from hue_s.app.web_build import trim_font_manifest
from hue_s.app.web_static import StaticFiles, accepts_gzip

BIG = b"".join(b"(func $f%d (result i32) i32.const %d)\n" % (i, i) for i in range(20_000))
GZIP = {"accept-encoding": "gzip, deflate, br, zstd"}
PLAIN = {"accept-encoding": "identity"}


PAGE = b"""<html><head><base href="/"><script>
flet.canvasKitBaseUrl="/canvaskit/";
flet.entrypointBaseUrl="/";
flet.assetBase="/";
flet.webSocketEndpoint="/ws";
</script><script src="flutter_bootstrap.js" async></script></head></html>"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder of client files: Flet's page, a big wasm, a small script, a picture."""
    root = tmp_path / "web"
    root.mkdir()
    (root / "index.html").write_bytes(PAGE)
    (root / "404.html").write_bytes(b"<html>not here</html>")
    (root / "main.dart.wasm").write_bytes(BIG)
    (root / "tiny.js").write_bytes(b"x=1")
    (root / "icon.png").write_bytes(os.urandom(4096))
    return root


def client(site: Path, cache: Path, roots: tuple[Path, ...] = ()) -> httpx.AsyncClient:
    """A client of the middleware around Starlette's static files over `site`."""
    static = StarletteFiles(directory=site, html=True)  # as Flet's, with its page for 404s
    files = Starlette(routes=[Mount("/", static)])
    app = StaticFiles(files, cache, roots)
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1")


async def raw_get(http: httpx.AsyncClient, path: str, headers: dict[str, str]) -> httpx.Response:
    """GET `path`; the answer's content is the bytes as sent (not decoded)."""
    async with http.stream("GET", path, headers=headers) as response:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
    response._content = body
    return response


async def test_a_big_file_is_gzipped_when_asked_and_plain_otherwise(
    site: Path, tmp_path: Path
) -> None:
    async with client(site, tmp_path / "cache") as http:
        packed = await raw_get(http, "/main.dart.wasm", GZIP)
        plain = await raw_get(http, "/main.dart.wasm", PLAIN)
    assert packed.status_code == plain.status_code == 200
    assert packed.headers["content-encoding"] == "gzip"
    assert len(packed.content) < len(BIG) / 3
    assert int(packed.headers["content-length"]) == len(packed.content)
    assert gzip.decompress(packed.content) == BIG
    assert "content-encoding" not in plain.headers
    assert plain.content == BIG
    for answer in (packed, plain):
        assert answer.headers["vary"] == "Accept-Encoding"
        assert answer.headers["cache-control"] == "no-cache"
        assert answer.headers["content-type"] == "application/wasm"
    assert packed.headers["etag"] != plain.headers["etag"]  # one per representation


async def test_an_unchanged_file_is_revalidated_with_a_304(site: Path, tmp_path: Path) -> None:
    async with client(site, tmp_path / "cache") as http:
        for headers in (GZIP, PLAIN):
            first = await raw_get(http, "/main.dart.wasm", headers)
            again = await raw_get(
                http, "/main.dart.wasm", {**headers, "if-none-match": first.headers["etag"]}
            )
            assert again.status_code == 304
            assert again.content == b""
            assert again.headers["etag"] == first.headers["etag"]
            assert again.headers["vary"] == "Accept-Encoding"
            assert "content-encoding" not in again.headers


async def test_a_new_version_of_a_file_is_never_served_stale(site: Path, tmp_path: Path) -> None:
    async with client(site, tmp_path / "cache") as http:
        old = await raw_get(http, "/main.dart.wasm", GZIP)
        (site / "main.dart.wasm").write_bytes(BIG + b";; v2\n")
        new = await raw_get(http, "/main.dart.wasm", {**GZIP, "if-none-match": old.headers["etag"]})
    assert new.status_code == 200
    assert new.headers["etag"] != old.headers["etag"]
    assert gzip.decompress(new.content) == BIG + b";; v2\n"


async def test_each_file_is_gzipped_once_into_the_cache(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    async with client(site, cache) as http:
        await raw_get(http, "/main.dart.wasm", GZIP)
        (made,) = cache.iterdir()
        made.write_bytes(gzip.compress(b"kept"))  # a second answer must come from this file
        again = await raw_get(http, "/main.dart.wasm", GZIP)
    assert gzip.decompress(again.content) == b"kept"
    async with client(site, cache) as http:  # the next start of the server keeps it too
        assert gzip.decompress((await raw_get(http, "/main.dart.wasm", GZIP)).content) == b"kept"


async def test_small_and_already_packed_files_go_as_they_are(site: Path, tmp_path: Path) -> None:
    async with client(site, tmp_path / "cache") as http:
        tiny = await raw_get(http, "/tiny.js", GZIP)
        picture = await raw_get(http, "/icon.png", GZIP)
    assert tiny.content == b"x=1"
    assert picture.content == (site / "icon.png").read_bytes()
    for answer in (tiny, picture):
        assert "content-encoding" not in answer.headers
        assert "vary" not in answer.headers
        assert answer.headers["cache-control"] == "no-cache"
    assert not (tmp_path / "cache").exists()


async def test_head_range_and_missing_files(site: Path, tmp_path: Path) -> None:
    async with client(site, tmp_path / "cache") as http:
        head = await http.head("/main.dart.wasm", headers=GZIP)
        part = await raw_get(http, "/main.dart.wasm", {**PLAIN, "range": "bytes=0-9"})
        missing = await raw_get(http, "/nothing.wasm", GZIP)
    assert head.status_code == 200
    assert head.headers["content-encoding"] == "gzip"
    assert head.content == b""
    assert part.status_code == 206
    assert part.content == BIG[:10]
    assert missing.status_code == 404  # old: a 500, the page's path handed to uvicorn
    assert missing.content == b"<html>not here</html>"


async def test_the_page_names_the_build_whose_files_last_a_year(site: Path, tmp_path: Path) -> None:
    async with client(site, tmp_path / "cache", roots=(site,)) as http:
        page = await raw_get(http, "/", GZIP)
        (build,) = set(re.findall(rb"/_v/(\w+)/", page.content))
        assert page.headers["cache-control"] == "no-cache"
        assert b'flet.assetBase="/_v/%s/"' % build in page.content
        assert b'flet.canvasKitBaseUrl="/_v/%s/canvaskit/"' % build in page.content
        assert b'src="/_v/%s/flutter_bootstrap.js"' % build in page.content
        assert b'flet.webSocketEndpoint="/ws"' in page.content
        again = await raw_get(http, "/", {"if-none-match": page.headers["etag"]})
        assert again.status_code == 304

        current = await raw_get(http, f"/_v/{build.decode()}/main.dart.wasm", GZIP)
        assert current.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert gzip.decompress(current.content) == BIG
        other = await raw_get(http, "/_v/0ld/main.dart.wasm", GZIP)  # an old page's request
        assert other.headers["cache-control"] == "no-cache"
        assert gzip.decompress(other.content) == BIG

        (site / "main.dart.wasm").write_bytes(BIG + b";; v2\n")
        new_page = await raw_get(http, "/", {"if-none-match": page.headers["etag"]})
    assert new_page.status_code == 200
    (new_build,) = set(re.findall(rb"/_v/(\w+)/", new_page.content))
    assert new_build != build  # a new version is asked for under a new name


@pytest.mark.parametrize(
    ("header", "takes"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("gzip;q=0", False),
        ("identity", False),
        ("", False),
    ],
)
def test_accept_encoding(header: str, takes: bool) -> None:
    assert accepts_gzip({b"accept-encoding": header.encode()}) is takes


def test_the_font_list_keeps_icons_and_text_fonts_only() -> None:
    fonts = [
        {"family": "MaterialIcons", "fonts": [{"asset": "fonts/MaterialIcons-Regular.otf"}]},
        {
            "family": "packages/flutter_math_fork/KaTeX_Main",
            "fonts": [{"asset": "packages/flutter_math_fork/lib/katex_fonts/fonts/K.ttf"}],
        },
        {
            "family": "packages/cupertino_icons/CupertinoIcons",
            "fonts": [{"asset": "packages/cupertino_icons/assets/CupertinoIcons.ttf"}],
        },
        {"family": "Roboto", "fonts": [{"asset": "fonts/roboto.woff2"}]},
    ]
    kept = json.loads(trim_font_manifest(json.dumps(fonts).encode()))
    assert [family["family"] for family in kept] == ["MaterialIcons", "Roboto"]
