"""Plain-text tables for a terminal, aligned by display width (CJK characters count 2)."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence

__all__ = ["display_width", "pad", "render_table"]


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal: wide (CJK) characters 2, combining marks 0.

    >>> display_width("王芳")
    4
    >>> display_width("LO-001")
    6
    """
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, right: bool = False) -> str:
    """*text* padded with spaces to *width* display columns (on the left when *right*)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def render_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Collection[int] = (),
) -> str:
    """Rows under a header, columns separated by two spaces, a rule under the header.

    Columns whose index is in *right* are right-aligned (numbers). Trailing
    spaces are removed from every line.

    >>> print(render_table(["id", "總分"], [["LO-1", "74.73"], ["LO-22", "100.00"]], right={1}))
    id       總分
    -----  ------
    LO-1    74.73
    LO-22  100.00
    """
    widths = [display_width(h) for h in header]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], display_width(cell))

    def line(cells: Sequence[str]) -> str:
        parts = [pad(c, widths[i], right=i in right) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in rows)
    return "\n".join(out)
