"""``assesskit explain``: the full explanation of one result, for the person assessed."""

from __future__ import annotations

import argparse
import difflib
from typing import Any

from assesskit.cli.common import Console, lang_of, load_scheme, period_option
from assesskit.cli.errors import EXIT_OK, UsageError
from assesskit.cli.score import add_inputs, score_inputs
from assesskit.errors import clip
from assesskit.history import History, HistoryEntry
from assesskit.io.history_files import read_history
from assesskit.io.layout import value_columns
from assesskit.io.published import ScoreRun
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.scoring.arithmetic import explain_arithmetic
from assesskit.stages import STAGE_FIELD

__all__ = ["add_parser", "run"]


def add_parser(commands: Any, parent: argparse.ArgumentParser) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "explain",
        parents=[parent],
        help="explain one result point by point",
        description="Score the input (with history from the same input and --history "
        "files) and explain the result of one entity: every component's points and how "
        "they were computed, vetoes, the total, the band and the outcomes.",
    )
    add_inputs(parser)
    parser.add_argument(
        "--entity",
        required=True,
        metavar="ID",
        help="the entity_id to explain, or a value of a kept input column (a name: 王芳)",
    )
    parser.add_argument("--period", metavar="P", help="the period (YYYY-MM or YYYY), if several")
    parser.add_argument("--stage", metavar="S", help="the review stage, if several")
    parser.set_defaults(run=run)


def _by_name(scored: ScoreRun, name: str) -> list[Result]:
    """The results whose kept input columns (``name``...) hold *name*, of one entity only."""
    found = [result for index, result in enumerate(scored.results) if name in scored.called(index)]
    entities = sorted({str(r.entity_id) for r in found})
    if len(entities) > 1:
        raise UsageError(
            f"{clip(repr(name))} is the kept value of several entities ({', '.join(entities)}); "
            "give the entity_id"
        )
    return found


def _pick(scored: ScoreRun, args: argparse.Namespace) -> Result:
    results = scored.results
    entity = args.entity
    mine = [r for r in results if r.entity_id == entity] or _by_name(scored, entity)
    if mine:
        entity = str(mine[0].entity_id)
    else:
        names = {str(r.entity_id) for r in results}
        names |= {str(v) for p in scored.passed for v in p.values() if v not in (None, "")}
        close = difflib.get_close_matches(entity, sorted(names))
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise UsageError(f"no record of entity {clip(repr(entity))} in the input{hint}")
    period = period_option(args.period)
    if period is not None:
        mine = [r for r in mine if r.period == period]
        if not mine:
            raise UsageError(f"entity {entity!r} has no record for period {period}")
    if args.stage is not None:
        mine = [r for r in mine if r.fields.get(STAGE_FIELD) == args.stage]
        if not mine:
            raise UsageError(f"entity {entity!r} has no record for stage {args.stage!r}")
    if len(mine) > 1:
        choices = ", ".join(
            str(r.period) + (f" {r.fields[STAGE_FIELD]}" if STAGE_FIELD in r.fields else "")
            for r in mine
        )
        raise UsageError(
            f"entity {entity!r} has {len(mine)} results ({choices}); choose one with "
            "--period" + (" and --stage" if any(STAGE_FIELD in r.fields for r in mine) else "")
        )
    return mine[0]


def run_history(args: argparse.Namespace, scheme: Scheme, scored: ScoreRun) -> History:
    """The history the run's rules read: the ``--history`` files and the input's results
    (the first result of an entity and period, when a scheme has stages)."""
    history = History()
    entries = [e for path in args.history for e in read_history(path, scheme).entries]
    entries += [
        HistoryEntry.from_result(r)
        for r in scored.results
        if r.entity_id is not None and r.period is not None
    ]
    for entry in entries:
        if (entry.entity_id, entry.period) not in history:
            history.add(entry)
    return history


def run(args: argparse.Namespace, console: Console) -> int:
    """Explain one result."""
    loaded = load_scheme(args.scheme, args.param)
    lang = lang_of(args, console)
    scored = score_inputs(args, console, loaded.scheme)
    for note in scored.notes:
        console.note(note.get(lang))
    result = _pick(scored, args)
    scheme = loaded.scheme
    version = "版本" if lang != "en" else "version"
    head = f"{scheme.title.get(lang)} ({scheme.id} {version} {scheme.version})"
    labels = {c.key: c.label for c in value_columns(scheme, [result]) if c.kind == "outcome"}
    console.show(f"{head}\n{result.explain(lang, labels)}\n")
    history = run_history(args, scheme, scored) if scheme.history_rules else None
    arithmetic = explain_arithmetic(scheme, result, history, lang, labels)
    console.show("".join(f"  {line}\n" for line in arithmetic))
    return EXIT_OK
