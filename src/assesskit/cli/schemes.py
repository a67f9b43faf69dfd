"""``assesskit schemes``: the schemes installed, with the plugin of each."""

from __future__ import annotations

import argparse
from typing import Any

from assesskit.cli.common import Console, add_lang, lang_of
from assesskit.cli.errors import EXIT_OK
from assesskit.io.table import render_table
from assesskit.plugins import list_schemes
from assesskit.text import in_script

__all__ = ["add_parser", "run"]


def add_parser(commands: Any, parent: argparse.ArgumentParser) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "schemes",
        parents=[parent],
        help="list the installed schemes",
        description="List every available scheme: id, title (English and Chinese), "
        "version, period and the plugin that provides it. Schemes are not built to be "
        "listed: what a plugin declared when it registered a scheme is shown.",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    """List the schemes."""
    entries = list_schemes()
    if args.format == "json":
        data = [
            {
                "id": e.id,
                "title": None if e.title is None else {"en": e.title.en, "zh": e.title.zh},
                "version": e.version,
                "period": None if e.period is None else e.period.value,
                "period_field": e.period_field,
                "plugin": e.plugin,
            }
            for e in entries
        ]
        console.json(data)
        return EXIT_OK
    lang = lang_of(args, console)
    zh = lang != "en"
    if not entries:
        console.out.write(
            in_script("没有已安装的考核方案\n", lang) if zh else "no schemes installed\n"
        )
        return EXIT_OK
    header = (
        ["方案", "英文标题", "中文标题", "版本", "考核期", "插件"]
        if zh
        else ["id", "title", "title (zh)", "version", "period", "plugin"]
    )
    rows = [
        [
            e.id,
            "" if e.title is None else e.title.en,
            "" if e.title is None else e.title.zh,
            e.version or "",
            "" if e.period is None else (e.period.label_zh if zh else e.period.value),
            e.plugin,
        ]
        for e in entries
    ]
    console.show(in_script(render_table(header, rows), lang) + "\n")
    return EXIT_OK
