"""Benchmark of the on-device photo pipeline: bytes uploaded and time, against bare Pillow.

Run: python3 tests/perf/photo_pipeline.py [--runs N]

It makes a 12 MP (4000x3000) camera-like JPEG with Pillow: natural-image texture (noise at
several scales, so its spectrum falls off like a photo's, plus fine sensor grain), saved at
quality 92 with EXIF (maker, model, capture time, GPS), an ICC profile and XMP, as a phone
writes it. Then it prints
- bytes uploaded / original: what `prepare_photo` produces (what the app uploads) over the file;
- the pipeline's time against a bare Pillow resize + save of the same file (the median of N
  runs each), and against Pillow's `thumbnail` (which also decodes JPEGs at a reduced scale).
Targets: <= 10% of the bytes, <= 1.2x the time of the bare resize + save.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

from PIL import Image, ImageChops, ImageFilter

from hue_s.modules.incidents.app.photos import LONG_SIDE, prepare_photo, target_size

SIZE = (4000, 3000)
CAMERA_QUALITY = 92
HUE = ((16.0, 27.0, 49.32), (107.0, 35.0, 27.24))


def texture(size: tuple[int, int], seed: int) -> Image.Image:
    """Return a greyscale texture whose detail falls off with scale, like a photograph's."""
    width, height = size
    layers = []
    for octave in range(7, 0, -1):
        scale = 2**octave
        small = Image.effect_noise((max(2, width // scale), max(2, height // scale)), 60 + seed)
        layers.append(small.resize(size, Image.Resampling.BICUBIC))
    image = layers[0]
    for weight, layer in zip((0.6, 0.5, 0.4, 0.3, 0.25, 0.2), layers[1:], strict=True):
        image = Image.blend(image, layer, weight)
    return image


def camera_photo() -> bytes:
    """Return a 12 MP JPEG with the metadata a phone writes."""
    channels = [texture(SIZE, seed) for seed in range(3)]
    scene = Image.merge("RGB", channels).filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.merge("RGB", [Image.effect_noise(SIZE, 6) for _ in range(3)])
    photo = ImageChops.add(scene, grain, scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "PhoneMaker", "PhoneModel 12", 1
    exif.get_ifd(0x8769)[36867] = "2026:11:26 08:30:00"
    exif.get_ifd(0x8825).update({1: "N", 2: HUE[0], 3: "E", 4: HUE[1]})
    output = io.BytesIO()
    photo.save(
        output,
        format="JPEG",
        quality=CAMERA_QUALITY,
        exif=exif,
        icc_profile=b"\0" * 3144,
        xmp=b"<x:xmpmeta>phone</x:xmpmeta>",
    )
    return output.getvalue()


def bare_resize_and_save(data: bytes) -> bytes:
    """The baseline: open, resize to the same size, save as JPEG with Pillow's defaults."""
    with Image.open(io.BytesIO(data)) as image:
        resized = image.resize(target_size(*image.size, long_side=LONG_SIDE))
        output = io.BytesIO()
        resized.save(output, format="JPEG")
    return output.getvalue()


def bare_thumbnail_and_save(data: bytes) -> bytes:
    """A faster baseline: Pillow's thumbnail (draft decoding) and save."""
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((LONG_SIDE, LONG_SIDE))
        output = io.BytesIO()
        image.save(output, format="JPEG")
    return output.getvalue()


def median_seconds(function: Callable[[bytes], object], data: bytes, runs: int) -> float:
    """Return the median wall time of `function(data)` over `runs` runs (after one warm-up)."""
    function(data)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each (default 15)")
    runs = parser.parse_args().runs

    original = camera_photo()
    prepared = prepare_photo(original)
    with Image.open(io.BytesIO(original)) as image:
        original_size = image.size
    ratio = len(prepared.jpeg) / len(original)
    print(
        f"original: {original_size[0]}x{original_size[1]} JPEG q{CAMERA_QUALITY}, "
        f"{len(original):,} bytes (EXIF with GPS, ICC, XMP)"
    )
    print(
        f"uploaded: {prepared.width}x{prepared.height} JPEG, {len(prepared.jpeg):,} bytes, "
        f"no metadata"
    )
    print(f"bytes uploaded / original: {ratio:.1%} (target <= 10%)")

    ours = median_seconds(lambda data: prepare_photo(data), original, runs)
    resize = median_seconds(bare_resize_and_save, original, runs)
    thumbnail = median_seconds(bare_thumbnail_and_save, original, runs)
    print(
        f"pipeline (read EXIF, draft decode, resize, turn upright, strip, save): "
        f"{ours * 1000:.0f} ms (median of {runs})"
    )
    print(
        f"bare Pillow resize + save: {resize * 1000:.0f} ms -> pipeline / bare = "
        f"{ours / resize:.2f}x (target <= 1.2x)"
    )
    print(
        f"bare Pillow thumbnail + save: {thumbnail * 1000:.0f} ms -> pipeline / thumbnail = "
        f"{ours / thumbnail:.2f}x"
    )


if __name__ == "__main__":
    main()
