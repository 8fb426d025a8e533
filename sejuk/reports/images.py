"""Screenshots as they arrive: checked before any pixel is decoded.

A file that is not a PNG, JPEG or WebP picture, a camera photo over the size limit, or a
picture whose pixel count would exhaust memory (a decompression bomb) is refused with one
sentence naming the file; nothing of it is stored, and the image itself never is.
"""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from sejuk.errors import InputError

FORMATS = ("PNG", "JPEG", "WEBP")
EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp")


def image_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_image(name: str, data: bytes, *, max_bytes: int, max_pixels: int) -> Image.Image:
    """The decoded picture, upright (EXIF orientation applied), or an :class:`InputError`."""
    if not data:
        raise InputError(f"{name}: the file is empty")
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: {len(data) / 1_000_000:.1f} MB is larger than the "
            f"{max_bytes / 1_000_000:g} MB limit for a screenshot; send the screenshot itself "
            "(not a camera photo of the screen) or crop it")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            fmt = image.format
            width, height = image.size
            if fmt not in FORMATS:
                raise InputError(f"{name}: a {fmt or 'unknown'} picture; send PNG, JPEG or "
                                 "WebP screenshots")
            if width * height > max_pixels:
                raise InputError(f"{name}: {width}x{height} pixels is too large to read; "
                                 "send a screenshot")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(f"{name}: too many pixels to read safely; send a screenshot"
                         ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise InputError(f"{name}: not a picture (PNG, JPEG or WebP screenshot expected)"
                         ) from None
    return ImageOps.exif_transpose(image).convert("RGB")


__all__ = ["EXTENSIONS", "FORMATS", "image_hash", "open_image"]
