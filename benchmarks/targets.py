"""The health targets on the batch path against the loan-officer figure (issue 14).

Run ``python benchmarks/targets.py`` (``--rows``, ``--repeat``) with assesskit
and the health and microloan plugins installed. It scores ``--rows``
generated ``health.county`` records (:mod:`health_county`: 14 targets with
a quota per row, rescaled over the due ones) and as many
``microloan.loan-officer`` months (:mod:`loan_officer`) with
``score_batch``, in the same process, in turn, round by round, and prints:

- the median wall and CPU time of each and their ratio;
- how many rows the county batch re-scored on the per-record exact path
  (``exact_rows``), and how many sums it decided with Python integers
  (a half-hundredth too close for its float sum to tell; counted when the
  code has :func:`assesskit._batchmath.round_certified`);
- the county totals of ``--check`` rows (every row decided with integers
  among them, then random ones) against ``Scheme.score``, and how many of
  them are real half-up ties (x.xx5 exactly).

Run the same script against another checkout (``PYTHONPATH=that/src``) for
a before-and-after comparison. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from health_county import generate as generate_county
from loan_officer import generate as generate_loans
from run import interleaved_times

import assesskit
from assesskit import get_scheme


class DecidedRows:
    """Counts the sums :func:`~assesskit._batchmath.round_certified` decides with integers."""

    def __init__(self) -> None:
        self.count = 0
        self.rows: set[int] = set()  # row numbers within their chunk
        self.available = False

    def install(self) -> None:
        """Wrap the integer decision of the batch path, where this version has one."""
        from assesskit import _batchmath

        exact_units = getattr(_batchmath, "_exact_units", None)
        if exact_units is None:
            return
        self.available = True

        def counted(terms: Any, row: int, power: int, scale: Any) -> float:
            self.count += 1
            self.rows.add(row)
            return float(exact_units(terms, row, power, scale))

        _batchmath._exact_units = counted  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", type=int, default=2000)
    args = parser.parse_args(argv)

    county = get_scheme("health.county")
    officer = get_scheme("microloan.loan-officer")
    county_columns = generate_county(args.rows)
    loan_columns = generate_loans(args.rows)
    decided = DecidedRows()
    decided.install()

    # counted on one chunk of every row, so that the rows decided are rows of the batch
    from assesskit.scoring.batch import score_columns

    first = score_columns(county, county_columns, chunk_rows=args.rows)
    sums_decided, rows_decided = decided.count, sorted(decided.rows)
    times = interleaved_times(
        {
            "health.county": lambda: county.score_batch(county_columns),
            "loan-officer": lambda: officer.score_batch(loan_columns),
        },
        args.repeat,
    )

    rng = np.random.default_rng(7)
    check = rows_decided[: args.check // 2]
    check += rng.choice(args.rows, args.check - len(check), replace=False).tolist()
    wrong = ties = 0
    for row in check:
        record: dict[str, Any] = {}
        for name, column in county_columns.items():
            value = float(column[row])
            if value == value:
                record[name] = int(value) if value == int(value) else Decimal(repr(value))
        result = county.score(record)
        assert result.total is not None
        wrong += Decimal(repr(float(first.total[row]))) != result.total
        # a real tie: the exact total (sum of the exact points) ends in 5 thousandths
        raw = sum(
            (c.exact_points for c in result.components.values() if c.exact_points is not None),
            Fraction(0),
        )
        ties += (raw * 1000).denominator == 1 and (raw * 1000) % 10 == 5

    c, lo = times["health.county"], times["loan-officer"]
    print(f"assesskit from {Path(assesskit.__file__).parent}")
    print(f"rows: {args.rows:,}, medians of {args.repeat} runs, in turn")
    print("| scheme | wall | CPU | ÷ loan-officer (wall / CPU) |")
    print("| --- | ---: | ---: | ---: |")
    for name, t in times.items():
        print(
            f"| {name} | {t['wall'] * 1e3:,.1f} ms | {t['cpu'] * 1e3:,.1f} ms | "
            f"{t['wall'] / lo['wall']:.2f}× / {t['cpu'] / lo['cpu']:.2f}× |"
        )
    print(f"health.county exact_rows (re-scored per record): {first.exact_rows:,}")
    if decided.available:
        print(f"sums decided with Python integers: {sums_decided:,} in {len(rows_decided):,} rows")
    print(f"checked against Scheme.score: {len(check):,} rows, {wrong} wrong, {ties} real ties")
    print(f"(median of the county's CPU time ÷ loan-officer: {c['cpu'] / lo['cpu']:.1f}×)")
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
