"""``assesskit lint``: findings and exit status 1, like other linters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.cli.conftest import Outcome
from tests.conftest import build_sample_scheme

from assesskit import Band, BandTable, Example, Interval, Text, hookimpl

Cli = Callable[..., Outcome]
Register = Callable[[object, str], None]


def flawed() -> Any:
    """Bands with a gap at 60, an example that does not hold and a band without a Chinese label."""
    bands = BandTable(
        (
            Band("full", Text("full pay", "全額"), Interval.at_least(80)),
            Band("reduced", Text("80% pay", "八成"), Interval(60, 80, False, False)),
            Band("low", Text("60% pay"), Interval.below(60)),
        )
    )
    scheme = build_sample_scheme(id="sample.flawed", bands=bands)
    wrong = Example("wrong total", scheme.examples[0].record, {"total": "99.00", "band": "full"})
    return build_sample_scheme(id="sample.flawed", bands=bands, examples=[wrong])


class FlawedPlugin:
    @hookimpl
    def assesskit_register_schemes(self, register: Callable[[Any], None]) -> None:
        register(flawed)


def test_clean_scheme(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("lint", sample_plugin)
    assert (outcome.code, outcome.out) == (0, "sample.every-rule: no problems found\n")


def test_findings_exit_1(cli: Cli, register_plugin: Register) -> None:
    register_plugin(FlawedPlugin(), "flawed")
    outcome = cli("lint", "sample.flawed")
    assert outcome.code == 1
    assert outcome.out.splitlines() == [
        "sample.flawed: gap: gap at 60: no band contains it",
        "sample.flawed: example: 'wrong total': total is 100.00, expected '99.00'",
        "sample.flawed: label: band 'low' has no Chinese label ('60% pay')",
        "3 problem(s) found",
    ]


def test_all_schemes_when_none_is_named(
    cli: Cli, sample_plugin: str, register_plugin: Register
) -> None:
    register_plugin(FlawedPlugin(), "flawed")
    outcome = cli("lint")
    assert outcome.code == 1
    assert "sample.every-rule: no problems found" in outcome.out
    assert "sample.flawed: gap: gap at 60: no band contains it" in outcome.out


def test_unused_input_and_parameter() -> None:
    from assesskit import Metric, MetricKind, Parameter
    from assesskit.cli.lint import lint_scheme

    base = build_sample_scheme()
    scheme = build_sample_scheme(
        metrics=[
            *base.metrics,
            Metric("spare", MetricKind.COUNT, Text("spare", "備用"), required=False),
        ],
        parameters=[*base.parameters, Parameter("unused", Text("unused", "未用"), 1)],
    )
    assert [str(f) for f in lint_scheme(scheme)] == [
        "unused: input 'spare' is read by no rule, veto, outcome or history rule",
        "unused: parameter 'unused' is read by nothing",
    ]


def test_unknown_scheme(cli: Cli) -> None:
    assert cli("lint", "zz").code == 2


def test_a_column_name_two_inputs_share() -> None:
    """An alias equal to another input's label names neither; one equal to an id names that."""
    from assesskit import Metric, MetricKind
    from assesskit.cli.lint import lint_scheme

    base = build_sample_scheme()
    spare = Metric(
        "spare",
        MetricKind.COUNT,
        Text("spare", "备用"),
        required=False,
        aliases=("Errors of kind A", "loss_rate"),
    )
    scheme = build_sample_scheme(metrics=[*base.metrics, spare])
    found = [str(f) for f in lint_scheme(scheme) if f.kind == "header"]
    assert found == [
        "header: the column name 'errors of kind a' is shared by 'errors_a' and 'spare': "
        "it names neither and is passed through",
        "header: the column name 'loss_rate' is shared by 'loss_rate' and 'spare': "
        "it names 'loss_rate' (its id)",
    ]
