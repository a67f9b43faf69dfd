"""Table output of ``assesskit score``: aligned for a terminal, in English or Chinese."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from assesskit.io.layout import field_names, kept_headers, value_columns
from assesskit.io.published import ScoreRun
from assesskit.io.selection import Selection
from assesskit.io.table import display_width, render_table
from assesskit.text import Lang, Text, scripted

__all__ = ["fitting", "header_word", "render_results_table", "show_value"]

_WORDS = {
    "entity_id": Text("entity", "对象"),
    "period": Text("period", "考核期"),
    "year": Text("year", "年度"),
    "stage": Text("stage", "阶段"),
    "assessed_on": Text("assessed on", "考核日期"),
    "late": Text("late", "逾期"),
    "early": Text("early", "提前"),
    "total": Text("total", "总分"),
    "band": Text("band", "档次"),
    "vetoed": Text("vetoed", "否决"),
    "yes": Text("yes", "是"),
    "no": Text("no", "否"),
    "n/a": Text("n/a", "不适用"),
    "veto": Text("veto", "一票否决"),
}


def header_word(key: str, lang: Lang) -> str:
    """The word for *key* (``total``, ``band``, ``period``...) in *lang*; *key* when none."""
    return _WORDS[key].get(lang) if key in _WORDS else key


_word = header_word


def show_value(value: Any, lang: Lang, words: Mapping[str, Text] | None = None) -> str:
    """An outcome value for a person: money as ``4300.00``, flags yes/no, ``—`` for none;
    in Chinese, a text value (or list item) by its word in *words* when it has one."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _word("yes" if value else "no", lang)
    if isinstance(value, Decimal):
        return format(value, "f")
    if lang == "en":
        words = None
    if isinstance(value, list | tuple):
        sep = ", " if lang == "en" else "、"
        return sep.join(show_value(v, lang, words) for v in value) if value else "—"
    if isinstance(value, str) and words is not None and value in words:
        return words[value].get(lang)
    return str(value)


@scripted(ScoreRun.typed_words)
def render_results_table(
    run: ScoreRun,
    lang: Lang = "en",
    selection: Selection | None = None,
    width: int | None = None,
) -> str:
    """The results as a table, then vetoes and notes per result, then a count per band.

    *selection* chooses the value columns (default: all); with a *width*
    (a terminal's), the columns that do not fit are left out, from the
    right, and a note names them.
    """
    scheme = run.scheme
    chosen = Selection() if selection is None else selection
    fields = field_names(run.results)
    every = value_columns(scheme, run.results)
    columns = chosen.value_columns(every)
    header = [_word("entity_id", lang), _word(scheme.period_field, lang)]
    header += [_word(name, lang) for name in fields]
    header += kept_headers(run.kept, ["total", "band", "vetoed", *(c.name for c in every)])
    banded = scheme.bands is not None and chosen.shows("band")
    shows_total, shows_vetoed = chosen.shows("total"), chosen.shows("vetoed")
    fixed = len(header)
    right: set[int] = set()
    if shows_total:
        right.add(len(header))
        header.append(_word("total", lang))
    if banded:
        header.append(_word("band", lang))
    if shows_vetoed:
        header.append(_word("vetoed", lang))
    first_value = len(header)
    # English headers are the ids (short, as in JSON and CSV); Chinese ones the labels.
    header += [column.label.zh if lang == "zh" else column.name for column in columns]
    words = scheme.outcome_words()
    rows: list[list[str]] = []
    details: list[str] = []
    for position, result in enumerate(run.results):
        stage = result.fields.get("stage")
        name = f"{result.entity_id} {result.period}" + ("" if stage is None else f" {stage}")
        row = [str(result.entity_id), str(result.period)]
        row += [show_value(result.fields.get(f), lang) for f in fields]
        row += [show_value(run.kept_value(position, kept), lang) for kept in run.kept]
        if shows_total:
            row.append("—" if result.total is None else format(result.total, "f"))
        if banded:
            row.append("—" if result.band is None else result.band.label.get(lang))
        if shows_vetoed:
            row.append(_word("yes", lang) if result.vetoed else "")
        for index, column in enumerate(columns, start=first_value):
            if column.kind == "component":
                component = result.components.get(column.key)
                points = None if component is None else component.points
                row.append(_word("n/a", lang) if points is None else format(points, "f"))
                right.add(index)
            else:
                value = result.outcome.get(column.key)
                row.append(show_value(value, lang, words.get(column.key)))
                if isinstance(value, Decimal):
                    right.add(index)
        rows.append(row)
        details += [f"  {name}: {_word('veto', lang)} {v.label.get(lang)}" for v in result.vetoes]
        details += [f"  {name}: {note.get(lang)}" for note in result.notes]
    left_out: list[str] = []
    if width is not None:
        shown = fitting(header, rows, width, max(fixed, 1))
        left_out = header[shown:]
        header, rows = header[:shown], [row[:shown] for row in rows]
    parts = [render_table(header, rows, right)]
    if left_out:
        parts.append(_left_out(left_out, lang))
    if details:
        parts.append("\n".join(details))
    parts.append(_summary(run, lang))
    if run.rollups:
        parts.append(_rollups(run, lang))
    return "\n\n".join(parts) + "\n"


def fitting(header: Sequence[str], rows: Sequence[Sequence[str]], width: int, least: int) -> int:
    """How many columns, from the left, fit in *width* terminal columns (at least *least*)."""
    widths = [display_width(h) for h in header]
    for row in rows:
        for index, text in enumerate(row):
            widths[index] = max(widths[index], display_width(text))
    used = 0
    for count, column in enumerate(widths):
        used += column + (2 if count else 0)
        if used > width and count >= least:
            return count
    return len(widths)


def _left_out(names: Sequence[str], lang: Lang) -> str:
    shown = ", ".join(names)
    if lang == "zh":
        return f"终端宽度不足,未显示 {len(names)} 列:{shown}(用 --columns 选择,或 -o results.xlsx)"
    return (
        f"{len(names)} columns do not fit the terminal: {shown} "
        "(choose with --columns, or write -o results.xlsx)"
    )


def _rollups(run: ScoreRun, lang: Lang) -> str:
    """Roll-ups per parent unit: total, band and members per band."""
    zh = lang == "zh"
    bands = run.scheme.bands.bands if run.scheme.bands is not None else ()
    labels = {b.id: b.label.get(lang) for b in bands}
    header = (
        ["汇总单位", "层级", _word(run.scheme.period_field, lang), "总分", "档次", "成员"]
        if zh
        else ["unit", "level", run.scheme.period_field, "total", "band", "members"]
    )
    header += [labels[b.id] for b in bands]
    rows = []
    for rollup in run.rollups:
        row = [
            str(rollup.unit_id),
            str(rollup.level),
            str(rollup.period),
            "—" if rollup.total is None else format(rollup.total, "f"),
            "—" if rollup.band is None else labels.get(rollup.band, str(rollup.band)),
            str(rollup.members),
        ]
        row += [str(rollup.band_counts.get(b.id, 0)) for b in bands]
        rows.append(row)
    right = {3, 5, *range(6, 6 + len(bands))}
    title = "汇总" if zh else "Roll-ups"
    return f"{title}\n" + render_table(header, rows, right)


def _summary(run: ScoreRun, lang: Lang) -> str:
    counts = Counter(r.band_id for r in run.results)
    vetoed = sum(1 for r in run.results if r.vetoed)
    shown: list[str] = []
    if run.scheme.bands is not None:
        bands = run.scheme.bands.bands
        shown = [f"{b.label.get(lang)} {counts[b.id]}" for b in bands if counts[b.id]]
        if counts[None]:
            shown.append(f"{'无档次' if lang == 'zh' else 'no band'} {counts[None]}")
    zh = lang == "zh"
    parts = [f"共 {len(run.results)} 条结果" if zh else f"{len(run.results)} results"]
    if shown:
        parts.append(("," if zh else ", ").join(shown))
    parts.append(f"一票否决 {vetoed}" if zh else f"vetoed {vetoed}")
    return (";" if zh else "; ").join(parts)
