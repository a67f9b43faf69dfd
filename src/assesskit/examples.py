"""Writing a scheme plugin's example inputs: CSV written from Decimals, checked by the scheme.

A plugin ships example inputs under ``examples/`` and the ``generate.py``
that writes them. The script builds its rows; this module writes them
(:func:`write_csv`, numbers as plain decimal text with :func:`plain`) and
checks every file against the scheme it is for (:func:`check_file`): the
scheme's own metrics, domains and constraints decide, the very reading
``assesskit score`` applies, so a generator needs no checks of its own.
:func:`generate_main` is the script's command line::

    python examples/generate.py [OUTPUT_DIR]

(:func:`assesskit.testing.check_generated_files` then holds the bundled
files to what the script writes.)

>>> from decimal import Decimal
>>> plain(Decimal("0.0500")), plain(Decimal("1E+5")), plain(Decimal("-0"))
('0.05', '100000', '0')
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from assesskit.io.inputs import read_input
from assesskit.plugins import get_scheme
from assesskit.run.files import check_records

__all__ = ["check_file", "generate_main", "plain", "write_csv"]


def plain(value: Decimal) -> str:
    """The shortest plain decimal text of *value*: ``0.0500`` → ``0.05``, ``1E+5`` → ``100000``."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    *,
    encoding: str = "utf-8",
    newline: str = "\n",
) -> int:
    """Write *rows* with exactly the columns of *header*; return how many rows were written.

    Every row must give every column (an empty string for a missing
    value), and no other: a row that does not fit raises ``ValueError``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as out:
        writer = csv.DictWriter(
            out, fieldnames=header, lineterminator=newline, extrasaction="raise"
        )
        writer.writeheader()
        for row in rows:
            missing = set(header) - set(row)
            if missing:
                raise ValueError(f"{path.name}: a row without {', '.join(sorted(missing))}")
            writer.writerow(row)
    return len(rows)


def check_file(scheme_id: str, path: Path) -> None:
    """Read *path* as ``assesskit score`` does and check every record against *scheme_id*.

    Raises :class:`~assesskit.io.located.BadRecordsError` listing every
    problem (a value outside its domain, a broken constraint, a missing
    column, a record given twice).
    """
    check_records(get_scheme(scheme_id), [read_input(str(path))])


def generate_main(
    generate: Callable[[Path], Mapping[str, int]],
    schemes: Mapping[str, str],
    here: Path,
    argv: Sequence[str] | None = None,
) -> None:
    """The command line of a plugin's ``examples/generate.py``.

    Writes into the folder given as the first argument (default *here*,
    the script's own folder) with ``generate(folder)``, which returns the
    rows written per file name; checks each file against its scheme in
    *schemes* (file name → scheme id; every file must have one); prints the
    counts as JSON.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    out = Path(arguments[0]) if arguments else here
    counts = generate(out)
    unchecked = sorted(set(counts) - set(schemes))
    if unchecked:
        raise ValueError(f"no scheme to check {', '.join(unchecked)} against")
    for name in counts:
        check_file(schemes[name], out / name)
    print(json.dumps(dict(counts), ensure_ascii=False, indent=2))
