"""A small PDF writer: the core Helvetica fonts, WinAnsi text, pages streamed to the file.

Enough for a printable table report without a dependency. The core fonts carry only the
Windows-1252 glyphs, so other letters print as their unaccented form or as '?'. Pages are written
as they are finished, so a long report never sits in memory; the total page count is a form
XObject written at the end and drawn on every page.
"""

from __future__ import annotations

import unicodedata
import zlib
from datetime import UTC, datetime
from typing import IO

LETTER = (612.0, 792.0)
"""US Letter in points."""

# Advance widths (1/1000 em) of Helvetica for the printable ASCII range, from Adobe's AFM metrics.
_ASCII_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 "
    + "556 " * 10
    + "278 278 584 584 584 556 1015 "
    "667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 "
    "944 667 667 611 278 278 278 469 556 333 "
    "556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 "
    "722 500 500 500 334 260 334 584"
)
_FALLBACK_WIDTH = 556
# Letters with a stroke have no Unicode decomposition; print them as their base letter.
_STROKED = str.maketrans("ŁłĐđĦħıŦŧ", "LlDdHhiTt")
_BOLD_FACTOR = 1.08  # Helvetica-Bold runs about this much wider; only headings use it.


def _width_table() -> tuple[int, ...]:
    ascii_widths = [int(w) for w in _ASCII_WIDTHS.split()]
    table = [_FALLBACK_WIDTH] * 256
    table[32:127] = ascii_widths
    for code in range(128, 256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        base = unicodedata.normalize("NFKD", char)[:1]
        if base and " " <= base <= "~":
            table[code] = ascii_widths[ord(base) - 32]
    return tuple(table)


_WIDTHS = _width_table()


def winansi(text: str) -> bytes:
    """Encode text for a core font: control characters become spaces, others '?' if unprintable."""
    if text.isprintable():
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            pass
    out = bytearray()
    for char in text:
        if unicodedata.category(char) == "Cc":
            out += b" "
            continue
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char.translate(_STROKED))
            plain = "".join(c for c in base if not unicodedata.combining(c))
            out += plain.encode("cp1252", errors="replace") if plain else b"?"
    return bytes(out)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of `text` set in Helvetica at `size`."""
    units = sum(_WIDTHS[b] for b in winansi(text))
    return units * size / 1000 * (_BOLD_FACTOR if bold else 1.0)


def fit(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """`text` as the core font prints it, cut with an ellipsis to fit in `width` points."""
    raw = winansi(text)
    scale = size / 1000 * (_BOLD_FACTOR if bold else 1.0)
    limit = width / scale
    units = sum(_WIDTHS[b] for b in raw)
    if units <= limit:
        return raw.decode("cp1252")
    room, used, cut = limit - 3 * _WIDTHS[ord(".")], 0, 0
    while cut < len(raw) and used + _WIDTHS[raw[cut]] <= room:
        used += _WIDTHS[raw[cut]]
        cut += 1
    return raw[:cut].decode("cp1252").rstrip() + "..."


def _literal(text: str) -> bytes:
    raw = winansi(text)
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _info_string(text: str) -> bytes:
    if text.isascii() and text.isprintable():
        return _literal(text)
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


class Page:
    """Drawing operations for one page; origin at the bottom left, units in points."""

    def __init__(self) -> None:
        self._ops: list[bytes] = []
        self.late_keys: set[str] = set()

    def text(self, x: float, y: float, text: str, *, size: float = 9, bold: bool = False) -> None:
        font = b"/F2" if bold else b"/F1"
        self._ops.append(
            b"BT %s %.1f Tf %.2f %.2f Td %s Tj ET" % (font, size, x, y, _literal(text))
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.5) -> None:
        self._ops.append(b"%.2f w %.2f %.2f m %.2f %.2f l S" % (width, x1, y1, x2, y2))

    def shade(self, x: float, y: float, w: float, h: float, *, grey: float = 0.9) -> None:
        self._ops.append(b"%.2f g %.2f %.2f %.2f %.2f re f 0 g" % (grey, x, y, w, h))

    def late_text(self, x: float, y: float, key: str) -> None:
        """Draw text known only when the writer closes (such as the total page count)."""
        self.late_keys.add(key)
        self._ops.append(b"q 1 0 0 1 %.2f %.2f cm /L_%s Do Q" % (x, y, key.encode("ascii")))

    def content(self) -> bytes:
        return b"\n".join(self._ops)


class PdfWriter:
    """Writes a PDF to a binary file one page at a time; `close()` finishes it.

    `Page.late_text(..., "pages")` shows the total page count; other late keys get their text
    from `close(late=...)`.
    """

    def __init__(
        self,
        out: IO[bytes],
        *,
        title: str,
        page_size: tuple[float, float] = LETTER,
    ) -> None:
        self._out = out
        self._title = title
        self._size = page_size
        self._offsets: dict[int, int] = {}
        self._kids: list[int] = []
        self._late: dict[str, int] = {}
        self._next = 5  # 1 catalog, 2 page tree, 3 and 4 fonts
        self._written = 0
        self._emit(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    @property
    def pages(self) -> int:
        return len(self._kids)

    def _emit(self, data: bytes) -> None:
        self._out.write(data)
        self._written += len(data)

    def _reserve(self) -> int:
        self._next += 1
        return self._next - 1

    def _object(
        self, number: int, body: bytes, stream: bytes | None = None, *, compress: bool = True
    ) -> None:
        self._offsets[number] = self._written
        if stream is None:
            self._emit(b"%d 0 obj\n%s\nendobj\n" % (number, body))
            return
        if compress:
            stream, body = zlib.compress(stream), body + b" /Filter /FlateDecode"
        head = b"%d 0 obj\n<< %s /Length %d >>\nstream\n" % (number, body, len(stream))
        self._emit(head + stream + b"\nendstream\nendobj\n")

    def add_page(self, page: Page) -> None:
        for key in sorted(page.late_keys - self._late.keys()):
            self._late[key] = self._reserve()
        forms = b" ".join(b"/L_%s %d 0 R" % (k.encode(), self._late[k]) for k in page.late_keys)
        content, number = self._reserve(), self._reserve()
        self._object(content, b"", page.content())
        resources = b"<< /Font << /F1 3 0 R /F2 4 0 R >> /XObject << %s >> >>" % forms
        self._object(
            number,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Resources %s"
            b" /Contents %d 0 R >>" % (*self._size, resources, content),
        )
        self._kids.append(number)

    def close(
        self, *, created: datetime, subject: str = "", late: dict[str, str] | None = None
    ) -> int:
        """Write the shared objects, cross-reference table and trailer; returns the page count."""
        texts = {"pages": str(self.pages), **(late or {})}
        font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
        self._object(3, font % b"Helvetica")
        self._object(4, font % b"Helvetica-Bold")
        form = b"/Type /XObject /Subtype /Form /BBox [-5 -5 600 20]"
        form += b" /Resources << /Font << /F1 3 0 R >> >>"
        for key, number in self._late.items():
            # Left uncompressed so the head hash can be found in the file with any text tool.
            text = b"BT /F1 8 Tf 0 0 Td %s Tj ET" % _literal(texts[key])
            self._object(number, form, text, compress=False)
        kids = b" ".join(b"%d 0 R" % k for k in self._kids)
        self._object(2, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, self.pages))
        self._object(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        info = self._reserve()
        stamp = created.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ").encode()
        self._object(
            info,
            b"<< /Title %s /Subject %s /Producer (Desk) /CreationDate (%s) >>"
            % (_info_string(self._title), _info_string(subject), stamp),
        )
        xref_at = self._written
        rows = [b"0000000000 65535 f \n"]
        rows += [b"%010d 00000 n \n" % self._offsets[n] for n in range(1, info + 1)]
        self._emit(b"xref\n0 %d\n" % (info + 1) + b"".join(rows))
        trailer = b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        self._emit(trailer % (info + 1, info, xref_at))
        return self.pages
