"""Edges of the leaf expressions that the main tests leave unasserted.

Mostly their ``shown`` form: how an explanation (a pay slip, ``assesskit
explain``) writes a leaf with one record's values, in English and Chinese.
The lines come from :func:`assesskit.scoring.arithmetic.outcome_lines`, the
lines a slip prints under each outcome; a list, which has no line of its own,
is written by :func:`~assesskit.expressions.node.shown_of` in the record's
environment, as a parent node would write it.

The scheme of :mod:`tests.core.test_leaves` gives ``100 × a / b`` points:
2 of 3 is 66.67 (band ``reduced``, "80% pay", 八成), 0 of 0 no total.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.core.test_leaves import share_scheme
from tests.core.test_scoring_exact import stated_scheme

from assesskit import (
    BandIs,
    BandLookup,
    ComponentsWithStatus,
    Input,
    MetricKind,
    NoneWithStatus,
    Outcome,
    OutcomeRef,
    Param,
    Parameter,
    Present,
    Scheme,
    StatusIs,
    Text,
    Total,
    Vetoed,
    Where,
)
from assesskit.expressions.node import shown_of
from assesskit.scoring.arithmetic import outcome_lines, result_env

#: 2 of 3: total 66.67, band reduced; no veto
SHARE = {"a": 2, "b": 3, "breach": False, "period": "2026-08"}
#: 0 of 0 and a breach: no total, no band, vetoed
NOTHING = {"a": 0, "b": 0, "breach": True, "period": "2026-08"}


def lines(scheme: Scheme, record: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The outcome lines of *record*, in English and in Chinese."""
    result = scheme.score(record)
    en = outcome_lines(scheme, result, "en")
    zh = outcome_lines(scheme, result, "zh")
    return list(en.values()), list(zh.values())


class TestShownFlags:
    SCHEME = share_scheme(
        [
            Outcome("given", Text("given", "已填"), Present("breach"), "flag"),
            Outcome("vetoed", Text("vetoed", "否决"), Vetoed(), "flag"),
            Outcome("in_band", Text("in band", "在档"), BandIs("reduced"), "flag"),
        ]
    )

    def test_present_vetoed_and_band_is_are_written_with_their_truth(self) -> None:
        assert lines(self.SCHEME, SHARE) == (
            [
                "given: breach is given: yes",
                "vetoed: a veto fired: no",
                "in band: band is 80% pay: yes",
            ],
            ["已填:已填写泄密:是", "否决:触发一票否决:否", "在档:档次为八成:是"],
        )

    def test_the_same_flags_of_a_vetoed_record_without_a_band(self) -> None:
        assert lines(self.SCHEME, NOTHING) == (
            [
                "given: breach is given: yes",
                "vetoed: a veto fired: yes",
                "in band: band is 80% pay: no",
            ],
            ["已填:已填写泄密:是", "否决:触发一票否决:是", "在档:档次为八成:否"],
        )


def test_a_flag_input_as_a_condition_is_named_by_its_label() -> None:
    # the choice shows the flag it read by its label and truth, not its value twice
    scheme = share_scheme([Outcome("o", Text("o", "结果"), Where(Input("breach"), 1, 0), "number")])
    en, zh = lines(scheme, SHARE)
    assert en == ["o = 0 (breach: no)"]
    assert zh == ["结果 = 0(泄密:否)"]


class TestShownNumbers:
    SCHEME = share_scheme(
        [
            Outcome(
                "rate",
                Text("rate", "比例"),
                BandLookup({"full": 1, "reduced": "0.8", "low": "0.6"}),
                places=2,
            ),
            Outcome("twice", Text("twice", "两倍"), OutcomeRef("rate") * 2, places=2),
            Outcome("total", Text("total", "总分"), Total() * 1, places=2),
        ]
    )

    def test_a_value_per_band_names_the_band_and_an_outcome_its_value(self) -> None:
        assert lines(self.SCHEME, SHARE) == (
            ["rate = 0.8 (band: 80% pay)", "twice = 0.8 × 2 = 1.6", "total = 66.67 × 1 = 66.67"],
            ["比例 = 0.8(档次:八成)", "两倍 = 0.8 × 2 = 1.6", "总分 = 66.67 × 1 = 66.67"],
        )

    def test_without_a_band_or_a_total_each_is_none(self) -> None:
        assert lines(self.SCHEME, NOTHING) == (
            [
                "rate = none (band: none) = none",
                "twice = none × 2 = none",
                "total = none × 1 = none",
            ],
            ["比例 = 无(档次:无) = 无", "两倍 = 无 × 2 = 无", "总分 = 无 × 1 = 无"],
        )


def test_an_input_and_a_parameter_are_written_as_their_kinds_write_them() -> None:
    rate = Parameter("rate", Text("rate", "比率"), "0.125", MetricKind.RATIO)
    scheme = share_scheme(
        [Outcome("part", Text("part", "部分"), Input("a") * Param("rate"), places=3)],
        params=[rate],
    )
    assert lines(scheme, SHARE) == (["part = 2 × 12.5% = 0.25"], ["部分 = 2 × 12.5% = 0.25"])


class TestShownStatuses:
    SCHEME = stated_scheme(
        [
            Outcome(
                "first_late", Text("first late", "一落后"), StatusIs("first", "behind"), "flag"
            ),
            Outcome("on_time", Text("on time", "均达标"), NoneWithStatus("behind"), "flag"),
        ]
    )

    @pytest.mark.parametrize(
        ("record", "expected"),
        [
            (
                {"state": True, "other": True},
                (
                    ["first late: first is behind: yes", "on time: no component is behind: no"],
                    ["一落后:一未达标:是", "均达标:没有考核项未达标:否"],
                ),
            ),
            (
                {"state": False, "other": False},
                (
                    ["first late: first is behind: no", "on time: no component is behind: yes"],
                    ["一落后:一未达标:否", "均达标:没有考核项未达标:是"],
                ),
            ),
        ],
    )
    def test_a_status_is_written_with_the_components_label_in_words(
        self, record: dict[str, Any], expected: tuple[list[str], list[str]]
    ) -> None:
        assert lines(self.SCHEME, record) == expected

    def test_the_components_with_a_status_are_listed_by_label(self) -> None:
        result = self.SCHEME.score({"state": True, "other": False})
        behind, ahead = ComponentsWithStatus("behind"), ComponentsWithStatus("ahead")
        en, zh = result_env(self.SCHEME, result, "en"), result_env(self.SCHEME, result, "zh")
        assert shown_of(behind, en) == "first"
        assert shown_of(behind, zh) == "一"
        both = self.SCHEME.score({"state": True, "other": True})
        en, zh = result_env(self.SCHEME, both, "en"), result_env(self.SCHEME, both, "zh")
        assert shown_of(behind, en) == "first, second"
        assert shown_of(behind, zh) == "一、二"
        assert shown_of(ahead, en) == "none"
        assert shown_of(ahead, zh) == "无"
        # a status without words is written as it is
        assert shown_of(StatusIs("second", "ahead"), zh) == "二ahead"
        assert shown_of(StatusIs("second", "ahead"), en) == "second is ahead"
