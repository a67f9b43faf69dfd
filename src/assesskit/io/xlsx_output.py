"""xlsx output of ``assesskit score``: a workbook a finance clerk can work in.

A results sheet (one row per entity and period, with the columns kept from
the input), a sheet per roll-up level and a notes sheet. Cells are typed:
totals, points and money are numbers shown with two decimals, other numbers
are numbers, flags are booleans, periods and ids are text (Excel never turns
``2026-07`` into a date, and text is never a formula). Headers are in the
chosen language, the header row is frozen and column widths fit the text.

The workbook is written by XlsxWriter in ``constant_memory`` mode: each row
goes to a temporary file as it is written, so the writer holds one row at a
time, whatever the number of results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from assesskit.io.layout import field_names, kept_headers, value_columns
from assesskit.io.published import ScoreRun
from assesskit.io.selection import Selection
from assesskit.io.table import display_width
from assesskit.io.table_output import header_word
from assesskit.periods import Period
from assesskit.results import Result
from assesskit.text import Lang, Text, in_script, written

__all__ = [
    "NOTE_HEADER",
    "SHEETS",
    "XLSX_MISSING",
    "CellKind",
    "Sheet",
    "SheetColumn",
    "result_columns",
    "workbook_formats",
    "write_xlsx",
]

#: What to tell a user whose installation lacks the writer.
XLSX_MISSING = "xlsx output needs XlsxWriter: pip install 'assesskit[xlsx]'"
#: Column widths (in characters) are fitted to the text, within these bounds.
_MIN_WIDTH, _MAX_WIDTH = 6, 60
#: Only the first rows are measured for widths: enough to fit, cheap for a million rows.
_MEASURED_ROWS = 1000

#: What a cell holds: text, a number with two decimals, any number, or a flag.
CellKind = str

#: The names of the sheets.
SHEETS = {
    "results": Text("results", "结果"),
    "rollups": Text("roll-ups", "汇总"),
    "notes": Text("notes", "说明"),
}
#: The header of the notes sheet.
NOTE_HEADER = {
    "en": ["entity_id", "period", "kind", "note"],
    "zh": ["对象", "考核期", "类别", "说明"],
}


@attrs.frozen
class SheetColumn:
    """One column of the results sheet: its header, what it holds and how to read it."""

    header: str
    kind: CellKind
    value: Callable[[int, Result], object]


def _number(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal | Fraction):
        return float(value)
    if isinstance(value, Period | dt.date):
        return str(value)
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)  # as in CSV
    return value


def result_columns(
    run: ScoreRun, lang: Lang, selection: Selection | None = None
) -> list[SheetColumn]:
    """The columns of the results sheet, in the order of the CSV output.

    *selection* chooses the value columns (default: all, with the notes).
    """
    scheme = run.scheme
    zh = lang == "zh"
    chosen = Selection() if selection is None else selection
    columns = [
        SheetColumn(header_word("entity_id", lang), "text", lambda i, r: r.entity_id),
        SheetColumn(
            header_word(scheme.period_field, lang),
            "text",
            lambda i, r: None if r.period is None else str(r.period),
        ),
    ]
    for name in field_names(run.results):
        columns.append(SheetColumn(header_word(name, lang), "any", _field(name)))
    shown = kept_headers(run.kept, [c.header for c in columns] + ["total", "band", "vetoed"])
    for name, header in zip(run.kept, shown, strict=True):
        columns.append(SheetColumn(header, "any", _kept(run, name)))
    if chosen.shows("total"):
        columns.append(SheetColumn(header_word("total", lang), "fixed", lambda i, r: r.total))
    if scheme.bands is not None and chosen.shows("band"):
        columns.append(
            SheetColumn(
                header_word("band", lang),
                "text",
                lambda i, r: None if r.band is None else r.band.label.get(lang),
            )
        )
    if chosen.shows("vetoed"):
        columns.append(SheetColumn(header_word("vetoed", lang), "flag", lambda i, r: r.vetoed))
    for column in chosen.value_columns(value_columns(scheme, run.results)):
        header = column.label.zh if zh else column.name
        if column.kind == "component":
            columns.append(
                SheetColumn(
                    header,
                    "fixed",
                    _points(column.key),
                )
            )
        else:
            kind = "fixed" if scheme_money(run, column.key) else "any"
            words = scheme.outcome_words().get(column.key) if zh else None
            columns.append(SheetColumn(header, kind, _outcome(column.key, words)))
    if chosen.keys is not None:
        return columns  # a summary: the notes are on their own sheet
    columns.append(
        SheetColumn(
            "说明" if zh else "notes",
            "text",
            lambda i, r: " | ".join(n.get(lang) for n in r.notes) or None,
        )
    )
    return columns


def _field(name: str) -> Callable[[int, Result], object]:
    return lambda index, result: result.fields.get(name)


def _kept(run: ScoreRun, name: str) -> Callable[[int, Result], object]:
    return lambda index, result: run.kept_value(index, name)


def _points(key: str) -> Callable[[int, Result], object]:
    def points(index: int, result: Result) -> object:
        component = result.components.get(key)
        return None if component is None else component.points

    return points


def _outcome(key: str, words: Mapping[str, Text] | None = None) -> Callable[[int, Result], object]:
    """An outcome's cells: a text value (or list item) by its word in *words* when given."""
    if not words:
        return lambda index, result: result.outcome.get(key)
    return lambda index, result: worded(result.outcome.get(key), words)


def worded(value: object, words: Mapping[str, Text]) -> object:
    """*value* with a text (or each text of a list) replaced by its Chinese word in *words*."""
    if isinstance(value, str):
        return words[value].zh if value in words else value
    if isinstance(value, list | tuple):
        return "、".join(str(worded(v, words)) for v in value)
    return value


def scheme_money(run: ScoreRun, key: str) -> bool:
    """Whether outcome *key* is an amount of money (shown with two decimals)."""
    for outcome in run.scheme.outcomes:
        if outcome.id == key:
            return outcome.kind == "money"
    return any(r.outcome_kinds.get(key) == "money" for r in run.results[:1])


class Sheet:
    """One worksheet written row by row, measuring column widths as it goes.

    Cells are ``(kind, value)``: ``fixed`` numbers get two decimals; ``None``
    and ``""`` leave the cell empty; the first rows are measured for widths.
    Text is written in *script* (``zh-Hant``: converted to traditional characters), but
    for the columns at *data* (the user's ids and names), which stay as written.
    """

    def __init__(
        self,
        book: Any,
        name: str,
        header: Sequence[str],
        formats: dict[str, Any],
        script: Lang = "en",
        data: Collection[int] = (),
    ):
        self.script = script
        self.data = frozenset(data)
        header = [in_script(h, script) for h in header]
        self.sheet = book.add_worksheet(in_script(name, script)[:31])
        self.formats = formats
        self.widths = [display_width(h) for h in header]
        self.row = 0
        for col, text in enumerate(header):
            self.sheet.write_string(0, col, text, formats["header"])
        self.sheet.freeze_panes(1, 0)

    def write(self, cells: Sequence[tuple[CellKind, object]]) -> None:
        """Write the next row."""
        self.row += 1
        row = self.row
        measure = row <= _MEASURED_ROWS
        for col, (kind, raw) in enumerate(cells):
            value = _number(raw)
            if value is None or value == "":
                continue
            shown: str
            if isinstance(value, bool):
                self.sheet.write_boolean(row, col, value)
                shown = "FALSE"
            elif isinstance(value, int | float):
                if kind == "fixed":
                    self.sheet.write_number(row, col, value, self.formats["fixed"])
                    shown = f"{value:.2f}"
                else:
                    self.sheet.write_number(row, col, value)
                    shown = repr(value)
            else:
                shown = str(value) if col in self.data else in_script(str(value), self.script)
                self.sheet.write_string(row, col, shown)
            if measure:
                self.widths[col] = max(self.widths[col], display_width(shown))

    def close(self) -> None:
        """Fit the column widths to what was measured."""
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH))


def write_xlsx(
    run: ScoreRun, lang: Lang, path: str | Path, selection: Selection | None = None
) -> None:
    """Write *run* as a workbook at *path* (a temporary file: the caller publishes it).

    *selection* chooses the columns of the results sheet (default: all).

    Raises :class:`ImportError` (with :data:`XLSX_MISSING`) without XlsxWriter.
    """
    try:
        import xlsxwriter
    except ImportError:
        raise ImportError(XLSX_MISSING) from None
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    try:
        formats = workbook_formats(book)
        _results_sheet(book, run, lang, formats, selection)
        _rollup_sheets(book, run, lang, formats)
        _notes_sheet(book, run, lang, formats)
    finally:
        book.close()


def workbook_formats(book: Any) -> dict[str, Any]:
    """The cell formats of a workbook: ``header`` (bold), ``fixed`` (two decimals)."""
    return {
        "header": book.add_format({"bold": True}),
        "fixed": book.add_format({"num_format": "0.00"}),
    }


def _results_sheet(
    book: Any, run: ScoreRun, script: Lang, formats: dict[str, Any], selection: Selection | None
) -> None:
    lang = written(script)  # composed in zh, written in the script asked for
    columns = result_columns(run, lang, selection)
    typed = 2 + len(field_names(run.results)) + len(run.kept)  # identity and kept columns
    header = [c.header for c in columns]
    sheet = Sheet(book, SHEETS["results"].get(lang), header, formats, script, range(typed))
    for index, result in enumerate(run.results):
        sheet.write([(c.kind, c.value(index, result)) for c in columns])
    sheet.close()


def _rollup_sheets(book: Any, run: ScoreRun, script: Lang, formats: dict[str, Any]) -> None:
    """One sheet per roll-up level: unit, period, total, band, members, members per band."""
    lang = written(script)
    bands = run.scheme.bands.bands if run.scheme.bands is not None else ()
    labels = {b.id: b.label.get(lang) for b in bands}
    levels: dict[str, None] = dict.fromkeys(r.level for r in run.rollups)
    zh = lang == "zh"
    for level in levels:
        header = [
            "汇总单位" if zh else "unit",
            header_word(run.scheme.period_field, lang),
            header_word("total", lang),
            header_word("band", lang),
            "成员" if zh else "members",
            *(labels[b.id] for b in bands),
        ]
        name = f"{SHEETS['rollups'].get(lang)} {level}"
        sheet = Sheet(book, name, header, formats, script, (0,))
        for rollup in run.rollups:
            if rollup.level != level:
                continue
            band = None if rollup.band is None else labels.get(rollup.band, rollup.band)
            cells: list[tuple[CellKind, object]] = [
                ("text", rollup.unit_id),
                ("text", None if rollup.period is None else str(rollup.period)),
                ("fixed", rollup.total),
                ("text", band),
                ("any", rollup.members),
            ]
            cells += [("any", rollup.band_counts.get(b.id, 0)) for b in bands]
            sheet.write(cells)
        sheet.close()


def _notes_sheet(book: Any, run: ScoreRun, script: Lang, formats: dict[str, Any]) -> None:
    """Notes on the run, then each result's vetoes and notes."""
    lang = written(script)
    header = NOTE_HEADER[lang]
    sheet = Sheet(book, SHEETS["notes"].get(lang), header, formats, script, (0, 1))
    zh = lang == "zh"
    for note in run.notes:
        sheet.write([("text", None), ("text", None), ("text", "运行" if zh else "run"),
                     ("text", note.get(lang))])  # fmt: skip
    for entity, period, kind, text in _result_notes(run.results, lang):
        sheet.write([("text", entity), ("text", period), ("text", kind), ("text", text)])
    sheet.close()


def _result_notes(results: Iterable[Result], lang: Lang) -> Iterable[tuple[Any, Any, str, str]]:
    zh = lang == "zh"
    for result in results:
        period = None if result.period is None else str(result.period)
        for veto in result.vetoes:
            label, explained = veto.label.get(lang), veto.explanation.get(lang)
            text = f"{label}: {explained}" if explained else label
            yield result.entity_id, period, header_word("veto", lang), text
        for note in result.notes:
            yield result.entity_id, period, "注" if zh else "note", note.get(lang)
