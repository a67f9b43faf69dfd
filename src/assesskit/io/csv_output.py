"""CSV output of ``assesskit score``: one row per result, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from assesskit._exact import format_number
from assesskit.io.layout import field_names, value_columns
from assesskit.io.published import ScoreRun
from assesskit.text import Lang

__all__ = [
    "FORMULA_STARTS",
    "INVISIBLE",
    "cell",
    "header",
    "is_formula",
    "neutralise",
    "render_csv",
    "rows",
]

#: Text starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "＝", "＋", "－", "＠")
#: Characters a spreadsheet may skip before a formula: spaces and invisible marks
#: (U+FEFF, U+200B...), as code points, for patterns of both Python and Arrow.
INVISIBLE = (
    (0x0009, 0x000D), (0x0020, 0x0020), (0x00A0, 0x00A0), (0x00AD, 0x00AD),
    (0x034F, 0x034F), (0x061C, 0x061C), (0x180E, 0x180E), (0x2000, 0x200F), (0x2028, 0x202F),
    (0x205F, 0x2064), (0x2066, 0x206F), (0x3000, 0x3000), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
)  # fmt: skip
_FORMULA = re.compile(
    "["
    + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in INVISIBLE)
    + "]*["
    + re.escape("".join(FORMULA_STARTS))
    + "]"
)


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could run *text* as a formula (invisible marks before it too)."""
    return _FORMULA.match(text) is not None


def neutralise(text: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading ``'`` when it could be one.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("\\ufeff=1+1"), neutralise("\\u200b@SUM(A1)")
    ("'\\ufeff=1+1", "'\\u200b@SUM(A1)")
    >>> neutralise("LO-001")
    'LO-001'
    """
    return "'" + text if is_formula(text) else text


def cell(value: Any) -> str:
    """A CSV cell: numbers as written (never neutralised), text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Fraction):
        return format_number(value, 12).lstrip("≈")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return neutralise(";".join(str(v) for v in value))
    return neutralise(str(value))


def header(run: ScoreRun) -> list[str]:
    """The CSV header: identity, total, band, vetoed, components, outcomes, notes."""
    scheme = run.scheme
    names = ["entity_id", scheme.period_field, *field_names(run.results)]
    names += ["total", "band", "vetoed"]
    names += [column.name for column in value_columns(scheme, run.results)]
    return [*names, "notes"]


def rows(run: ScoreRun, lang: Lang = "en") -> list[list[str]]:
    """One row of cells per result, in input order."""
    columns = value_columns(run.scheme, run.results)
    fields = field_names(run.results)
    out: list[list[str]] = []
    for result in run.results:
        row = [cell(result.entity_id), cell(None if result.period is None else str(result.period))]
        row += [cell(result.fields.get(name)) for name in fields]
        row += [cell(result.total), cell(result.band_id), cell(result.vetoed)]
        for column in columns:
            if column.kind == "component":
                component = result.components.get(column.key)
                row.append(cell(None if component is None else component.points))
            else:
                row.append(cell(result.outcome.get(column.key)))
        row.append(cell(" | ".join(note.get(lang) for note in result.notes) or None))
        out.append(row)
    return out


def render_csv(run: ScoreRun, lang: Lang = "en") -> str:
    """The output as CSV text with CRLF line ends (RFC 4180), as spreadsheets expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(run))
    writer.writerows(rows(run, lang))
    return buffer.getvalue()
