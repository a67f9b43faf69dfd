"""What the commands share: the console, language, schemes with parameters, inputs, output."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

import attrs

from assesskit.chinese import MissingConverterError, can_write_traditional
from assesskit.cli.errors import UsageError
from assesskit.controls import terminal_safe
from assesskit.errors import clip
from assesskit.io.destination import OutputFile, protect
from assesskit.io.inputs import STDIN, read_input
from assesskit.io.records import InputFileError, InputTable
from assesskit.io.tempfiles import spooled
from assesskit.periods import Period
from assesskit.plugins import get_registry
from assesskit.scheme import Scheme
from assesskit.text import LANGS, Lang, check_lang

__all__ = [
    "Console",
    "LoadedScheme",
    "add_lang",
    "add_params",
    "default_lang",
    "emit",
    "lang_of",
    "load_scheme",
    "output_file",
    "parse_params",
    "period_option",
    "read_inputs",
    "spool_fifos",
]


@attrs.frozen
class Console:
    """Where a command reads and writes: standard streams, and the environment."""

    out: TextIO
    err: TextIO
    stdin: BinaryIO | None
    environ: Mapping[str, str]

    def note(self, message: str) -> None:
        """Tell the user something on stderr (control characters escaped)."""
        self.err.write(f"assesskit: note: {terminal_safe(message)}\n")

    @property
    def ascii_only(self) -> bool:
        """Whether standard output cannot show Chinese (JSON printed there is then escaped)."""
        try:
            "考核".encode(getattr(self.out, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            return True
        return False

    def json(self, data: object) -> None:
        """Print *data* as indented JSON (``\\u`` escapes where standard output needs them)."""
        self.out.write(json.dumps(data, ensure_ascii=self.ascii_only, indent=2) + "\n")

    def show(self, text: str) -> None:
        """Print text for people (a table, an explanation), control characters escaped."""
        self.out.write(terminal_safe(text))


def default_lang(environ: Mapping[str, str]) -> Lang:
    """The language of the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``): ``zh-Hant`` for
    Taiwan, Hong Kong and Macau (or a ``Hant`` locale) when OpenCC can write it, ``zh`` for
    any other Chinese, else ``en``.

    >>> default_lang({"LANG": "zh_CN.UTF-8"}), default_lang({"LANG": "C.UTF-8"})
    ('zh', 'en')
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            locale = value.lower().replace("-", "_")
            if not locale.startswith("zh"):
                return "en"
            hant = locale.startswith(_TRADITIONAL_LOCALES) or "hant" in locale
            return "zh-Hant" if hant and can_write_traditional() else "zh"
    return "en"


#: Locales whose readers use traditional characters.
_TRADITIONAL_LOCALES = ("zh_tw", "zh_hk", "zh_mo")


def add_lang(parser: argparse.ArgumentParser) -> None:
    """The ``--lang`` option (default from the locale)."""
    parser.add_argument(
        "--lang",
        choices=LANGS,
        help="language of labels and explanations: en, zh (simplified characters) or "
        "zh-Hant (traditional, needs the zh extra) (default: from the locale, LANG/LC_ALL)",
    )


def add_params(parser: argparse.ArgumentParser) -> None:
    """The repeatable ``--param KEY=VALUE`` option."""
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set a scheme parameter (repeatable), e.g. --param income_target=120000",
    )


def lang_of(args: argparse.Namespace, console: Console) -> Lang:
    """The language asked for, or the locale's; ``zh-Hant`` without OpenCC is a usage error."""
    lang: Lang | None = args.lang
    if lang is None:
        return default_lang(console.environ)
    if check_lang(lang) == "zh-Hant" and not can_write_traditional():
        raise UsageError(str(MissingConverterError()))
    return lang


def period_option(text: str | None) -> Period | None:
    """The ``--period`` given (``None`` when none); a usage error when it is not a period."""
    if text is None:
        return None
    try:
        return Period.parse(text)
    except ValueError:
        raise UsageError(f"--period {clip(repr(text))} is not a period (YYYY-MM or YYYY)") from None


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["a=1", "b=2"]`` → ``{"a": "1", "b": "2"}``; a pair without ``=`` is an error.

    >>> parse_params(["weights.income=2", "income_target = 120000"])
    {'weights.income': '2', 'income_target': '120000'}
    """
    params: dict[str, str] = {}
    bad = []
    twice = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            bad.append(pair)
            continue
        if key.strip() in params and params[key.strip()] != value.strip():
            twice.append(key.strip())
        params[key.strip()] = value.strip()
    if bad:
        shown = ", ".join(repr(b) for b in bad)
        raise UsageError(f"--param takes KEY=VALUE, got {shown}")
    if twice:
        shown = ", ".join(repr(t) for t in twice)
        raise UsageError(f"--param {shown} is given twice with different values; give it once")
    return params


@attrs.frozen
class LoadedScheme:
    """A scheme configured with the command's parameters, and the plugin it comes from."""

    scheme: Scheme
    plugin: str


def load_scheme(scheme_id: str, pairs: Sequence[str] = ()) -> LoadedScheme:
    """The scheme *scheme_id* with ``--param`` values applied and validated.

    Raises :class:`~assesskit.UnknownSchemeError` (with close ids),
    :class:`~assesskit.DuplicateSchemeError` or
    :class:`~assesskit.ParameterError`.
    """
    params = parse_params(pairs)
    entry = get_registry().get(scheme_id)
    scheme = entry.scheme.with_params(params) if params else entry.scheme
    return LoadedScheme(scheme, entry.plugin)


def spool_fifos(names: Sequence[str], stack: contextlib.ExitStack) -> dict[str, str]:
    """Copy each input that is a FIFO (a pipe, bash's ``<(command)``) to a temporary file.

    Returns input name → the path of its copy; the copies are removed when
    *stack* closes. A FIFO can be read only once, and inputs may be read
    twice (the encoding is decided first, then the records are read).
    """
    copies: dict[str, str] = {}
    for name in names:
        if name == STDIN or name in copies:
            continue
        try:
            fifo = stat.S_ISFIFO(os.stat(name).st_mode)
        except OSError:
            continue  # reported when it is read
        if fifo:
            with open(name, "rb") as source:
                copies[name] = stack.enter_context(spooled(source, Path(name).suffix)).name
    return copies


def read_inputs(
    names: Sequence[str],
    encoding: str | None,
    console: Console,
    copies: Mapping[str, str] | None = None,
) -> list[InputTable]:
    """Read every input; report the problems of every unreadable one at once.

    *copies* maps an input name to where its bytes are (see :func:`spool_fifos`).
    """
    if list(names).count(STDIN) > 1:
        raise UsageError("standard input ('-') can be given only once")
    tables: list[InputTable] = []
    problems: list[str] = []
    for name in names:
        try:
            path = (copies or {}).get(name)
            tables.append(read_input(name, encoding, console.stdin, path))
        except InputFileError as exc:
            problems += exc.problems
    if problems:
        raise InputFileError(problems)
    return tables


def output_file(args: argparse.Namespace) -> OutputFile | None:
    """The ``-o`` file of *args*, checked before any work starts; ``None`` for standard output.

    Raises :class:`~assesskit.io.destination.OutputPathError` when writing it
    could destroy anything: an input or ``--history`` file of this run (by
    inode, so links and other spellings are caught), a directory, a device,
    a FIFO or a socket, or a read-only file without ``--force``.
    """
    output: str | None = args.output
    if output is None or output == STDIN:
        return None
    inputs = list(getattr(args, "inputs", ()))
    history = list(getattr(args, "history", ()))
    destination = OutputFile(
        output,
        [*protect(inputs, "input"), *protect(history, "history file")],
        bool(getattr(args, "force", False)),
    )
    destination.check()
    return destination


def emit(
    text: str,
    output: OutputFile | None,
    console: Console,
    encoding: str = "utf-8",
    *,
    for_people: bool = False,
) -> None:
    """Print *text*, or write it to the file *output* atomically (all or nothing).

    Text *for_people* (a table) has its control characters escaped, wherever it goes.
    """
    if for_people:
        text = terminal_safe(text)
    if output is None:
        console.out.write(text)
        console.out.flush()
        return
    output.write([text.encode(encoding)])
