"""CSV for people who read Chinese: the machine CSV with Chinese headers and values.

assesskit's CSV output is a machine format: ids as headers, values as published
(``true``, ``withheld``, ``discipline;total``), whatever language the locale
implies. Asked for in so many words (``--lang zh`` or ``--lang zh-Hant``), the
same file is written for people: headers are the words the table and the
workbook show (对象, 考核期, 总分, each component's and outcome's label, 说明),
flags 是/否, a band by its label, a status or a list by its words. Numbers,
ids, periods and the input's own columns (``name``…) stay as they are. Such a
file is for reading, not for reading back.

Both the whole-file and the streamed command line write the machine CSV
first; :func:`worded_rows` turns it, a row at a time, into the other.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import IO

from assesskit.io.layout import flag_keys, value_columns
from assesskit.io.table_output import header_word
from assesskit.scheme import Scheme
from assesskit.stages import DATE_FIELD, STAGE_FIELD
from assesskit.text import Lang, Text, in_script, written

__all__ = ["worded_blocks", "worded_rows", "worded_text"]

#: The header of the notes column; the fields a stage adds after the period.
_NOTES = Text("notes", "说明")
_STAGE_FIELDS = (STAGE_FIELD, DATE_FIELD, "late", "early")
_FLAGS = {"true": Text("true", "是"), "false": Text("false", "否")}
#: Rows turned into text at a time by :func:`worded_blocks`.
_ROWS_PER_BLOCK = 4096


def _flag_columns(scheme: Scheme) -> set[str]:
    """The CSV headers of columns that hold flags (``true``/``false``)."""
    flags = flag_keys(scheme)
    out = {"vetoed", *flags}
    out |= {c.name for c in value_columns(scheme) if c.key in flags}
    return out


def _own_fields(scheme: Scheme, header: list[str], total_at: int) -> int:
    """How many columns are the record's identity: entity, period, then a stage's fields."""
    fixed = 2
    while scheme.stages and fixed < total_at and header[fixed] in _STAGE_FIELDS:
        fixed += 1
    return fixed


def worded_rows(scheme: Scheme, rows: Iterable[list[str]], lang: Lang) -> Iterator[list[str]]:
    """The machine CSV *rows* (header first) with headers and values in *lang*'s words.

    The identity and the input's own columns keep their cells; every other
    cell is given in the script of *lang* (traditional for ``zh-Hant``).
    """
    words = written(lang)
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        return
    total_at = header.index("total")
    fixed = _own_fields(scheme, header, total_at)
    labels = {c.name: c.label for c in value_columns(scheme)}
    shown: list[str] = []
    for at, name in enumerate(header):
        if at < fixed:
            shown.append(header_word(name, words))
        elif at < total_at:
            shown.append(name)  # the input's own column
        elif at == len(header) - 1 and name == "notes":
            shown.append(_NOTES.get(words))
        elif name in ("total", "band", "vetoed"):
            shown.append(header_word(name, words))
        else:
            shown.append(labels[name].get(words) if name in labels else name)
    yield in_script(shown, lang, header[fixed:total_at])
    flagged = _flag_columns(scheme)
    flags = {at for at, name in enumerate(header) if name in flagged and at >= total_at}
    flags |= {at for at in range(2, fixed) if header[at] in ("late", "early")}
    band_at = header.index("band")
    bands = {b.id: b.label.get(words) for b in scheme.bands.bands} if scheme.bands else {}
    keys = {c.name: c.key for c in value_columns(scheme)}
    outcome_words = scheme.outcome_words()
    worded_at: dict[int, Mapping[str, Text]] = {
        at: outcome_words[keys[name]]
        for at, name in enumerate(header)
        if name in keys and keys[name] in outcome_words
    }
    for row in rows:
        out = list(row)
        for at, text in enumerate(row):
            if not text or (at < total_at and at not in flags):
                continue
            if at in flags:
                out[at] = _FLAGS[text].get(words) if text in _FLAGS else text
            elif at == band_at:
                out[at] = bands.get(text, text)
            elif at in worded_at:
                known = worded_at[at]
                out[at] = "、".join(
                    known[part].get(words) if part in known else part for part in text.split(";")
                )
            else:
                continue
            out[at] = in_script(out[at], lang)
        yield out


def worded_text(scheme: Scheme, text: str, lang: Lang) -> str:
    """The machine CSV *text* with headers and values in *lang*'s words (CRLF line ends)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        worded_rows(scheme, csv.reader(io.StringIO(text, newline="")), lang)
    )
    return buffer.getvalue()


def worded_blocks(scheme: Scheme, body: IO[bytes], lang: Lang) -> Iterator[bytes]:
    """The machine CSV bytes *body* (UTF-8, from its start) in *lang*'s words, in blocks."""
    text = io.TextIOWrapper(body, encoding="utf-8", newline="")
    try:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for count, row in enumerate(worded_rows(scheme, csv.reader(text), lang), start=1):
            writer.writerow(row)
            if count % _ROWS_PER_BLOCK == 0:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")
    finally:
        text.detach()
