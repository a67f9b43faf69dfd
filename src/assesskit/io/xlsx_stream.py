"""xlsx output of a streamed run: the scored CSV text, row by row, into a typed workbook.

A large CSV input is scored in chunks (:mod:`assesskit.run.streaming`) into
CSV text in a temporary file; this module reads that text back a row at a
time and writes the results sheet as :mod:`~assesskit.io.xlsx_output` writes
it from results in memory: the same headers, the same typed cells (numbers
as numbers, totals, points and money with two decimals, flags as booleans,
periods and ids as text), the same summary. Memory holds one row: a million
results stream out. The notes sheet lists the run's notes and each result's
notes (a vetoed result says so in its ``vetoed`` column).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

from assesskit.io.csv_output import is_formula
from assesskit.io.layout import flag_keys, kept_headers, value_columns
from assesskit.io.selection import Selection
from assesskit.io.table_output import header_word
from assesskit.io.xlsx_output import (
    NOTE_HEADER,
    SHEETS,
    XLSX_MISSING,
    CellKind,
    Sheet,
    worded,
    workbook_formats,
)
from assesskit.scheme import Scheme
from assesskit.text import Lang, Text, written

__all__ = ["write_streamed_xlsx"]

#: A column of the streamed CSV: where it is, its header in the workbook, its kind.
_Column = tuple[int, str, CellKind]


def _kinds(scheme: Scheme) -> dict[str, CellKind]:
    """The cell kind of every value column, by its CSV header."""
    money = {o.id for o in scheme.outcomes if o.kind == "money"}
    flags = flag_keys(scheme)
    numbers = {o.id for o in scheme.outcomes if o.kind == "number"}
    kinds: dict[str, CellKind] = {"total": "fixed", "vetoed": "flag"}
    for column in value_columns(scheme):
        if column.kind == "component" or column.key in money:
            kinds[column.name] = "fixed"
        elif column.key in flags:
            kinds[column.name] = "flag"
        elif column.key in numbers:
            kinds[column.name] = "number"
        else:
            kinds[column.name] = "text"
    return kinds


def _worded_columns(scheme: Scheme, header: Sequence[str]) -> dict[int, Mapping[str, Text]]:
    """The CSV columns whose texts have Chinese words (a status, a list of components)."""
    words = scheme.outcome_words()
    keys = {c.name: c.key for c in value_columns(scheme)}
    return {
        at: words[keys[name]]
        for at, name in enumerate(header)
        if name in keys and keys[name] in words
    }


def _columns(
    scheme: Scheme, header: Sequence[str], lang: Lang, selection: Selection
) -> list[_Column]:
    """The workbook's columns, from the CSV *header*: identity, kept, then those chosen."""
    kinds = _kinds(scheme)
    labels = {c.name: c for c in value_columns(scheme)}
    total_at = header.index("total")
    identity = [
        (0, header_word("entity_id", lang), "text"),
        (1, header_word(scheme.period_field, lang), "text"),
    ]
    taken = [*header[:2], *header[total_at:]]
    kept = list(zip(range(2, total_at), kept_headers(header[2:total_at], taken), strict=True))
    out: list[_Column] = [*identity, *((i, name, "text") for i, name in kept)]
    chosen = [
        name
        for name in header[total_at:-1]
        if name in ("total", "band", "vetoed") and selection.shows(name)
    ]
    chosen += [c.name for c in selection.value_columns(list(labels.values()))]
    for name in chosen:
        if name == "band" and scheme.bands is None:
            continue
        if name in ("total", "band", "vetoed"):
            shown = header_word(name, lang)
        else:
            shown = labels[name].label.zh if lang == "zh" else name
        out.append((header.index(name), shown, kinds.get(name, "text")))
    if selection.keys is None:
        out.append((len(header) - 1, "说明" if lang == "zh" else "notes", "text"))
    return out


def _value(text: str, kind: CellKind) -> object:
    """The value of a CSV cell for the workbook (``None``: an empty cell)."""
    if text == "":
        return None
    if kind == "flag":
        return text == "true"
    if kind in ("fixed", "number"):
        return float(text)
    if text.startswith("'") and is_formula(text[1:]):
        return text[1:]  # a workbook cell of text is never a formula: no quote needed
    return text


def _rows(body: IO[bytes]) -> Iterator[list[str]]:
    text = io.TextIOWrapper(body, encoding="utf-8", newline="")
    try:
        yield from csv.reader(text)
    finally:
        text.detach()


def write_streamed_xlsx(
    scheme: Scheme,
    body: IO[bytes],
    notes: Sequence[Text],
    lang: Lang,
    path: str | Path,
    selection: Selection | None = None,
) -> None:
    """Write the streamed CSV text *body* (from its start) as a workbook at *path*.

    Raises :class:`ImportError` (with :data:`~assesskit.io.xlsx_output.XLSX_MISSING`)
    without XlsxWriter.
    """
    try:
        import xlsxwriter
    except ImportError:
        raise ImportError(XLSX_MISSING) from None
    chosen = Selection() if selection is None else selection
    script, lang = lang, written(lang)
    bands = {b.id: b.label.get(lang) for b in scheme.bands.bands} if scheme.bands else {}
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    try:
        formats = workbook_formats(book)
        rows = _rows(body)
        header = next(rows)
        columns = _columns(scheme, header, lang, chosen)
        band_at = header.index("band")
        worded_at = _worded_columns(scheme, header) if lang == "zh" else {}
        typed = range(header.index("total"))  # identity and kept columns: the user's own
        shown = [c[1] for c in columns]
        sheet = Sheet(book, SHEETS["results"].get(lang), shown, formats, script, typed)
        # constant_memory writes each sheet in row order: both sheets fill side by side
        notes_sheet = Sheet(
            book, SHEETS["notes"].get(lang), NOTE_HEADER[lang], formats, script, (0, 1)
        )
        run = "运行" if lang == "zh" else "run"
        for note in notes:
            notes_sheet.write([("text", None), ("text", None), ("text", run),
                               ("text", note.get(lang))])  # fmt: skip
        kind_of_note = "注" if lang == "zh" else "note"
        for row in rows:
            cells: list[tuple[CellKind, object]] = []
            for at, _, kind in columns:
                text = row[at]
                if at == band_at:
                    cells.append(("text", bands.get(text, text) or None))
                elif at in worded_at and text:
                    cells.append(("text", worded(text.split(";"), worded_at[at])))
                else:
                    cells.append((kind, _value(text, kind)))
            sheet.write(cells)
            if row[-1]:
                notes_sheet.write(
                    [("text", _value(row[0], "text")), ("text", row[1]), ("text", kind_of_note),
                     ("text", _value(row[-1], "text"))]
                )  # fmt: skip
        sheet.close()
        notes_sheet.close()
    finally:
        book.close()
