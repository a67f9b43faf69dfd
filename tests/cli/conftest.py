"""Fixtures for the command line: the sample scheme as an in-test plugin, and a CLI runner."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from tests.conftest import build_sample_scheme

from assesskit import hookimpl
from assesskit.cli import main

SAMPLE = "sample.every-rule"


class SamplePlugin:
    """Registers the sample scheme (every rule kind) under the id ``sample.every-rule``."""

    @hookimpl
    def assesskit_register_schemes(self, register: Callable[[Any], None]) -> None:
        register(build_sample_scheme)


@pytest.fixture
def sample_plugin(register_plugin: Callable[[object, str], None]) -> str:
    """The sample scheme, installed through a plugin named ``sample-plugin``; yields its id."""
    register_plugin(SamplePlugin(), "sample-plugin")
    return SAMPLE


@attrs.frozen
class Outcome:
    """What one run of the command line did."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Outcome]:
    """Run ``assesskit`` in-process: ``cli("score", ..., stdin=b"...", env={...})``.

    The locale is English unless *env* says otherwise.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Outcome:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


HEADER = (
    "entity_id,name,period,income,return_on_capital,eligible,relocated,errors_a,errors_b,"
    "custody_incidents,custody_deduction,overdue_ratio,loss_rate,discipline_score,"
    "rating_a,rating_b,breach,salary"
)
# E-1: the sample record with percent strings: 16 + 5 + 9 + 6 + 6 + 8 + 5 + 9 + 10 = 74.00,
#      band reduced [60, 80); pay 5000 × 0.8 = 4000.00; bonus 0.03 × max(0, 80000 − 100000) = 0.
# E-2: 20 (income capped) + 10 + 10 + 10 + 10 + 10 (overdue 5% is not above 5%) + 10 (80 is
#      in ">= 80") + 10 × (100 + 80) / 2 / 100 = 9 + 10 = 99.00, band full;
#      pay 6000 × 1 = 6000.00; bonus 0.03 × (120000 − 100000) = 600.00.
# E-3: loss rate 2% > 1%: vetoed, total 0.00, band low; pay 4000 × 0.6 = 2400.00, bonus withheld.
ROWS = [
    "E-1,王芳,2026-08,80000,6.5%,9,10,1,1,1,4,7%,0,72,90,,false,5000",
    "E-2,李娜,2026-08,120000,0.13,10,10,0,0,0,0,0.05,0,80,100,80,false,6000",
    "E-3,张伟,2026-08,100000,0.13,10,10,0,0,0,0,0.05,0.02,90,90,,false,4000",
]


def sample_csv(rows: list[str] | None = None, newline: str = "\n") -> str:
    """CSV text of the sample scheme: the header and *rows* (default: E-1, E-2, E-3)."""
    lines = [HEADER, *(ROWS if rows is None else rows)]
    return newline.join(lines) + newline
