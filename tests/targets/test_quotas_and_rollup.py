"""Requirements from inputs (quotas) and member figures summed up to their parent."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assesskit import InvalidInputError, Scheme, Text
from assesskit.targets import TargetSpec, plan_scheme, quota_targets, sum_member_figures


@pytest.fixture(scope="module")
def quotas(all_kinds: tuple[TargetSpec, ...]) -> Scheme:
    """The all-kinds plan, each target against a quota given per record."""
    return plan_scheme(
        "test.quotas", Text("quotas", "任务"), quota_targets(all_kinds), (2014, 2020)
    )


def test_quota_inputs_are_named_after_the_target(quotas: Scheme) -> None:
    names = {m.name for m in quotas.metrics}
    assert {"built_required", "built_actual", "rule_issued_required", "rule_issued_actual"} <= names
    assert quotas.metric_map["built_actual"].label == Text(
        "clinics built (actual)", "建成卫生室(实际)"
    )
    assert quotas.metric_map["rule_issued_required"].kind.value == "date"


def test_a_target_with_neither_input_is_not_due(quotas: Scheme) -> None:
    result = quotas.score({"year": 2016, "built_required": 40, "built_actual": 30})
    assert result.components["built"].status == "behind"
    assert result.components["trained"].status == "not_due"
    # only "built" due: 100 × 30/40 = 75
    assert str(result.total) == "75.00"
    assert result.outcome["lagging"] is True
    assert result.components["built"].explanation.en.startswith(
        "clinics built 30 of the quota 40 for 2016: behind"
    )


@pytest.mark.parametrize(
    ("given", "missing"),
    [({"built_required": 40}, "built_actual"), ({"built_actual": 30}, "built_required")],
)
def test_a_target_with_only_one_input_is_an_error(
    quotas: Scheme, given: dict[str, Any], missing: str
) -> None:
    record = {"entity_id": "c1", "year": 2016, "trained_required": 5, "trained_actual": 5, **given}
    with pytest.raises(InvalidInputError) as caught:
        quotas.score(record)
    (problem,) = caught.value.problems
    assert problem.field == missing
    assert problem.entity == "c1"
    assert "needs both its required and actual figures" in problem.rule
    with pytest.raises(InvalidInputError) as batch_caught:
        quotas.score_batch({k: [v] for k, v in record.items()})
    assert [p.field for p in batch_caught.value.problems] == [missing]


def test_a_quota_keeps_the_kind_and_the_about_mark(quotas: Scheme) -> None:
    record = {
        "year": 2020,
        "deductible_required": 3000,
        "deductible_actual": 4000,
        "dispatched_required": 100,
        "dispatched_actual": 90,
    }
    result = quotas.score(record)
    # at_most: 50 × 3000/4000 = 37.5; annual: 50 × 90/100 = 45; total 82.5
    assert str(result.total) == "82.50"
    tolerant = quotas.with_params(about_tolerance="0.1").score(record)
    # about 100 with 10% tolerance: 90 required, met
    assert tolerant.components["dispatched"].status == "met"


def test_a_milestone_quota_is_a_deadline(quotas: Scheme) -> None:
    base = {"year": 2017, "rule_issued_required": "2017-06-30"}
    on_time = quotas.score({**base, "rule_issued_actual": "2017-06-30"})
    assert on_time.components["rule_issued"].status == "met"
    with pytest.raises(InvalidInputError) as caught:
        quotas.score(base)  # the deadline year without a date
    assert [p.field for p in caught.value.problems] == ["rule_issued_actual"]
    later = quotas.score({**base, "year": 2018})  # not done after the deadline year
    assert later.components["rule_issued"].status == "behind"
    before = quotas.score({**base, "year": 2016})
    assert before.components["rule_issued"].status == "not_due"
    with pytest.raises(InvalidInputError) as no_deadline:
        quotas.score({"year": 2017, "rule_issued_actual": "2017-01-01"})
    assert [p.field for p in no_deadline.value.problems] == ["rule_issued_required"]
    rows = [{**base, "rule_issued_actual": "2017-07-01"}, {**base, "year": 2018}]
    batch = quotas.score_batch({k: [r.get(k) for r in rows] for k in rows[0]})
    assert batch.component_status["rule_issued"].tolist() == ["behind", "behind"]


def test_member_figures_sum_up_for_summable_targets_only(
    all_kinds: tuple[TargetSpec, ...],
) -> None:
    rows = [
        {
            "parent_id": "p",
            "year": 2016,
            "built_actual": 30,
            "trained_actual": "20",
            "subsidy_actual": 400,
            "dispatched_actual": 2500,
        },
        {
            "parent_id": "p",
            "year": 2016,
            "built_actual": 45,
            "trained_actual": 31,
            "subsidy_actual": 380,
            "dispatched_actual": "",
        },
        {"parent_id": "p", "year": 2017, "built_actual": 80},
        {"parent_id": "q", "year": 2016, "built_actual": 7},
        {"parent_id": "", "year": 2016, "built_actual": 1000},  # no parent: left out
    ]
    figures = sum_member_figures(rows, all_kinds)
    assert figures == [
        # cumulative and annual targets only, in the plan's input names
        {"entity_id": "p", "year": 2016, "built": 75, "trained": 51, "dispatched": 2500},
        {"entity_id": "p", "year": 2017, "built": 80},
        {"entity_id": "q", "year": 2016, "built": 7},
    ]
    assert isinstance(figures[0]["built"], Fraction)
