"""``assesskit template``: a blank input for a scheme, to fill in and score."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assesskit.cli.common import Console, add_lang, add_params, lang_of, load_scheme, output_file
from assesskit.cli.errors import EXIT_OK, UsageError
from assesskit.io.template import template_csv
from assesskit.io.template_sheet import template_xlsx

__all__ = ["add_parser", "run"]


def add_parser(commands: Any, parent: argparse.ArgumentParser) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "template",
        parents=[parent],
        help="write a blank input for a scheme (.xlsx or .csv) to fill in",
        description="Write an empty input with the scheme's headers (entity, period, every "
        "metric) in the chosen language and one example row from the scheme's worked "
        "example; in .xlsx each header carries the column's domain as a comment, and "
        "values are checked by data validation. `assesskit score` reads it back.",
    )
    parser.add_argument("scheme", metavar="SCHEME", help="scheme id, e.g. microloan.loan-officer")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the file to write: .xlsx or .csv"
    )
    parser.add_argument("--force", action="store_true", help="replace a read-only output file")
    add_lang(parser)
    add_params(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    """Write the template."""
    suffix = Path(args.output).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UsageError(
            f"-o {args.output}: a template is .xlsx or .csv, not {suffix or 'no suffix'!r}"
        )
    loaded = load_scheme(args.scheme, args.param)
    lang = lang_of(args, console)
    destination = output_file(args)
    assert destination is not None  # -o is required and not '-'
    if suffix == ".csv":
        data = template_csv(loaded.scheme, lang)
    else:
        try:
            data = template_xlsx(loaded.scheme, lang)
        except ImportError as exc:
            raise UsageError(str(exc)) from None
    destination.write([data])
    return EXIT_OK
