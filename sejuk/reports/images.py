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
from sejuk.phrases import Phrases

FORMATS = ("PNG", "JPEG", "WEBP")
EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp")


def image_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_image(name: str, data: bytes, *, max_bytes: int, max_pixels: int) -> Image.Image:
    """The decoded picture, upright (EXIF orientation applied), or an :class:`InputError`."""
    if not data:
        raise InputError.said(_IMAGES, "empty", name=name)
    if len(data) > max_bytes:
        raise InputError.said(_IMAGES, "too_big", name=name, size=len(data) / 1_000_000,
                              limit=max_bytes / 1_000_000)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            fmt = image.format
            width, height = image.size
            if fmt not in FORMATS:
                raise InputError.said(_IMAGES, "format", name=name, fmt=fmt or "unknown")
            if width * height > max_pixels:
                raise InputError.said(_IMAGES, "too_large", name=name, width=width,
                                      height=height)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError.said(_IMAGES, "bomb", name=name) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise InputError.said(_IMAGES, "not_picture", name=name) from None
    return ImageOps.exif_transpose(image).convert("RGB")


__all__ = ["EXTENSIONS", "FORMATS", "image_hash", "open_image"]


_IMAGES: Phrases = {
    "empty": {"id": "{name}: berkasnya kosong", "en": "{name}: the file is empty"},
    "too_big": {
        "id": "{name}: {size:.1f} MB melebihi batas {limit:g} MB untuk tangkapan layar; kirim "
              "tangkapan layarnya sendiri (bukan foto layar dari kamera) atau potong",
        "en": "{name}: {size:.1f} MB is larger than the {limit:g} MB limit for a screenshot; "
              "send the screenshot itself (not a camera photo of the screen) or crop it"},
    "format": {"id": "{name}: gambar {fmt}; kirim tangkapan layar PNG, JPEG atau WebP",
               "en": "{name}: a {fmt} picture; send PNG, JPEG or WebP screenshots"},
    "too_large": {"id": "{name}: {width}x{height} piksel terlalu besar untuk dibaca; kirim "
                        "tangkapan layar",
                  "en": "{name}: {width}x{height} pixels is too large to read; send a "
                        "screenshot"},
    "bomb": {"id": "{name}: terlalu banyak piksel untuk dibaca dengan aman; kirim tangkapan "
                   "layar",
             "en": "{name}: too many pixels to read safely; send a screenshot"},
    "not_picture": {"id": "{name}: bukan gambar (seharusnya tangkapan layar PNG, JPEG atau "
                          "WebP)",
                    "en": "{name}: not a picture (PNG, JPEG or WebP screenshot expected)"},
}
