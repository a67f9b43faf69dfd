"""``assesskit show``: a scheme in full, to check it against its source document."""

from __future__ import annotations

import argparse
from typing import Any

from assesskit.cli.common import Console, add_lang, add_params, lang_of, load_scheme
from assesskit.cli.errors import EXIT_OK
from assesskit.describe import describe, render_description

__all__ = ["add_parser", "run"]


def add_parser(commands: Any, parent: argparse.ArgumentParser) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "show",
        parents=[parent],
        help="describe a scheme: inputs, components, vetoes, bands, outcomes, parameters",
        description="Describe a scheme in full: inputs with their domains, components "
        "with weights and rules in words, vetoes, bands with explicit ends, outcomes, "
        "history rules, review and parameters. JSON gives every text in English and Chinese.",
    )
    parser.add_argument("scheme", metavar="SCHEME", help="scheme id, e.g. microloan.loan-officer")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_lang(parser)
    add_params(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    """Describe the scheme."""
    loaded = load_scheme(args.scheme, args.param)
    if args.format == "json":
        data = describe(loaded.scheme, loaded.plugin)
        console.json(data)
    else:
        lang = lang_of(args, console)
        console.show(render_description(loaded.scheme, lang, loaded.plugin))
    return EXIT_OK
