"""``assesskit score --format csv`` in chunks: the same output as record by record, bounded memory.

Each test scores the same input twice, streamed in small chunks and record by
record (the streaming path switched off), and asserts the very same exit
status, output text, messages and files.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import HEADER, Outcome, sample_csv

import assesskit.cli.score as score_command
import assesskit.run.stream_chunks as stream_chunks
import assesskit.run.streaming as streaming
from assesskit.cli.errors import EXIT_OK, EXIT_USER_ERROR
from assesskit.run.streaming import score_csv_files

Cli = Callable[..., Outcome]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Stream 4 records at a time, and record how many chunks each run streamed."""
    monkeypatch.setattr(streaming, "STREAM_ROWS", 4)
    counted: list[int] = []
    score_chunk = stream_chunks.score_chunk

    def counting(*args: object) -> None:
        counted.append(1)
        score_chunk(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stream_chunks, "score_chunk", counting)
    return counted


def both_ways(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: bytes | None = None
) -> tuple[Outcome, Outcome]:
    """The command streamed, then record by record (streaming switched off)."""
    streamed = cli(*args, stdin=stdin)
    with monkeypatch.context() as patch:
        patch.setattr(score_command, "_stream", lambda *_: False)
        whole = cli(*args, stdin=stdin)
    return streamed, whole


def row(entity: str, period: str, **changes: str) -> str:
    """A sample CSV row (E-1 of ``sample_csv``) with some cells changed."""
    cells = dict(
        zip(
            HEADER.split(","),
            [
                "x",
                "王芳",
                "2026-08",
                "80000",
                "6.5%",
                "9",
                "10",
                "1",
                "1",
                "1",
                "4",
                "7%",
                "0",
                "72",
                "90",
                "",
                "false",
                "5000",
            ],
            strict=True,
        )
    )
    cells.update(entity_id=entity, period=period, **changes)
    return ",".join(cells.values())


def mixed_rows() -> list[str]:
    """Rows with ties, vetoes, components not applicable, missing ratings and salaries."""
    rows = []
    for k in range(23):
        rows.append(
            row(
                f"E-{k}",
                "2026-08",
                income=str(50 * k * 37 + 25),  # 20 × (50n + 25) / 100000 ends in 0.005: ties
                overdue_ratio=f"{k % 19}%",
                loss_rate="0.02" if k % 5 == 0 else "0",  # every fifth vetoed
                eligible="0" if k % 7 == 0 else "9",
                relocated="0" if k % 7 == 0 else "10",  # accuracy not applicable: rescaled
                rating_b="" if k % 2 else "85.55",
                salary="" if k % 3 == 0 else f"{6150 + k}.05",
                discipline_score=str(40 + k),  # at or below 60: a dismissal trigger
            )
        )
    return rows


class TestSameOutput:
    def test_chunks_give_what_record_by_record_gives(
        self,
        cli: Cli,
        sample_plugin: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        small_chunks: list[int],
    ) -> None:
        path = tmp_path / "in.csv"
        path.write_text(sample_csv(mixed_rows()), encoding="utf-8")
        outputs = {}
        for lang in ("en", "zh"):
            streamed, whole = both_ways(
                cli,
                monkeypatch,
                "score",
                sample_plugin,
                str(path),
                "--format",
                "csv",
                "--lang",
                lang,
            )
            assert streamed.code == EXIT_OK, streamed.err
            assert streamed == whole
            outputs[lang] = streamed.out
        assert len(small_chunks) == 12  # 23 records, 6 chunks of at most 4, twice: it streamed
        # notes on rescaled components and on missing history, in both languages
        assert "not applicable: accuracy; the other weights sum to 90" in outputs["en"]
        assert "history for 2026-06, 2026-07 missing" in outputs["en"]
        assert "缺少 2026-06, 2026-07 的考核结果" in outputs["zh"]

    def test_chunk_size_does_not_change_the_bytes(self, sample_plugin: str, tmp_path: Path) -> None:
        from tests.conftest import build_sample_scheme

        path = tmp_path / "in.csv"
        path.write_text(sample_csv(mixed_rows()), encoding="utf-8")
        scheme = build_sample_scheme()
        outputs = set()
        for rows in (1, 3, 5, 1000):
            run = score_csv_files(scheme, [(path, "in.csv")], None, [], "en", chunk_rows=rows)
            with run.body:
                outputs.add(run.body.read())
        assert len(outputs) == 1

    def test_history_across_chunks_and_a_file(
        self, cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # E-9 at 50 (<= 60) in June, July and August, in three different chunks: dismissal;
        # E-8 has June only in the history file, July and August in the input: dismissal too.
        rows = [row(f"F-{k}", "2026-08") for k in range(9)]
        rows.insert(1, row("E-9", "2026-06", discipline_score="50"))
        rows.insert(5, row("E-9", "2026-07", discipline_score="50"))
        rows += [
            row("E-9", "2026-08", discipline_score="50"),
            row("E-8", "2026-07", discipline_score="50"),
            row("E-8", "2026-08", discipline_score="50"),
        ]
        earlier = tmp_path / "june.csv"
        earlier.write_text(sample_csv([row("E-8", "2026-06", discipline_score="50")]))
        history = tmp_path / "june.json"
        june = cli("score", sample_plugin, str(earlier), "-o", str(history))
        assert june.code == EXIT_OK, june.err
        path = tmp_path / "in.csv"
        path.write_text(sample_csv(rows), encoding="utf-8")
        args = ("score", sample_plugin, str(path), "--history", str(history), "--format", "csv")
        with monkeypatch.context() as patch:
            patch.setattr(streaming, "STREAM_ROWS", 4)
            streamed, whole = both_ways(cli, monkeypatch, *args)
        assert streamed.code == EXIT_OK, streamed.err
        assert streamed == whole
        fired = [line for line in streamed.out.splitlines() if ",true,discipline," in line]
        # E-9's July lacks May and E-8's July lacks May: no dismissal, a note instead
        assert [line.split(",")[:2] for line in fired] == [["E-9", "2026-08"], ["E-8", "2026-08"]]

    def test_standard_input_and_a_file_to_write(
        self, cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        data = sample_csv(mixed_rows()).encode("utf-8")
        streamed, whole = both_ways(
            cli, monkeypatch, "score", sample_plugin, "-", "--format", "csv", stdin=data
        )
        assert streamed.code == EXIT_OK, streamed.err
        assert streamed == whole
        for name, stream in (("a.csv", True), ("b.csv", False)):
            with monkeypatch.context() as patch:
                if not stream:
                    patch.setattr(score_command, "_stream", lambda *_: False)
                cli("score", sample_plugin, "-", "-o", str(tmp_path / name), stdin=data)
        assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
        assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbfentity_id,")


class TestBadInput:
    def test_a_bad_record_in_a_late_chunk_writes_nothing_and_every_one_is_reported(
        self,
        cli: Cli,
        sample_plugin: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        small_chunks: list[int],
    ) -> None:
        rows = mixed_rows()
        rows[1] = row("E-1", "2026-08", income="-5")  # chunk 1
        rows[17] = row("E-17", "2026-08", discipline_score="130")  # chunk 5
        rows[21] = row("E-2", "2026-08")  # chunk 6: E-2 2026-08 again
        rows.append(row("", "2026-08"))  # the last record: no entity
        path = tmp_path / "in.csv"
        path.write_text(sample_csv(rows), encoding="utf-8")
        out = tmp_path / "out.csv"
        streamed, whole = both_ways(
            cli, monkeypatch, "score", sample_plugin, str(path), "-o", str(out)
        )
        assert streamed.code == EXIT_USER_ERROR
        assert streamed == whole
        assert not out.exists()
        assert "4 problem(s)" in streamed.err
        for where in ("line 3, record E-1", "line 19, record E-17", "line 23, record E-2"):
            assert where in streamed.err
        assert "appears twice (also at" in streamed.err
        # an existing output is left as it was
        out.write_text("earlier results")
        assert cli("score", sample_plugin, str(path), "-o", str(out)).code == EXIT_USER_ERROR
        assert out.read_text() == "earlier results"

    def test_file_problems_and_missing_columns(
        self, cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        long_row = mixed_rows()
        long_row[13] += ",extra"
        path = tmp_path / "long.csv"
        path.write_text(sample_csv(long_row), encoding="utf-8")
        missing = tmp_path / "missing.csv"
        missing.write_text(sample_csv().replace("overdue_ratio", "overdue_rate"), encoding="utf-8")
        for source in (path, missing):
            with monkeypatch.context() as patch:
                patch.setattr(streaming, "STREAM_ROWS", 4)
                streamed, whole = both_ways(
                    cli, monkeypatch, "score", sample_plugin, str(source), "--format", "csv"
                )
            assert streamed.code == EXIT_USER_ERROR
            assert streamed == whole
        assert "is 'overdue_rate' meant?" in streamed.err


def test_progress_while_streaming(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    import assesskit.cli.progress as progress_module

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(progress_module, "MIN_RECORDS", 3)
    monkeypatch.setattr(streaming, "STREAM_ROWS", 4)
    for name in ("rich", "rich.console", "rich.progress"):
        monkeypatch.setitem(sys.modules, name, None)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    path = tmp_path / "in.csv"
    path.write_text(sample_csv(mixed_rows()), encoding="utf-8")
    assert cli("score", sample_plugin, str(path), "-o", str(tmp_path / "out.csv")).code == 0
    # 23 records, 4 at a time: the counter moves chunk by chunk
    assert "\rscoring 4/23" in terminal.getvalue()
    assert "\rscoring 23/23" in terminal.getvalue()


def test_a_large_input_not_streamed_says_why(
    cli: Cli, sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(score_command, "LARGE_INPUT", 3)
    path = tmp_path / "in.csv"
    path.write_text(sample_csv(), encoding="utf-8")
    outcome = cli("score", sample_plugin, str(path), "--format", "json")
    assert outcome.code == EXIT_OK
    assert outcome.err == (
        "assesskit: note: 3 records are read into memory and scored one by one, with "
        "explanations: json output carries every explanation (CSV output of a scheme without "
        "stages or roll-ups is streamed in chunks)\n"
    )
    # streamed, or below the size: nothing to say
    assert cli("score", sample_plugin, str(path), "--format", "csv").err == ""
    monkeypatch.setattr(score_command, "LARGE_INPUT", 4)
    assert cli("score", sample_plugin, str(path), "--format", "json").err == ""
