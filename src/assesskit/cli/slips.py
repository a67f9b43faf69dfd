"""``assesskit slips``: one printable page per person, as HTML or PDF."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import Any

from assesskit.cli.common import Console, lang_of, load_scheme, output_file, period_option
from assesskit.cli.errors import EXIT_OK, UsageError
from assesskit.cli.score import add_inputs, score_inputs
from assesskit.errors import clip
from assesskit.io.layout import value_columns
from assesskit.io.published import ScoreRun
from assesskit.io.slips import Slip, build_slip
from assesskit.io.slips_html import slips_html
from assesskit.io.slips_pdf import PdfUnavailableError, cjk_font_missing, html_to_pdf
from assesskit.results import Result
from assesskit.text import Lang, in_script

__all__ = ["add_parser", "run"]

#: What ``-o`` may name, by suffix.
FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}
#: The kept input column that names the person.
NAME_COLUMN = "name"


def add_parser(commands: Any, parent: argparse.ArgumentParser) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "slips",
        parents=[parent],
        help="write one printable page per person (HTML or PDF)",
        description="Score the input (with history) and write a slip per result: the "
        "components with points out of their maximum, the total, the band, pay and the "
        "other outcomes with their arithmetic, and what to improve to reach the next band. "
        "-o slips.html writes one self-contained HTML document (print it: a page per "
        "person); -o slips.pdf needs the pdf extra (pip install 'assesskit[pdf]').",
    )
    add_inputs(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write: .html (or .htm) or .pdf",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a read-only output file (an input, a device or a folder is never replaced)",
    )
    parser.add_argument(
        "--entity",
        action="append",
        default=[],
        metavar="ID",
        help="only this entity_id or kept value (a name: 王芳); repeatable",
    )
    parser.add_argument("--period", metavar="P", help="only this period (YYYY-MM or YYYY)")
    parser.set_defaults(run=run)


def _format(output: str) -> str:
    fmt = FORMATS.get(Path(output).suffix.lower())
    if fmt is None:
        raise UsageError(
            f"-o {clip(output)}: slips are written as .html or .pdf, not "
            f"{clip(Path(output).suffix or 'a name without a suffix')}"
        )
    return fmt


def _chosen(scored: ScoreRun, args: argparse.Namespace) -> list[tuple[Result, str | None]]:
    """The results asked for, each with the person's name (the kept ``name`` column)."""
    period = period_option(args.period)
    wanted = set(args.entity)
    chosen: list[tuple[Result, str | None]] = []
    seen: set[str] = set()
    for index, result in enumerate(scored.results):
        name = scored.kept_value(index, NAME_COLUMN) if NAME_COLUMN in scored.kept else None
        values = scored.called(index)
        if wanted and not wanted & values:
            continue
        seen |= wanted & values
        if period is not None and result.period != period:
            continue
        chosen.append((result, None if name in (None, "") else str(name)))
    missing = sorted(wanted - seen)
    if missing:
        raise UsageError(f"no record of entity {', '.join(map(repr, missing))} in the input")
    if not chosen:
        raise UsageError(f"no result for period {period} in the input")
    return chosen


def run(args: argparse.Namespace, console: Console) -> int:
    """Write the slips."""
    fmt = _format(args.output)
    destination = output_file(args)
    if destination is None:
        raise UsageError("slips are written to a file: give -o slips.html or -o slips.pdf")
    loaded = load_scheme(args.scheme, args.param)
    scheme = loaded.scheme
    lang = lang_of(args, console)
    scored = score_inputs(args, console, scheme)
    for note in scored.notes:
        console.note(note.get(lang))
    chosen = _chosen(scored, args)
    labels = {
        c.key: c.label for c in value_columns(scheme, [r for r, _ in chosen]) if c.kind == "outcome"
    }
    # traditional slips are composed in simplified characters, then converted, the
    # user's own texts (ids, names, stages) kept as written
    words: Lang = "zh" if lang == "zh-Hant" else lang
    slips: list[Slip] = [build_slip(scheme, r, words, name, labels) for r, name in chosen]
    document = slips_html(slips, lang, scheme.title.get(words))
    users = [text for result, name in chosen for text in (*result.typed_words(), name or "")]
    document = in_script(document, lang, users)
    if fmt == "html":
        data = document.encode("utf-8")
    else:
        if lang != "en" and cjk_font_missing():
            warnings.warn(
                "no font with Chinese characters was found (fc-list :lang=zh is empty): "
                "Chinese in the PDF will not render; install one (e.g. apt-get install "
                "fonts-wqy-microhei, or fonts-noto-cjk)",
                stacklevel=1,
            )
        try:
            data = html_to_pdf(document)
        except PdfUnavailableError as exc:
            raise UsageError(str(exc)) from None
    destination.write([data])
    console.note(f"{len(slips)} slips written to {args.output}")
    return EXIT_OK
