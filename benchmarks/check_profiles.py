"""Time the testing kit's profiles on every installed scheme (issue 13).

Run ``python benchmarks/check_profiles.py`` (``--profile fast`` or
``thorough`` alone, ``--scheme 'microloan.*'`` for some schemes); it runs
:func:`assesskit.testing.check_scheme` on each scheme with each profile, in
this process, and prints a Markdown table for ``docs/testing.md``: seconds
per scheme and profile, the thorough/fast ratio, and the totals. A scheme
that breaks an invariant is reported, and the script exits with status 1.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time

from assesskit import list_schemes
from assesskit.testing import SchemeCheckError, check_scheme


def main(argv: list[str] | None = None) -> int:
    """Time the profiles; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=("fast", "thorough"), action="append")
    parser.add_argument("--scheme", default="*", help="glob of scheme ids (default: all)")
    args = parser.parse_args(argv)
    profiles = args.profile or ["fast", "thorough"]
    entries = [e for e in list_schemes() if fnmatch.fnmatchcase(e.id, args.scheme)]
    times: dict[tuple[str, str], float] = {}
    broken = 0
    for entry in entries:
        for profile in profiles:
            start = time.perf_counter()
            try:
                check_scheme(entry.scheme, profile)
            except SchemeCheckError as exc:
                broken += 1
                print(f"<!-- {entry.id} ({profile}) broke: {exc} -->", file=sys.stderr)
            times[entry.id, profile] = time.perf_counter() - start
            print(f"{entry.id} {profile}: {times[entry.id, profile]:.1f} s", file=sys.stderr)
    head = "| scheme | " + " | ".join(f"{p} (s)" for p in profiles)
    both = len(profiles) == 2
    print(head + (" | thorough / fast |" if both else " |"))
    print("| --- " * (len(profiles) + 1 + both) + "|")
    for entry in entries:
        cells = [f"{times[entry.id, p]:.1f}" for p in profiles]
        if both:
            cells.append(f"{times[entry.id, 'thorough'] / times[entry.id, 'fast']:.1f}×")
        print(f"| {entry.id} | " + " | ".join(cells) + " |")
    totals = [sum(times[e.id, p] for e in entries) for p in profiles]
    cells = [f"{t:.1f}" for t in totals]
    if both:
        cells.append(f"{totals[1] / totals[0]:.1f}×")
    print("| **all** | " + " | ".join(cells) + " |")
    per_scheme = [f"{t / max(1, len(entries)):.1f}" for t in totals]
    print("| per scheme | " + " | ".join(per_scheme) + (" | |" if both else " |"))
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
