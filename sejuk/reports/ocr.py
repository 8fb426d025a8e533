"""Offline OCR of chat screenshots: one small interface over the engines we measured.

The engine is chosen by measurement (``benchmarks/ocr``): Tesseract 5 with Indonesian
data from Debian's packages (``tesseract-ocr``, ``tesseract-ocr-ind``) reads rendered
chat text with the lowest character error rate and is the fastest on one core, so it
is the default; RapidOCR (``pip install rapidocr-onnxruntime``, models inside the wheel)
can be selected with ``[reports] ocr_engine = "rapidocr"``. Neither downloads anything.

Engines return :class:`OcrLine` objects (text, box, confidence) so that the chat parser
can use the layout: what sits in the header, which line is a coloured sender name, where
one bubble ends and the next begins.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PIL import Image, ImageChops, ImageOps

from sejuk.errors import SejukError
from sejuk.phrases import Phrases

ENGINES = ("tesseract", "rapidocr")
#: Indonesian alone: adding English ("ind+eng") was slower and no more accurate on the
#: benchmark (its Latin alphabet reads "Forwarded" as well).
TESSERACT_LANGS = "ind"
TESSERACT_TIMEOUT = 60.0


class OcrUnavailable(SejukError):
    """The configured OCR engine is not installed on this machine."""


#: Refusals of the OCR engines, in the reader's language.
_ERRORS: Phrases = {
    "no_tesseract": {
        "id": "OCR memerlukan Tesseract: apt-get install tesseract-ocr tesseract-ocr-ind "
              "(lihat README, 'Field reports')",
        "en": "OCR needs Tesseract: apt-get install tesseract-ocr tesseract-ocr-ind "
              "(see README, 'Field reports')"},
    "no_langs": {"id": "Tesseract tidak punya data bahasa {langs}: apt-get install {packages}",
                 "en": "Tesseract lacks language data {langs}: apt-get install {packages}"},
    "timeout": {"id": "OCR berjalan lebih dari {seconds:g} detik; gambar ditolak",
                "en": "OCR took longer than {seconds:g}s; image refused"},
    "failed": {"id": "OCR gagal: {reason}", "en": "OCR failed: {reason}"},
    "no_rapidocr": {"id": "mesin OCR rapidocr tidak terpasang: pip install rapidocr-onnxruntime",
                    "en": "OCR engine rapidocr is not installed: "
                          "pip install rapidocr-onnxruntime"},
    "engine": {"id": "mesin OCR {name!r} tidak dikenal; pilih salah satu dari {engines}",
               "en": "unknown OCR engine {name!r}; choose one of {engines}"},
}


@dataclass(frozen=True)
class OcrLine:
    """One line of text as the engine read it, in the image's pixel coordinates."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float

    @property
    def height(self) -> int:
        return self.bottom - self.top


class OcrEngine(Protocol):
    name: str

    def read(self, image: Image.Image) -> list[OcrLine]: ...


def prepare(image: Image.Image) -> Image.Image:
    """Greyscale with dark text on a light ground.

    Not the plain luminance: a coloured sender name on a dark bubble and a light one on
    white lose most of their contrast there. On a light screen each pixel's darkest
    channel is kept (coloured ink becomes dark), on a dark screen its brightest channel,
    inverted (coloured or white ink becomes dark).
    """
    rgb = image.convert("RGB")
    grey = ImageOps.grayscale(rgb)
    histogram = grey.histogram()
    dark_screen = sum(histogram[:100]) > sum(histogram) / 2
    channels = rgb.split()
    if dark_screen:
        ink = ImageOps.invert(ImageChops.lighter(ImageChops.lighter(*channels[:2]),
                                                 channels[2]))
    else:
        ink = ImageChops.darker(ImageChops.darker(*channels[:2]), channels[2])
    # Levels: bubble, chip and wallpaper colours of both themes lie at 160 or above here
    # and turn (near) white, so the page has one background, as Tesseract's binarisation
    # wants; measured against plain greyscale in benchmarks/ocr (CER 13% -> 1.7% on the
    # dark theme's outgoing bubbles, which Tesseract otherwise takes for pictures).
    return ink.point(_LEVELS)


_LEVELS = [max(0, min(255, (v - _BLACK) * 255 // (_WHITE - _BLACK)))
           for _BLACK, _WHITE in [(30, 190)] for v in range(256)]


class TesseractEngine:
    """Tesseract through its command line, TSV output (words with boxes and confidence).

    One OpenMP thread per page: on a shared two-core machine Tesseract's default threads
    made a page ten times slower (0.7 s against 7 s, ``benchmarks/ocr``); parallelism
    belongs to the caller, one page per core.
    """

    name = "tesseract"

    def __init__(self, binary: str | None = None, langs: str = TESSERACT_LANGS) -> None:
        found = binary or shutil.which("tesseract")
        if found is None:
            raise OcrUnavailable.said(_ERRORS, "no_tesseract")
        self.binary = found
        self.langs = langs
        self._check_langs()

    def _check_langs(self) -> None:
        result = subprocess.run([self.binary, "--list-langs"],  # noqa: S603 (fixed argv)
                                capture_output=True, text=True,
                                timeout=TESSERACT_TIMEOUT, check=False)
        have = set(result.stdout.split())
        missing = [lang for lang in self.langs.split("+") if lang not in have]
        if missing:
            raise OcrUnavailable.said(_ERRORS, "no_langs", langs=", ".join(missing),
                                      packages=" ".join(f"tesseract-ocr-{lang}"
                                                        for lang in missing))

    def read(self, image: Image.Image) -> list[OcrLine]:
        buffer = io.BytesIO()
        prepare(image).save(buffer, format="PNG")
        try:
            result = subprocess.run(  # noqa: S603 (fixed argv; the image goes to stdin)
                [self.binary, "stdin", "stdout", "-l", self.langs, "--psm", "3", "tsv"],
                input=buffer.getvalue(), capture_output=True, timeout=TESSERACT_TIMEOUT,
                check=False, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        except subprocess.TimeoutExpired:
            raise SejukError.said(_ERRORS, "timeout", seconds=TESSERACT_TIMEOUT) from None
        if result.returncode != 0:
            reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SejukError.said(_ERRORS, "failed",
                                  reason=reason[-1] if reason else "tesseract error")
        return tsv_lines(result.stdout.decode("utf-8", "replace"))


def tsv_lines(tsv: str) -> list[OcrLine]:
    """Tesseract's word rows grouped into lines (block, paragraph, line numbers)."""
    lines: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        lines.setdefault(key, []).append(row)
    out = []
    for words in lines.values():
        left = min(int(w["left"]) for w in words)
        top = min(int(w["top"]) for w in words)
        right = max(int(w["left"]) + int(w["width"]) for w in words)
        bottom = max(int(w["top"]) + int(w["height"]) for w in words)
        confidence = sum(float(w["conf"]) for w in words) / len(words) / 100.0
        out.append(OcrLine(" ".join(w["text"] for w in words), left, top, right, bottom,
                           round(confidence, 3)))
    return sorted(out, key=lambda line: (line.top, line.left))


class RapidOcrEngine:
    """RapidOCR (PaddleOCR models on ONNX Runtime), from the ``rapidocr-onnxruntime``
    wheel, which carries its models."""

    name = "rapidocr"

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise OcrUnavailable.said(_ERRORS, "no_rapidocr") from None
        self._engine = RapidOCR()

    def read(self, image: Image.Image) -> list[OcrLine]:
        import numpy as np

        rgb = np.asarray(prepare(image).convert("RGB"))
        result, _ = self._engine(rgb)
        out = []
        for box, text, confidence in result or []:
            xs = [int(p[0]) for p in box]
            ys = [int(p[1]) for p in box]
            out.append(OcrLine(str(text), min(xs), min(ys), max(xs), max(ys),
                               round(float(confidence), 3)))
        return sorted(out, key=lambda line: (line.top, line.left))


_engines: dict[str, OcrEngine] = {}


def get_engine(name: str = "tesseract") -> OcrEngine:
    """The named engine, built once per process (loading models costs more than a page)."""
    if name not in ENGINES:
        raise OcrUnavailable.said(_ERRORS, "engine", name=name, engines=", ".join(ENGINES))
    if name not in _engines:
        _engines[name] = TesseractEngine() if name == "tesseract" else RapidOcrEngine()
    return _engines[name]


def read_lines(image: Image.Image, engine: OcrEngine) -> list[OcrLine]:
    return engine.read(image)


__all__: Sequence[str] = ["ENGINES", "OcrEngine", "OcrLine", "OcrUnavailable",
                          "RapidOcrEngine", "TesseractEngine", "get_engine", "prepare",
                          "tsv_lines"]
