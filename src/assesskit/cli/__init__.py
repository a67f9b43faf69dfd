"""The ``assesskit`` command line: ``schemes``, ``show``, ``score``, ``explain``, ``slips``,
``lint``, ``template``.

Exit status: 0 on success; 2 for anything the user can fix (bad data, an
unknown scheme, a bad parameter, an unreadable file), with a message naming
the record, field, value and rule and no traceback unless ``--debug``; 1 when
``lint`` finds a problem (or on an internal error). Plugin warnings go to
stderr and do not change the exit status.

:func:`main` takes the arguments as a list, so tests and other programs can
call it without a subprocess.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO, cast

from assesskit import __version__

if TYPE_CHECKING:
    from _typeshed import SupportsWrite
from assesskit.cli import explain, lint, schemes, score, show, slips, template
from assesskit.cli.common import Console
from assesskit.cli.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USER_ERROR
from assesskit.cli.signals import Terminated, terminate_cleanly
from assesskit.cli.streams import MessageStream, ResultStream
from assesskit.controls import terminal_safe
from assesskit.errors import AssesskitError

__all__ = ["build_parser", "main"]

PROG = "assesskit"


class _Parser(argparse.ArgumentParser):
    """argparse, with what it echoes of the command line made safe for a terminal."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            super()._print_message(terminal_safe(message), file)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    # --debug is accepted before or after the command; SUPPRESS keeps a
    # subcommand's default from overwriting a value given before it.
    common = _Parser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
    )
    parser = _Parser(
        prog=PROG,
        description="Assessment schemes (考核方案) made precise, testable and fast.",
        epilog="Exit status: 0 success, 1 lint findings, 2 a problem you can fix "
        "(bad data, unknown scheme, bad parameter, unreadable file).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (schemes, show, score, explain, slips, lint, template):
        module.add_parser(commands, common)
    return parser


@contextmanager
def _warnings_to(stream: TextIO) -> Iterator[None]:
    """Show warnings (a broken plugin...) on *stream* as they happen, one line each."""

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        stream.write(f"{PROG}: warning: {terminal_safe(str(message))}\n")

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        yield


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    out, err = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(None if argv is None else list(argv))
    except SystemExit as exc:  # --help, --version, or a usage error (status 2)
        return exc.code if isinstance(exc.code, int) else EXIT_USER_ERROR
    stdin = getattr(sys.stdin, "buffer", None)
    command: Callable[[argparse.Namespace, Console], int] = args.run
    debug = bool(getattr(args, "debug", False))
    with contextlib.ExitStack() as stack:
        # typeshed's TextIO is a protocol of many methods; these streams write, and say so
        results = cast(TextIO, ResultStream(out))
        messages = cast(TextIO, MessageStream(err))
        stack.enter_context(_never_unencodable(out, err, messages))
        stack.enter_context(_warnings_to(messages))
        stack.enter_context(terminate_cleanly())
        console = Console(results, messages, stdin, os.environ)
        return _run(command, args, console, messages, debug)


def _run(
    command: Callable[[argparse.Namespace, Console], int],
    args: argparse.Namespace,
    console: Console,
    err: TextIO,
    debug: bool,
) -> int:
    """Run *command*, turning every way it can end into an exit status and a message."""
    try:
        return command(args, console)
    except AssesskitError as exc:
        return _fail(err, f"error: {exc}", debug, EXIT_USER_ERROR)
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return 130
    except Terminated as exc:
        err.write(f"{PROG}: terminated\n")
        return 128 + exc.signum
    except BrokenPipeError:
        # The reader went away (`assesskit score ... | head`): not an error.
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # a file system problem (permissions, a full disk...)
        return _fail(err, f"error: {exc}", debug, EXIT_USER_ERROR)
    except Exception as exc:  # a bug: say so plainly; traceback with --debug
        message = (
            f"internal error: {type(exc).__name__}: {exc}\n"
            "this is a bug in assesskit or a plugin; run again with --debug for the traceback"
        )
        return _fail(err, message, debug, EXIT_FINDINGS)


@contextmanager
def _never_unencodable(out: TextIO | None, err: TextIO | None, messages: TextIO) -> Iterator[None]:
    """Write what a stream's encoding cannot hold as ``\\u`` escapes, never fail on it.

    Standard output may be ASCII (``PYTHONIOENCODING=ascii``) or a file name
    may not decode (a lone surrogate): either would end the command with a
    ``UnicodeEncodeError``. When standard output cannot show Chinese, a note
    says so once.
    """
    changed: list[tuple[TextIO, str]] = []
    for stream in (out, err):
        if stream is None:
            continue
        errors = getattr(stream, "errors", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if isinstance(errors, str) and errors != "backslashreplace" and callable(reconfigure):
            with contextlib.suppress(Exception):  # a stream that cannot change stays as it is
                reconfigure(errors="backslashreplace")
                changed.append((stream, errors))
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        "考核".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        messages.write(
            f"{PROG}: note: standard output is {encoding}: characters it cannot show are "
            "written as \\u escapes (set PYTHONIOENCODING=utf-8, or write a file with -o)\n"
        )
    try:
        yield
    finally:
        for stream, errors in changed:
            with contextlib.suppress(Exception):
                stream.reconfigure(errors=errors)  # type: ignore[attr-defined]


def _fail(err: TextIO, message: str, debug: bool, status: int) -> int:
    if debug:
        traceback.print_exc(file=err)
    err.write(f"{PROG}: {terminal_safe(message)}\n")
    return status


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
