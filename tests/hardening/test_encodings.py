"""Encodings decided by evidence; a wrong one is an error, never zero records (issue 12)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import ROWS, Outcome, sample_csv

from assesskit.io.encoding import Evidence

Cli = Callable[..., Outcome]

# Chinese names whose GB18030 bytes are also valid UTF-8 (read so, they are a jumble of
# Cyrillic, Arabic, Hebrew and Latin letters)
AMBIGUOUS = ["一丞", "专丫", "丝丿", "丨之", "为乜", "么乾", "乒些", "习亭", "亘伞", "亩伲"]


def _rows(names: list[str]) -> list[str]:
    base = ROWS[0].split(",", 2)[2]  # the entity and the name replaced
    return [f"{name},{name},{base}" for name in names]


def _write(tmp_path: Path, data: bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refused(outcome: Outcome) -> str:
    assert outcome.code == 2, outcome.err
    assert outcome.out == ""
    assert "Traceback" not in outcome.err
    assert "internal error" not in outcome.err
    return outcome.err


@pytest.mark.parametrize("fmt", ["json", "csv"])  # read whole, and streamed in chunks
def test_utf16_given_for_a_utf8_file_is_an_error_not_zero_records(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    data = sample_csv().encode("utf-8")
    even = data if len(data) % 2 == 0 else data + b"\n"  # decodes, but as nonsense
    path = _write(tmp_path, even)
    err = _refused(
        cli("score", sample_plugin, str(path), "--encoding", "utf-16-le", "--format", fmt)
    )
    breaks = even.count(b"\n")
    assert err == (
        f"assesskit: error: {path}: does not read as text in utf-16-le (its {breaks} "
        "line breaks disappear); check --encoding, or leave it out to detect UTF-8 or GB18030\n"
    )
    # UTF-16 with no byte order mark does not even decode
    err = _refused(cli("score", sample_plugin, str(path), "--encoding", "utf-16", "--format", fmt))
    assert err == (
        f"assesskit: error: {path}: cannot be read as utf-16 "
        "(UTF-16 stream does not start with BOM)\n"
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_latin1_given_for_chinese_utf8_is_an_error(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    path = _write(tmp_path, sample_csv(_rows(["王芳", "李娜", "张伟"])).encode("utf-8"))
    err = _refused(cli("score", sample_plugin, str(path), "--encoding", "latin-1", "--format", fmt))
    assert "does not read as text in latin-1 (the characters it gives are not text)" in err


@pytest.mark.parametrize(
    ("encoding", "words"),
    [
        ("rot13", "'rot13' is not a text encoding"),
        ("no-such-codec", "unknown encoding 'no-such-codec'"),
        ("zlib", "'zlib' is not a text encoding"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_unknown_or_non_text_encoding_is_named(
    cli: Cli, sample_plugin: str, tmp_path: Path, encoding: str, words: str, fmt: str
) -> None:
    path = _write(tmp_path, sample_csv().encode("utf-8"))
    err = _refused(cli("score", sample_plugin, str(path), "--encoding", encoding, "--format", fmt))
    assert f"{path}: {words}" in err


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_gb18030_that_is_also_valid_utf8_is_read_as_gb18030_with_a_note(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    data = sample_csv(_rows(AMBIGUOUS)).encode("gb18030")
    data.decode("utf-8")  # valid UTF-8 indeed
    path = _write(tmp_path, data)
    outcome = cli("score", sample_plugin, str(path), "--format", fmt)
    assert outcome.code == 0, outcome.err
    assert outcome.err == (
        f"assesskit: note: {path}: valid UTF-8, but it reads as text only as GB18030; read as "
        "GB18030 (use --encoding utf-8 if UTF-8 was meant)\n"
    )
    if fmt == "json":
        ids = [r["entity_id"] for r in json.loads(outcome.out)["results"]]
    else:
        ids = [line.split(",")[0] for line in outcome.out.splitlines()[1:]]
    assert ids == AMBIGUOUS


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_one_stray_byte_in_utf8_is_named_not_read_as_gb18030(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    text = sample_csv(_rows(["王芳", "李娜", "张伟", "刘洋", "陈静"]))
    data = text.encode("utf-8").replace("刘洋".encode(), b"Ren\xe9e", 1)
    path = _write(tmp_path, data)
    err = _refused(cli("score", sample_plugin, str(path), "--format", fmt))
    offset = data.index(b"\xe9")
    assert err == (
        f"assesskit: error: {path}: cannot be read as UTF-8: line 5, byte {offset} "
        f"({data[offset : offset + 4].hex(' ')}); the rest of the file is UTF-8, but 1 byte "
        "sequence(s) are not: fix them (or give --encoding)\n"
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_plain_gb18030_still_reads_with_its_note(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    path = _write(tmp_path, sample_csv(_rows(["王芳", "李娜", "张伟"])).encode("gb18030"))
    outcome = cli("score", sample_plugin, str(path), "--format", fmt)
    assert outcome.code == 0, outcome.err
    assert "not UTF-8; read as GB18030" in outcome.err


@pytest.mark.parametrize(
    "names",
    [
        ["ئابدۇرېھىم", "مەمەتجان", "ئايگۈل"],  # Uyghur in Arabic script
        ["Иванов", "Петрова", "Сидоров"],
        ["Åsa", "José", "Zoë"],
        ["王芳", "Ōyama", "张伟"],
    ],
)
def test_utf8_in_other_scripts_stays_utf8(
    cli: Cli, sample_plugin: str, tmp_path: Path, names: list[str]
) -> None:
    path = _write(tmp_path, sample_csv(_rows(names)).encode("utf-8"))
    outcome = cli("score", sample_plugin, str(path), "--format", "csv")
    assert outcome.code == 0, outcome.err
    assert outcome.err == ""
    assert [line.split(",")[0] for line in outcome.out.splitlines()[1:]] == names


def test_bytes_that_are_no_text_at_all_are_refused(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    data = sample_csv().encode() + bytes(range(0x80, 0x100)) * 4
    path = _write(tmp_path, data)
    err = _refused(cli("score", sample_plugin, str(path)))
    assert f"{path}: cannot be read as UTF-8 or GB18030: line 5" in err


def test_evidence_tells_a_jumble_of_scripts_from_names() -> None:
    jumble, names = Evidence(), Evidence()
    jumble.add(",".join(AMBIGUOUS).encode("gb18030").decode("utf-8"))
    names.add("ئابدۇرېھىم,王芳,Иванов,José")
    assert not jumble.reads_as_text()
    assert names.reads_as_text()
    assert (jumble.pairs, jumble.switches, names.switches) == (7, 6, 0)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_real_utf16_file_reads_with_its_encoding_given(
    cli: Cli, sample_plugin: str, tmp_path: Path, fmt: str
) -> None:
    path = _write(tmp_path, sample_csv(_rows(["王芳", "李娜"])).encode("utf-16"))
    outcome = cli("score", sample_plugin, str(path), "--encoding", "utf-16", "--format", fmt)
    assert outcome.code == 0, outcome.err
    assert "王芳" in outcome.out
    assert "李娜" in outcome.out


def test_a_latin_reading_of_chinese_is_read_as_asked_with_a_note(
    cli: Cli, sample_plugin: str, tmp_path: Path
) -> None:
    path = _write(tmp_path, sample_csv(_rows(["王芳", "李娜"])).encode("gb18030"))
    outcome = cli("score", sample_plugin, str(path), "--encoding", "latin-1", "--format", "csv")
    assert outcome.code == 0, outcome.err
    assert outcome.err == (
        f"assesskit: note: {path}: read as latin-1, as asked, which gives no Chinese character; "
        "as GB18030 it reads as Chinese text (check --encoding)\n"
    )
