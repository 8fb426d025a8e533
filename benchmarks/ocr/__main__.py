"""OCR benchmark: character error rate and speed of candidate engines on generated
WhatsApp-like screenshots (``benchmarks/ocr/screens.py``).

    python -m benchmarks.ocr [--n 40] [--engines tesseract,tesseract-ind+eng,rapidocr]

Each engine reads the same screenshots (light and dark theme, 720 and 1080 px wide, a
third re-compressed as JPEG, a fifth scaled down as a smaller phone would capture them);
the product's chat parser (:mod:`sejuk.reports.chat`) turns the lines into message bodies,
which are compared with the ground truth. Reported per engine: body CER (edit distance /
characters of the truth, whitespace normalised), the share of screenshots read with CER
under 2 %, leaked member names and numbers (must be 0), "Diteruskan" detection, and
screenshots per second on one process (model loading excluded, reported apart).
Engines that are not installed are listed as such.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from benchmarks.ocr.screens import Screenshot, make_screenshot
from sejuk.reports.chat import from_screenshot
from sejuk.reports.ocr import OcrLine, OcrUnavailable, RapidOcrEngine, TesseractEngine, prepare


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (two rows; the strings are a few hundred characters)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def normalise(text: str) -> str:
    return " ".join(text.split())


def cer(predicted: str, truth: str) -> float:
    truth, predicted = normalise(truth), normalise(predicted)
    return edit_distance(predicted, truth) / max(1, len(truth))


def leaks(text: str, shot: Screenshot) -> int:
    """Member names and numbers that survived: a name (3+ letters) as a word, or the last
    eight digits of a number anywhere in the digits of the text."""
    digits = re.sub(r"\D", "", text)
    found = 0
    for secret in shot.secrets:
        secret_digits = re.sub(r"\D", "", secret)
        if len(secret_digits) >= 8:
            found += secret_digits[-8:] in digits
        else:
            found += any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)
                         for w in secret.split() if len(w) >= 3)
    return found


def dataset(n: int) -> list[tuple[Screenshot, Image.Image]]:
    """``n`` screenshots and the image each engine reads (JPEG and scaling applied)."""
    out = []
    for seed in range(n):
        shot = make_screenshot(1000 + seed)
        image = shot.image
        if seed % 5 == 4:
            image = image.resize((image.width * 3 // 4, image.height * 3 // 4),
                                 Image.Resampling.LANCZOS)
        if seed % 3 == 2:
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=60 + (seed * 7) % 26)
            image = Image.open(io.BytesIO(buffer.getvalue()))
            image.load()
        out.append((shot, image))
    return out


class _Rapid3:
    """RapidOCR 3.x (``pip install rapidocr onnxruntime``; PP-OCRv6 models in its wheel)."""

    name = "rapidocr3"

    def __init__(self) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError:
            raise OcrUnavailable("rapidocr (3.x) is not installed") from None
        self._engine = RapidOCR()

    def read(self, image: Image.Image) -> list[OcrLine]:
        import numpy as np

        result = self._engine(np.asarray(prepare(image).convert("RGB")))
        out = []
        for box, text, score in zip(result.boxes if result.boxes is not None else [],
                                    result.txts or (), result.scores or (), strict=False):
            xs = [int(p[0]) for p in box]
            ys = [int(p[1]) for p in box]
            out.append(OcrLine(str(text), min(xs), min(ys), max(xs), max(ys), float(score)))
        return sorted(out, key=lambda line: (line.top, line.left))


ENGINES: dict[str, Callable[[], object]] = {
    "tesseract": lambda: TesseractEngine(langs="ind"),
    "tesseract-ind+eng": lambda: TesseractEngine(langs="ind+eng"),
    "rapidocr": RapidOcrEngine,
    "rapidocr3": _Rapid3,
}


@dataclass
class Result:
    engine: str
    load_s: float
    seconds: float
    cers: list[float]
    leaked: int
    forwarded_ok: int
    n: int


def run(name: str, data: list[tuple[Screenshot, Image.Image]]) -> Result | str:
    started = time.perf_counter()
    try:
        engine = ENGINES[name]()
    except OcrUnavailable as exc:
        return str(exc)
    load = time.perf_counter() - started
    engine.read(data[0][1])  # warm-up: first-call allocations are not per-page cost
    cers, leaked, forwarded_ok = [], 0, 0
    started = time.perf_counter()
    for shot, image in data:
        chat = from_screenshot(engine.read(image), image)  # type: ignore[attr-defined]
        cers.append(cer(chat.text, shot.body_text))
        leaked += leaks(chat.text, shot)
        forwarded_ok += chat.forwarded == any(m.forwarded for m in shot.messages)
    seconds = time.perf_counter() - started
    return Result(name, load, seconds, cers, leaked, forwarded_ok, len(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ocr")
    parser.add_argument("--n", type=int, default=40, help="screenshots (default 40)")
    parser.add_argument("--engines", default="tesseract,tesseract-ind+eng,rapidocr,rapidocr3")
    args = parser.parse_args(argv)
    data = dataset(args.n)
    chars = sum(len(normalise(s.body_text)) for s, _ in data)
    print(f"{len(data)} screenshots, {chars} characters of message text, "
          f"{sum(len(s.secrets) for s, _ in data)} names/numbers to redact")
    print("| engine | body CER | screenshots CER < 2% | leaked names/numbers | "
          "'Diteruskan' right | screenshots/s | model load |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    results = []
    for name in args.engines.split(","):
        result = run(name.strip(), data)
        if isinstance(result, str):
            print(f"| {name} | not installed: {result} | | | | | |")
            continue
        results.append(result)
        total = sum(c * len(normalise(s.body_text)) for c, (s, _) in zip(result.cers, data,
                                                                            strict=True))
        good = sum(c < 0.02 for c in result.cers)
        print(f"| {name} | {total / chars:.2%} | {good}/{result.n} | {result.leaked} | "
              f"{result.forwarded_ok}/{result.n} | {result.n / result.seconds:.2f} | "
              f"{result.load_s:.2f} s |")
    if len(results) > 1:
        best = min(results, key=lambda r: r.seconds)
        print("speed ratios (screenshots/s against the fastest): " + ", ".join(
            f"{r.engine} {best.seconds / r.seconds:.2f}x" for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
