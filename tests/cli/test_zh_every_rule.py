"""``--lang zh`` of the sample scheme, which uses every rule kind: simplified characters and
no English word but the ids the user typed (as for the shipped schemes, issue 15.5)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome, sample_csv
from tests.conftest import build_sample_scheme
from tests.with_plugins.cli.test_one_script import english_words, traditional_only, typed_ids

pytest.importorskip("opencc", reason="the zh extra (OpenCC) is not installed")

Cli = Callable[..., Outcome]


@pytest.mark.parametrize("entity", ["E-1", "E-2", "E-3"])
def test_every_rule_kind_reads_in_chinese(
    cli: Cli, sample_plugin: str, tmp_path: Path, entity: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(sample_csv(), encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(sample_csv())))
    allowed = typed_ids(build_sample_scheme(), rows) | {sample_plugin, "sample-plugin"}
    runs = [
        cli("show", sample_plugin, "--lang", "zh"),
        cli("score", sample_plugin, str(path), "--format", "table", "--lang", "zh"),
        cli("explain", sample_plugin, str(path), "--entity", entity, "--lang", "zh"),
    ]
    for outcome in runs:
        assert outcome.code == 0, outcome.err
        shown = outcome.out + outcome.err
        assert traditional_only(shown) == set()
        assert english_words(shown, allowed) == set()
