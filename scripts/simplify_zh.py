"""Convert the Chinese in shipped string literals to simplified characters (OpenCC t2s).

Run from the repository root::

    python scripts/simplify_zh.py            # rewrite src/, plugins/*/src and examples/
    python scripts/simplify_zh.py --check    # list what would change, exit 1 if anything
    python scripts/simplify_zh.py PATH ...   # only these files or folders

Only string tokens change: docstrings (a string standing alone as a statement),
comments and everything outside string literals keep the source's own wording.
A line that ends with the comment ``# zh-script: keep`` is left as written (for
literals that read the user's input in either script, such as 無 for "no").
The conversion is mechanical and idempotent: a second run changes nothing.
Needs OpenCC (``pip install 'assesskit[zh]'``).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tokenize
from collections.abc import Iterable, Iterator
from pathlib import Path

import opencc

_T2S = opencc.OpenCC("t2s")
_KEEP = "# zh-script: keep"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Tokens after which a string standing alone is a statement (a docstring or a bare literal).
_STATEMENT_START = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.NL}
_STRING_PARTS = {tokenize.STRING} | (
    {tokenize.FSTRING_MIDDLE} if hasattr(tokenize, "FSTRING_MIDDLE") else set()
)


def _python_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if ".venv" not in p.parts)
        elif path.suffix == ".py":
            yield path


def _docstring_spans(tokens: list[tokenize.TokenInfo]) -> set[tuple[int, int]]:
    """Start positions of strings that stand alone as a statement (implicit concatenation included)."""
    spans: set[tuple[int, int]] = set()
    significant = [t for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL)]
    i = 0
    while i < len(significant):
        token = significant[i]
        before = significant[i - 1].type if i else tokenize.ENCODING
        if token.type == tokenize.STRING and before in _STATEMENT_START:
            j = i
            while j < len(significant) and significant[j].type == tokenize.STRING:
                j += 1
            if j == len(significant) or significant[j].type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                spans.update(t.start for t in significant[i:j])
            i = j
            continue
        i += 1
    return spans


def simplify_source(source: str) -> str:
    """*source* with the Chinese in its non-docstring string literals in simplified characters."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    docstrings = _docstring_spans(tokens)
    kept_rows = {t.start[0] for t in tokens if t.type == tokenize.COMMENT and t.string == _KEEP}
    lines = source.splitlines(keepends=True)
    # Replace from the end so earlier positions stay valid.
    for token in reversed(tokens):
        if token.type not in _STRING_PARTS or token.start in docstrings or token.start[0] in kept_rows or not _HAN.search(token.string):
            continue
        converted = _T2S.convert(token.string)
        if converted == token.string:
            continue
        (row, col), (end_row, end_col) = token.start, token.end
        if row == end_row:
            line = lines[row - 1]
            lines[row - 1] = line[:col] + converted + line[end_col:]
        else:
            head = lines[row - 1][:col]
            tail = lines[end_row - 1][end_col:]
            lines[row - 1 : end_row] = [head + converted + tail]
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or, with ``--check``, list) the files whose string literals are not simplified."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    args = parser.parse_args(argv)
    paths = args.paths or [Path("src"), *sorted(Path("plugins").glob("*/src")), Path("examples")]
    changed = 0
    for path in _python_files(paths):
        source = path.read_text(encoding="utf-8")
        converted = simplify_source(source)
        if converted != source:
            changed += 1
            print(path)
            if not args.check:
                path.write_text(converted, encoding="utf-8")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
