"""The printable report's pages, drawn by fpdf2 in embedded Unicode fonts.

DejaVu Sans prints Latin (Vietnamese, Polish, Czech, Turkish...), Greek, Cyrillic, Armenian,
Georgian, Hebrew and Arabic; Droid Sans Fallback adds Chinese and Japanese. Right-to-left and
joined scripts are shaped by HarfBuzz. A letter none of the fonts has (Korean, Thai, the Indic
scripts...) prints as '?', and the report counts the rows that have one. fpdf2 and the fonts
load only when a report is written; only the glyphs used are embedded.

fpdf2 keeps the whole document in memory until it is written and takes about 0.7 ms a row: a
5,000-row report took 3.6 s and peaked at 110 MB (the WinAnsi writer before it: 0.25 s, 29 MB).
The window writes reports off the GUI thread.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from desk.core.errors import DeskError

if TYPE_CHECKING:
    from fpdf import FPDF

LETTER_LANDSCAPE = (792.0, 612.0)
"""US Letter turned sideways, in points."""

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
FALLBACK = "DroidSansFallbackFull.ttf"
MISSING = "?"

_MARGIN = 40.0
_ROW = 14.0
_SIZE = 8.5
_ELLIPSIS = "…"
# Stands for the page count until the end. Made of DEL characters, which `printable` turns into
# spaces, so no name or title can contain it and be printed as a number.
_PAGES = "\x7fpages\x7f"


def _needs_shaping(text: str) -> bool:
    """Right-to-left letters (Arabic, Hebrew) must be reordered and joined by the shaper."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


class ReportPdf:
    """A heading, a table whose header repeats on every page, closing lines, and a footer.

    Every page's footer carries its number, the page count and `head` (set it before the
    first page is finished).
    """

    def __init__(
        self,
        *,
        title: str,
        lines: Sequence[str],
        columns: Sequence[tuple[str, float]],
        fonts: Path,
        head: str = "",
    ) -> None:
        self.title = title
        self.lines = tuple(lines)
        self.columns = tuple(columns)
        self.head = head
        self.in_table = False
        self.rows_with_missing = 0
        self._pdf = self._document(fonts)
        self._covered = self._coverage()
        self._pdf.add_page()

    def _document(self, fonts: Path) -> FPDF:
        from fpdf import FPDF

        report = self

        class _Pages(FPDF):
            def header(self) -> None:
                report._page_header()

            def footer(self) -> None:
                report._page_footer()

        for name in (REGULAR, BOLD, FALLBACK):
            if not (fonts / name).is_file():
                raise DeskError(
                    f"cannot write the PDF report: its font {fonts / name} is missing; "
                    "reinstall Desk, or export a CSV file instead"
                )
        pdf = _Pages(orientation="L", unit="pt", format="letter")
        pdf.add_font("body", "", str(fonts / REGULAR))
        pdf.add_font("body", "B", str(fonts / BOLD))
        pdf.add_font("fallback", "", str(fonts / FALLBACK))
        pdf.set_fallback_fonts(["fallback"], exact_match=False)
        pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
        pdf.set_auto_page_break(False)
        pdf.set_title(self.title)
        pdf.set_creator("Desk")
        pdf.set_producer("Desk")
        pdf.alias_nb_pages(_PAGES)
        return pdf

    def _coverage(self) -> frozenset[int]:
        from fpdf.fonts import TTFFont

        covered: set[int] = set()
        for font in self._pdf.fonts.values():
            if isinstance(font, TTFFont):
                covered.update(font.cmap)
        return frozenset(covered)

    def printable(self, text: str) -> str:
        """`text` as the fonts can print it: control characters as spaces, missing letters '?'."""
        return self._printable(text)[0]

    def _printable(self, text: str) -> tuple[str, bool]:
        out = []
        replaced = False
        for char in unicodedata.normalize("NFC", text):
            kind = unicodedata.category(char)
            if kind == "Cc":
                out.append(" ")
            elif ord(char) in self._covered:
                out.append(char)
            elif kind == "Cf" or kind.startswith("Z"):
                # Invisible joiners and odd spaces: nothing to print, or a plain space.
                out.append(" " if kind.startswith("Z") else "")
            else:
                out.append(MISSING)
                replaced = True
        return "".join(out), replaced

    def _font(self, *, size: float, bold: bool = False) -> None:
        self._pdf.set_font("body", "B" if bold else "", size)

    def _shaped(self, text: str) -> None:
        self._pdf.set_text_shaping(_needs_shaping(text))

    def fit(self, text: str, width: float) -> str:
        """`text` cut with an ellipsis to fit `width` points in the current font."""
        pdf = self._pdf
        if pdf.get_string_width(text) <= width:
            return text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if pdf.get_string_width(text[:middle].rstrip() + _ELLIPSIS) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + _ELLIPSIS

    def _page_header(self) -> None:
        pdf = self._pdf
        pdf.set_xy(_MARGIN, _MARGIN)
        if pdf.page_no() == 1:
            self._font(size=15, bold=True)
            self._line(self.title, height=24)
            self._font(size=9)
            for line in self.lines:
                self._line(line, height=12)
            pdf.set_y(pdf.get_y() + 8)
        else:
            self._font(size=10, bold=True)
            self._line(f"{self.title} (continued)", height=20)
        if self.in_table:
            self._table_header()

    def _page_footer(self) -> None:
        pdf = self._pdf
        self._font(size=8)
        pdf.set_text_shaping(False)
        y = pdf.h - _MARGIN + 6
        pdf.set_xy(_MARGIN, y)
        pdf.cell(200, 10, f"Page {pdf.page_no()} of {_PAGES}")
        pdf.set_xy(_MARGIN, y)
        pdf.cell(pdf.w - 2 * _MARGIN, 10, f"Head of the log at export: {self.head}", align="R")

    def _line(self, text: str, *, height: float) -> None:
        pdf = self._pdf
        shown = self.printable(text)
        self._shaped(shown)
        pdf.set_x(_MARGIN)
        pdf.cell(pdf.w - 2 * _MARGIN, height, self.fit(shown, pdf.w - 2 * _MARGIN))
        pdf.set_xy(_MARGIN, pdf.get_y() + height)

    def _cells(self, cells: Sequence[str], *, bold: bool, fill: bool = False) -> None:
        pdf = self._pdf
        self._font(size=_SIZE, bold=bold)
        y = pdf.get_y()
        x = _MARGIN
        missing = False
        for (_, width), cell in zip(self.columns, cells, strict=True):
            shown, replaced = self._printable(cell)
            missing = missing or replaced
            self._shaped(shown)
            pdf.set_xy(x, y)
            pdf.cell(width, _ROW, " " + self.fit(shown, width - 4), border="B", fill=fill)
            x += width
        self.rows_with_missing += missing and not bold
        pdf.set_xy(_MARGIN, y + _ROW)

    def _table_header(self) -> None:
        self._pdf.set_fill_color(230)
        self._pdf.set_draw_color(0)
        self._pdf.set_line_width(0.25)
        self._cells([h for h, _ in self.columns], bold=True, fill=True)

    def _room(self, height: float) -> None:
        pdf = self._pdf
        if pdf.get_y() + height > pdf.h - _MARGIN:
            pdf.add_page()

    def begin_table(self) -> None:
        self._room(_ROW * 2)
        self.in_table = True
        self._table_header()

    def row(self, cells: Sequence[str]) -> None:
        self._room(_ROW)
        self._cells(cells, bold=False)

    def end_table(self) -> None:
        self.in_table = False
        self._pdf.set_y(self._pdf.get_y() + _ROW / 2)

    def text(self, line: str, *, bold: bool = False) -> None:
        self._room(_ROW)
        self._font(size=10 if bold else 9, bold=bold)
        self._line(line, height=_ROW)

    def write(self, out: IO[bytes], *, created: datetime, subject: str) -> int:
        """Write the finished document; returns the page count."""
        self._pdf.set_subject(subject)
        self._pdf.set_creation_date(created)
        out.write(self._pdf.output())
        return int(self._pdf.pages_count)
