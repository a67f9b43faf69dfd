"""CSV output of ``assesskit score``: one row per result, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from assesskit._exact import format_number
from assesskit.io.layout import field_names, kept_headers, value_columns
from assesskit.io.published import ScoreRun
from assesskit.text import Lang, scripted

__all__ = [
    "EXCEL_COERCED",
    "FORMULA_STARTS",
    "INVISIBLE",
    "cell",
    "excel_cell",
    "excel_column",
    "excel_text",
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


def excel_text(text: str) -> str:
    """*text* as a formula that Excel shows as that very text: ``="2026-07"``.

    >>> excel_text("2026-07")
    '="2026-07"'
    """
    return '="' + text.replace('"', '""') + '"'


#: Cells Excel and WPS would change on opening a CSV file: a month or a day
#: (``2026-07`` becomes July 1st) and digits with a leading zero (``007`` becomes 7).
EXCEL_COERCED = "[0-9]{4}-[0-9]{1,2}(?:-[0-9]{1,2})?|0[0-9]+"
_COERCED_CELL = re.compile(EXCEL_COERCED)
_COERCED_ANY = re.compile(f"(?:^|\x00)(?:{EXCEL_COERCED})(?:\x00|$)")


def excel_cell(text: str) -> str:
    """A CSV cell (as written) that Excel keeps as it is: ``="2026-07"`` for ``2026-07``.

    ``--excel`` output: a cell that Excel would turn into a date or a number
    becomes a formula showing the very text; every other cell is unchanged.

    >>> excel_cell("2026-07"), excel_cell("007"), excel_cell("74.73"), excel_cell("LO-001")
    ('="2026-07"', '="007"', '74.73', 'LO-001')
    """
    return excel_text(text) if _COERCED_CELL.fullmatch(text) else text


def excel_column(cells: list[str]) -> list[str]:
    """:func:`excel_cell` of every cell of a column, CSV-quoted (most columns need nothing)."""
    if _COERCED_ANY.search("\x00".join(cells)) is None:
        return cells
    return [
        '"' + excel_cell(c).replace('"', '""') + '"' if _COERCED_CELL.fullmatch(c) else c
        for c in cells
    ]


def header(run: ScoreRun) -> list[str]:
    """The CSV header: identity, kept columns, total, band, vetoed, components, outcomes, notes."""
    scheme = run.scheme
    names = ["entity_id", scheme.period_field, *field_names(run.results)]
    after = ["total", "band", "vetoed"]
    after += [column.name for column in value_columns(scheme, run.results)]
    after.append("notes")
    return [*names, *kept_headers(run.kept, [*names, *after]), *after]


@scripted(ScoreRun.typed_words)
def rows(run: ScoreRun, lang: Lang = "en", excel: bool = False) -> list[list[str]]:
    """One row of cells per result, in input order (:func:`excel_cell` each for *excel*)."""
    columns = value_columns(run.scheme, run.results)
    fields = field_names(run.results)
    out: list[list[str]] = []
    for index, result in enumerate(run.results):
        row = [cell(result.entity_id), cell(None if result.period is None else str(result.period))]
        row += [cell(result.fields.get(name)) for name in fields]
        row += [cell(run.kept_value(index, name)) for name in run.kept]
        row += [cell(result.total), cell(result.band_id), cell(result.vetoed)]
        for column in columns:
            if column.kind == "component":
                component = result.components.get(column.key)
                row.append(cell(None if component is None else component.points))
            else:
                row.append(cell(result.outcome.get(column.key)))
        row.append(cell(" | ".join(note.get(lang) for note in result.notes) or None))
        out.append([excel_cell(c) for c in row] if excel else row)
    return out


def render_csv(run: ScoreRun, lang: Lang = "en", excel: bool = False) -> str:
    """The output as CSV text with CRLF line ends (RFC 4180), as spreadsheets expect.

    With *excel*, a cell Excel would change is written ``="2026-07"`` (:func:`excel_cell`).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(run))
    writer.writerows(rows(run, lang, excel))
    return buffer.getvalue()
