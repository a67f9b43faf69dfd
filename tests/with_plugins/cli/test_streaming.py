"""Which shipped schemes the CSV command streams in chunks, and which need the whole input."""

from __future__ import annotations

from assesskit import get_scheme
from assesskit.run.streaming import why_not_streamed


class TestWhenItStreams:
    def test_schemes_and_inputs_that_need_the_whole_input(self) -> None:
        officer = get_scheme("microloan.loan-officer")
        assert why_not_streamed(officer, ["a.csv", "b.txt"]) is None
        assert why_not_streamed(officer, ["a.xlsx"]) == "a.xlsx is not a CSV file"
        county = get_scheme("relocation.county")
        reason = why_not_streamed(county, ["a.csv"])
        assert reason is not None
        assert "stages" in reason or "rolls" in reason
