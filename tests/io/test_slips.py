"""What a slip says (``io/slips``): what to improve to reach the next band, and the page.

The scheme: ``a`` worth 60 and ``b`` worth 40, each ``weight × rating / 100``;
bands ``top`` (> 90, open), ``mid`` [60, 90] and ``low`` (< 60); a veto when
``fraud`` is set.
"""

from __future__ import annotations

from html.parser import HTMLParser

from assesskit import (
    Band,
    BandTable,
    Component,
    Input,
    Interval,
    Metric,
    MetricKind,
    PeriodKind,
    Scheme,
    Text,
    Veto,
)
from assesskit.io.slips import build_slip, improvement
from assesskit.io.slips_html import slips_html
from assesskit.rules import RaterMean

BANDS = BandTable(
    (
        Band("top", Text("top", "优"), Interval(90, None, lower_closed=False)),
        Band("mid", Text("middle", "中"), Interval(60, 90)),
        Band("low", Text("low", "差"), Interval.below(60)),
    )
)


def scheme(bands: BandTable | None = BANDS) -> Scheme:
    return Scheme(
        id="test.slips",
        version="1",
        title=Text("slips", "结果单"),
        period=PeriodKind.MONTHLY,
        metrics=[
            Metric("ra", MetricKind.RATING, Text("rating a", "甲评分")),
            Metric("rb", MetricKind.RATING, Text("rating b", "乙评分")),
            Metric("fraud", MetricKind.FLAG, Text("fraud", "舞弊")),
        ],
        components=[
            Component("a", Text("part a", "甲项"), 60, RaterMean("ra")),
            Component("b", Text("part b", "乙项"), 40, RaterMean("rb")),
        ],
        vetoes=[Veto("fraud", Text("fraud", "舞弊"), Input("fraud"))],
        bands=bands,
    )


def record(ra: int, rb: int, fraud: bool = False) -> dict[str, object]:
    return {"entity_id": "E", "period": "2026-09", "ra": ra, "rb": rb, "fraud": fraud}


def test_points_to_the_next_band_and_the_most_headroom() -> None:
    s = scheme()
    # 60 × 50% + 40 × 75% = 30 + 30 = 60: band mid; top starts above 90
    result = s.score(record(50, 75))
    assert improvement(s, result, "en") == [
        "more than 30 points more reach the next band, top (above 90)",
        "part a: 30 points to gain (30 of 60)",
        "part b: 10 points to gain (30 of 40)",
    ]
    # 59.6 = 60 × 66% + 40 × 50% = 39.6 + 20: band low, mid from 60 (closed): 0.4 more
    result = s.score(record(66, 50))
    assert improvement(s, result, "zh")[0] == "再得 0.4 分可达到上一档次“中”(60 分起)"
    assert improvement(s, result, "zh")[1] == "甲项:还可提高 20.4 分(得 39.6 分,满分 60 分)"


def test_the_best_band_full_marks_and_a_veto() -> None:
    s = scheme()
    assert improvement(s, s.score(record(100, 95)), "en") == [
        "already in the best band",
        "part b: 2 points to gain (38 of 40)",
    ]
    vetoed = improvement(s, s.score(record(100, 100, fraud=True)), "en")
    # the total is 0 whatever the points: the next band is counted from 0
    assert vetoed == [
        "a veto fired (fraud): the total is 0 whatever the points; clear it first",
        "60 points more reach the next band, middle (from 60)",
    ]
    plain = scheme(bands=None)
    assert improvement(plain, plain.score(record(100, 100)), "zh") == ["已得满分"]
    assert improvement(plain, plain.score(record(90, 100)), "en") == [
        "6 points below full marks (the scheme has no bands)",
        "part a: 6 points to gain (54 of 60)",
    ]


class PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections = 0
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.sections += tag == "section"

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.data.append(data.strip())


def test_the_page_of_a_slip() -> None:
    s = scheme()
    slips = [
        build_slip(s, s.score(record(50, 75)), "zh", name="王芳"),
        build_slip(s, s.score(record(100, 100, fraud=True)), "zh", name=None),
    ]
    assert slips[0].band == "中"
    assert [(c.label, c.value, c.detail) for c in slips[0].components] == [
        ("甲项", "30", "60"),
        ("乙项", "30", "40"),
    ]
    assert slips[1].vetoes == ("一票否决 舞弊:舞弊:是 → 考核总分为0",)
    page = PageText()
    page.feed(slips_html(slips, "zh", "结果单"))
    assert page.sections == 2
    assert "王芳" in page.data
    assert "E" in page.data  # no name: the entity
    assert "结果单 · 考核结果单" in page.data
