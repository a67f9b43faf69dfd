"""Benchmarks of assesskit against what a user would otherwise write (issue 8).

Run ``python benchmarks/run.py`` (or ``nox -s bench``); it prints a Markdown
report for ``docs/performance.md``. Measured side by side on
``microloan.loan-officer`` with generated months (``--rows``, a fixed seed):

- ``Scheme.score_batch``; a hand-written numpy expression of the rules; a
  plain Python loop over records; pandas ``DataFrame.apply(axis=1)`` on a
  tenth of the rows: medians of ``--repeat`` runs, ratios, peak memory, and
  the memory-bandwidth floor (bytes in + out ÷ ``np.copyto`` bandwidth);
- ``score_batch`` without the optional ``standard_salary`` (the column left
  out, and given with every value ``None``) against the same hand-written
  numpy: these runs alternate with the hand-written ones, round by round, and
  report the median wall time and the median CPU time of each, so that a
  shared machine's load falls on both alike;
- every total against exact integer arithmetic (``loan_officer.exact_reference``):
  the float baselines miss some half-up ties and some full steps, the
  library must miss none;
- ``Scheme.score`` per record (records per second);
- the CLI end to end on a CSV file of ``--rows`` records against
  ``pandas.read_csv`` + the numpy expression + ``to_csv``, each in its own
  process: wall time and peak resident memory.

Not a test: nothing here asserts a time. Keep a run to a few minutes.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from loan_officer import (
    INPUTS,
    exact_reference,
    generate,
    hand_numpy,
    pandas_apply,
    python_loop,
    write_csv,
)

SCHEME = "microloan.loan-officer"


def median_time(run: Callable[[], Any], repeat: int) -> float:
    """The median wall time of *repeat* runs after one warm-up; results dropped between runs."""
    result = run()
    del result
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        del result
    return statistics.median(times)


def interleaved_times(
    runs: dict[str, Callable[[], Any]], repeat: int
) -> dict[str, dict[str, float]]:
    """Median wall and CPU seconds of each of *runs*, run in turn *repeat* times after a warm-up.

    Running the contenders round by round, rather than one after the other,
    spreads a shared machine's changing load over all of them; CPU time
    (``time.process_time``) leaves out the time the process waited for a core.
    """
    for run in runs.values():
        run()  # warm-up; its result is dropped at once
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            result = run()
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start)
            del result
    return {
        name: {"wall": statistics.median(wall[name]), "cpu": statistics.median(cpu[name])}
        for name in runs
    }


def peak_memory(run: Callable[[], Any]) -> tuple[int, Any]:
    """Peak bytes allocated during *run* (numpy arrays included), and its result."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    result = run()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak, result


def copy_bandwidth() -> float:
    """Bytes per second that ``np.copyto`` moves (read + write) between two 256 MiB arrays."""
    source = np.ones(32 * 2**20)
    target = np.empty_like(source)
    np.copyto(target, source)
    best = min(_timed(lambda: np.copyto(target, source)) for _ in range(5))
    return 2 * source.nbytes / best


def _timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def machine() -> dict[str, str]:
    """What the figures came from."""
    cpu = platform.processor() or "unknown"
    with _quiet_open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with _quiet_open("/proc/meminfo") as info:
        for line in info:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 2**20:.0f} GiB"
                break
    import pandas

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pandas.__version__,
    }


class _quiet_open:  # noqa: N801 - a context manager used like open()
    def __init__(self, path: str) -> None:
        self.path = path

    def __enter__(self) -> Any:
        try:
            self.handle: Any = open(self.path, encoding="utf-8")
        except OSError:
            self.handle = iter(())
        return self.handle

    def __exit__(self, *exc: object) -> None:
        close = getattr(self.handle, "close", None)
        if close is not None:
            close()


def output_bytes(result: Any) -> int:
    """Bytes of a batch result's arrays (text outcomes as the codes they are kept in)."""
    from assesskit.scoring.batch import text_codes

    total = result.total.nbytes + result.band_index.nbytes + result.vetoed.nbytes
    total += sum(a.nbytes for a in result.veto_fired.values())
    total += sum(a.nbytes for a in result.components.values())
    for name in result.outcomes:
        coded = text_codes(result, name)
        total += coded[0].nbytes if coded is not None else result.outcomes[name].nbytes
    return int(total)


def misses(totals: np.ndarray, reference: dict[str, np.ndarray]) -> dict[str, int]:
    """Totals that differ from the exact ones: at a half-up tie, and elsewhere."""
    hundredths = np.rint(np.asarray(totals, dtype=np.float64) * 100).astype(np.int64)
    wrong = hundredths != reference["hundredths"]
    return {
        "wrong": int(wrong.sum()),
        "wrong_ties": int((wrong & reference["tie"]).sum()),
        "wrong_elsewhere": int((wrong & ~reference["tie"]).sum()),
    }


# Started from this (large) process, a child's peak memory would count this process's pages
# too; a small launcher starts the command and reports the command's own peak.
LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_process(arguments: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of a command, run on its own."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *arguments], capture_output=True, text=True, check=True
    )
    seconds, peak, status = done.stdout.split()
    if status != "0":
        raise RuntimeError(f"{' '.join(arguments)} failed: {done.stderr}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    return float(seconds), int(peak) * scale


FRESH = """
import gc, statistics, sys, time
sys.path.insert(0, {here!r})
from loan_officer import generate, hand_numpy
import assesskit
columns = generate({rows})
if sys.argv[1] == "hand":
    run = lambda: hand_numpy(columns)
else:
    scheme = assesskit.get_scheme({scheme!r})
    run = lambda: scheme.score_batch(columns)
run()
times = []
for _ in range({repeat}):
    gc.collect()
    start = time.process_time()
    result = run()
    times.append(time.process_time() - start)
    del result
print(statistics.median(times))
"""


def fresh_process_times(rows: int, repeat: int, processes: int = 3) -> dict[str, float]:
    """Median CPU seconds of ``score_batch`` and of hand numpy, each in processes of its own.

    In one process, what each contender costs depends on what ran before it:
    an array freed back to a large heap is handed out again without a page
    fault, one from a heap the allocator has just trimmed faults on every
    page. Here every contender starts from the same state: a fresh process,
    its inputs generated, one warm-up call, then *repeat* timed calls; the
    processes alternate (hand, library, hand, …), and the median of their
    medians is reported.
    """
    script = FRESH.format(here=str(Path(__file__).parent), rows=rows, scheme=SCHEME, repeat=repeat)
    medians: dict[str, list[float]] = {"hand": [], "library": []}
    for _ in range(processes):
        for name in medians:
            done = subprocess.run(
                [sys.executable, "-c", script, name], capture_output=True, text=True, check=True
            )
            medians[name].append(float(done.stdout.split()[-1]))
    return {name: statistics.median(values) for name, values in medians.items()}


PANDAS_PIPELINE = """
import sys
sys.path.insert(0, {here!r})
import numpy as np, pandas as pd
from loan_officer import INPUTS, hand_numpy
frame = pd.read_csv(sys.argv[1], dtype={{"entity_id": str, "period": str}})
out = hand_numpy({{name: frame[name].to_numpy(dtype=float) for name in INPUTS}})
result = pd.DataFrame({{"entity_id": frame["entity_id"], "period": frame["period"],
    "total": out["total"], "vetoed": out["vetoed"],
    "business_income": out["business_income"], "loan_loss": out["loan_loss"],
    "overdue": out["overdue"], "discipline": out["discipline"], "pay": out["pay"],
    "bonus": out["bonus"], "bonus_status": np.where(out["vetoed"], "withheld", "payable"),
    "income": out["income"]}})
result.to_csv(sys.argv[2], index=False, float_format="%.2f")
"""


def cli_benchmark(
    columns: dict[str, np.ndarray], reference: dict[str, np.ndarray], repeat: int
) -> dict[str, Any]:
    """The CLI end to end against pandas, each run in its own process."""
    import pandas

    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "loan-officer.csv")
        write_csv(columns, source)
        cli = [sys.executable, "-m", "assesskit", "score", SCHEME, source, "-o"]
        cli_out = os.path.join(work, "scored.csv")
        pandas_out = os.path.join(work, "pandas.csv")
        script = os.path.join(work, "pipeline.py")
        Path(script).write_text(PANDAS_PIPELINE.format(here=str(Path(__file__).parent)))
        runs: dict[str, list[tuple[float, int]]] = {"cli": [], "pandas": []}
        for _ in range(repeat):
            runs["cli"].append(run_process([*cli, cli_out]))
            runs["pandas"].append(run_process([sys.executable, script, source, pandas_out]))
        scored = pandas.read_csv(cli_out, usecols=["total"], encoding="utf-8-sig")
        checked = misses(scored["total"].to_numpy(), reference)
        return {
            "input_bytes": os.path.getsize(source),
            "output_bytes": os.path.getsize(cli_out),
            "cli_seconds": statistics.median(r[0] for r in runs["cli"]),
            "cli_peak_rss": max(r[1] for r in runs["cli"]),
            "pandas_seconds": statistics.median(r[0] for r in runs["pandas"]),
            "pandas_peak_rss": max(r[1] for r in runs["pandas"]),
            "cli_wrong_totals": checked["wrong"],
        }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="records (default 1e6)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per contender")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI end to end")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    import pandas

    from assesskit import get_scheme

    scheme = get_scheme(SCHEME)
    columns = generate(args.rows)
    reference = exact_reference(columns)
    figures: dict[str, Any] = {"machine": machine(), "rows": args.rows}
    figures["vetoed_share"] = float(reference["vetoed"].mean())
    figures["ties"] = int(reference["tie"].sum())
    input_bytes = sum(columns[name].nbytes for name in INPUTS)

    batch = scheme.score_batch(columns)
    figures["library"] = misses(batch.total, reference)
    figures["library"]["wrong_pay"] = int(
        (np.rint(batch.outcomes["pay"] * 100).astype(np.int64) != reference["pay_fen"]).sum()
    )
    figures["library"]["exact_rows"] = batch.exact_rows
    hand = hand_numpy(columns)
    figures["hand_numpy"] = misses(hand["total"], reference)
    figures["hand_numpy"]["wrong_pay"] = int(
        (np.rint(hand["pay"] * 100).astype(np.int64) != reference["pay_fen"]).sum()
    )
    loop_totals = np.array([r["total"] for r in python_loop(columns)])
    figures["python_loop"] = misses(loop_totals, reference)
    slice_rows = max(1, args.rows // 10)
    frame = pandas.DataFrame({name: columns[name][:slice_rows] for name in INPUTS})
    sliced = {key: value[:slice_rows] for key, value in reference.items()}
    figures["pandas_apply"] = misses(pandas_apply(frame).to_numpy(), sliced)

    figures["bandwidth"] = copy_bandwidth()
    out_bytes = output_bytes(batch)
    figures["bytes_in"], figures["bytes_out"] = input_bytes, out_bytes
    figures["floor_seconds"] = (input_bytes + out_bytes) / figures["bandwidth"]
    del batch, hand

    timings = {
        "score_batch": median_time(lambda: scheme.score_batch(columns), args.repeat),
        "hand_numpy": median_time(lambda: hand_numpy(columns), args.repeat),
        "python_loop": median_time(lambda: python_loop(columns), max(1, args.repeat // 3)),
        "pandas_apply_slice": median_time(lambda: pandas_apply(frame), max(1, args.repeat // 3)),
    }
    figures["seconds"] = timings
    absent = {name: columns[name] for name in INPUTS if name != "standard_salary"}
    no_values = {**absent, "standard_salary": np.full(args.rows, None, dtype=object)}
    for name, given in (("absent", absent), ("none", no_values)):
        checked = scheme.score_batch(given)
        figures[f"salary_{name}"] = misses(checked.total, reference)
        figures[f"salary_{name}"]["pay_missing"] = int(np.isnan(checked.outcomes["pay"]).sum())
        del checked
    figures["optional"] = interleaved_times(
        {
            "hand_numpy": lambda: hand_numpy(columns),
            "with_salary": lambda: scheme.score_batch(columns),
            "salary_absent": lambda: scheme.score_batch(absent),
            "salary_none": lambda: scheme.score_batch(no_values),
        },
        args.repeat,
    )
    figures["fresh"] = fresh_process_times(args.rows, args.repeat)
    peak, result = peak_memory(lambda: scheme.score_batch(columns))
    figures["score_batch_peak_bytes"] = peak
    figures["score_batch_extra_bytes"] = peak - output_bytes(result)
    del result
    peak, result = peak_memory(lambda: hand_numpy(columns))
    figures["hand_numpy_peak_bytes"] = peak
    del result

    records = [
        {name: float(columns[name][i]) for name in INPUTS} for i in range(min(5000, args.rows))
    ]
    start = time.perf_counter()
    for record in records:
        scheme.score(record)
    figures["score_records_per_second"] = len(records) / (time.perf_counter() - start)

    if not args.no_cli:
        figures["cli"] = cli_benchmark(columns, reference, max(1, args.repeat // 3))

    figures["self_peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(report(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 0


def report(f: dict[str, Any]) -> str:
    """The figures as Markdown."""
    mib = 2**20
    s = f["seconds"]
    rows = f["rows"]
    apply_full = s["pandas_apply_slice"] * 10
    lines = [
        "Machine: " + ", ".join(f"{k} {v}" for k, v in f["machine"].items()),
        "",
        f"{rows:,} loan-officer months, {f['vetoed_share']:.1%} vetoed, "
        f"{f['ties']:,} totals exactly on a half-up tie.",
        "",
        "| contender | time | rows/s | vs score_batch | wrong totals (ties / other) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    contenders = [
        ("`score_batch`", s["score_batch"], f["library"]),
        ("hand-written numpy", s["hand_numpy"], f["hand_numpy"]),
        ("plain Python loop", s["python_loop"], f["python_loop"]),
        ("pandas `apply(axis=1)`, 1/10 of the rows", s["pandas_apply_slice"], f["pandas_apply"]),
    ]
    for name, seconds, wrong in contenders:
        scaled = apply_full if "apply" in name else seconds
        lines.append(
            f"| {name} | {seconds * 1000:,.1f} ms | {rows / scaled:,.0f} | "
            f"{scaled / s['score_batch']:.2f}× | {wrong['wrong']:,} "
            f"({wrong['wrong_ties']:,} / {wrong['wrong_elsewhere']:,}) |"
        )
    lines += [
        "",
        f"- `score_batch` ÷ hand numpy: {s['score_batch'] / s['hand_numpy']:.2f}; "
        f"Python loop ÷ `score_batch`: {s['python_loop'] / s['score_batch']:.0f}; "
        f"pandas apply (per row, scaled to all rows) ÷ `score_batch`: "
        f"{apply_full / s['score_batch']:.0f}.",
        f"- wrong pay (to the fen): library {f['library']['wrong_pay']:,}, hand numpy "
        f"{f['hand_numpy']['wrong_pay']:,}; rows the library re-did on the exact path: "
        f"{f['library']['exact_rows']:,}.",
        f"- memory bandwidth (`np.copyto`, read + write): {f['bandwidth'] / 1e9:.1f} GB/s; "
        f"bytes in {f['bytes_in'] / mib:.0f} MiB + out {f['bytes_out'] / mib:.0f} MiB: "
        f"floor {f['floor_seconds'] * 1000:.1f} ms "
        f"(`score_batch` at {f['floor_seconds'] / s['score_batch']:.0%} of the floor's speed).",
        f"- peak memory of `score_batch`: {f['score_batch_peak_bytes'] / mib:.0f} MiB, of which "
        f"{f['score_batch_extra_bytes'] / mib:.0f} MiB beyond its outputs = "
        f"{f['score_batch_extra_bytes'] / f['bytes_in']:.2f}× the input arrays "
        f"({f['bytes_in'] / mib:.0f} MiB); hand numpy: "
        f"{f['hand_numpy_peak_bytes'] / mib:.0f} MiB.",
        f"- `score()` one record at a time, with explanations: "
        f"{f['score_records_per_second']:,.0f} records/s.",
    ]
    o = f["optional"]
    hand = o["hand_numpy"]
    lines += [
        "",
        "The optional `standard_salary`, given, left out, and given with every value `None`, "
        "each run in turn with the hand-written numpy (medians):",
        "",
        "| contender | wall time | ÷ hand numpy | CPU time | ÷ hand numpy | wrong totals |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| hand-written numpy | {hand['wall'] * 1000:,.1f} ms | 1.00× | "
        f"{hand['cpu'] * 1000:,.1f} ms | 1.00× | {f['hand_numpy']['wrong']:,} |",
    ]
    for key, name, wrong in (
        ("with_salary", "`score_batch`, salary given", f["library"]["wrong"]),
        ("salary_absent", "`score_batch`, salary column left out", f["salary_absent"]["wrong"]),
        ("salary_none", "`score_batch`, salary all `None`", f["salary_none"]["wrong"]),
    ):
        t = o[key]
        lines.append(
            f"| {name} | {t['wall'] * 1000:,.1f} ms | {t['wall'] / hand['wall']:.2f}× | "
            f"{t['cpu'] * 1000:,.1f} ms | {t['cpu'] / hand['cpu']:.2f}× | {wrong:,} |"
        )
    lines += [
        "",
        f"- without a salary, pay has no value: {f['salary_absent']['pay_missing']:,} rows "
        f"(left out), {f['salary_none']['pay_missing']:,} (all `None`).",
    ]
    fresh = f["fresh"]
    lines += [
        "",
        "Each in processes of its own (fresh heap, one warm-up call; CPU time, median of the "
        f"processes' medians): `score_batch` {fresh['library'] * 1000:,.1f} ms, hand numpy "
        f"{fresh['hand'] * 1000:,.1f} ms: {fresh['library'] / fresh['hand']:.2f}×.",
    ]
    cli = f.get("cli")
    if cli:
        lines += [
            "",
            f"CLI, CSV of {rows:,} records ({cli['input_bytes'] / mib:.0f} MiB) to CSV "
            f"({cli['output_bytes'] / mib:.0f} MiB), each run in its own process:",
            "",
            "| pipeline | wall time | peak RSS |",
            "| --- | ---: | ---: |",
            f"| `assesskit score {SCHEME} in.csv -o out.csv` | {cli['cli_seconds']:.2f} s | "
            f"{cli['cli_peak_rss'] / mib:.0f} MiB |",
            f"| `pandas.read_csv` + hand numpy + `to_csv` | {cli['pandas_seconds']:.2f} s | "
            f"{cli['pandas_peak_rss'] / mib:.0f} MiB |",
            "",
            f"- CLI ÷ pandas: {cli['cli_seconds'] / cli['pandas_seconds']:.2f}; wrong totals "
            f"in the CLI's output: {cli['cli_wrong_totals']:,}.",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
