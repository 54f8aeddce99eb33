"""Decode a picture's bytes with Pillow, bounded, and scale it for the terminal.

Pictures come from hostile pages. Each one costs bounded time and memory, whatever it
claims to be:

* the header is read first and a picture of more than ``MAX_PIXELS`` is refused before
  a single pixel is decoded (a 50,000 × 50,000 PNG is 30 bytes of header);
* only the first frame of an animation is decoded, however many frames follow;
* the format is read from the bytes, never from the file name; markup (SVG, an HTML
  page saved under an image's name) is never rendered, only named;
* a truncated or corrupt file, or anything Pillow cannot read, is a failure with a
  reason, never an exception: the figure then shows its placeholder.

Pillow is imported on the first picture, not with the reader.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_PIXELS = 40_000_000
"""Largest picture decoded (width × height); 40 megapixels is a large camera photo."""
MAX_SIDE = 30_000
"""Longest side decoded: a 30,000 × 2 strip is small in pixels but not worth drawing."""
MAX_SCALED_PIXELS = 4_000_000
"""Largest result of ``decode_scaled``: far more than any terminal shows."""


class Failure(StrEnum):
    MARKUP = "not drawn: vector or markup (SVG, HTML)"
    UNKNOWN = "not a picture format the reader knows"
    TOO_LARGE = "too large to draw"
    BROKEN = "damaged or cut short"
    MISSING = "not saved with the page"


@dataclass(frozen=True, slots=True)
class ImageInfo:
    format: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Decoded:
    """A picture scaled to fit, as RGBA bytes (row by row, 4 bytes a pixel)."""

    width: int
    height: int
    rgba: bytes
    info: ImageInfo


def sniff_markup(data: bytes) -> bool:
    """True when ``data`` is text markup (SVG, HTML, XML), whatever it is named."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n\f")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", "ignore").lstrip().encode("ascii", "ignore")
    return head[:1] == b"<"


def _open(data: bytes) -> Image | Failure:
    if not data:
        return Failure.MISSING
    if sniff_markup(data):
        return Failure.MARKUP
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns (and past twice its own cap, raises) about large pictures; the
            # caps here are stricter and checked before anything is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        return Failure.TOO_LARGE
    except UnidentifiedImageError:
        return Failure.UNKNOWN
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError, IndexError, TypeError):
        return Failure.BROKEN


def _too_large(width: int, height: int) -> bool:
    return width <= 0 or height <= 0 or width * height > MAX_PIXELS or max(width, height) > MAX_SIDE


def probe(data: bytes) -> ImageInfo | Failure:
    """The format and size in ``data``'s header; nothing is decoded."""
    image = _open(data)
    if isinstance(image, Failure):
        return image
    with image:
        width, height = image.size
        info = ImageInfo(str(image.format or "?"), width, height)
    if _too_large(width, height):
        return Failure.TOO_LARGE
    return info


def fit(
    width: int, height: int, max_width: int, max_height: int, enlarge: bool = False
) -> tuple[int, int]:
    """``width`` × ``height`` scaled down (never up, unless ``enlarge``) to fit the
    box, aspect kept, at least 1 × 1."""
    if width <= 0 or height <= 0:
        return 1, 1
    scale = min(max_width / width, max_height / height)
    if not enlarge:
        scale = min(1.0, scale)
    return max(1, round(width * scale)), max(1, round(height * scale))


def decode_scaled(
    data: bytes, max_width: int, max_height: int, enlarge: bool = False
) -> Decoded | Failure:
    """The first frame of the picture in ``data``, scaled to fit ``max_width`` ×
    ``max_height`` pixels (a smaller picture enlarged to fit with ``enlarge``), as
    RGBA."""
    if max_width < 1 or max_height < 1 or max_width * max_height > MAX_SCALED_PIXELS:
        raise ValueError("the target box must be between 1 pixel and MAX_SCALED_PIXELS")
    image = _open(data)
    if isinstance(image, Failure):
        return image
    from PIL import Image as PILImage

    try:
        with image:
            width, height = image.size
            if _too_large(width, height):
                return Failure.TOO_LARGE
            info = ImageInfo(str(image.format or "?"), width, height)
            target = fit(width, height, max_width, max_height, enlarge)
            # JPEG decodes at 1/2, 1/4 or 1/8 scale for nearly nothing: ask for it.
            image.draft("RGB", target)
            image.seek(0)  # the first frame only, however many follow
            frame = image.convert("RGBA")
            if frame.size != target:
                frame = frame.resize(target, PILImage.Resampling.BILINEAR, reducing_gap=2.0)
            return Decoded(frame.width, frame.height, frame.tobytes(), info)
    except PILImage.DecompressionBombError:
        return Failure.TOO_LARGE
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, KeyError):
        return Failure.BROKEN
    except MemoryError:
        return Failure.TOO_LARGE
