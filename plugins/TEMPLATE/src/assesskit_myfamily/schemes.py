"""The schemes of the family, as data built from assesskit's parts.

One factory per scheme. Each rule cites its source in its ``note`` so that
``assesskit show`` and ``explain`` can say where a number comes from; the
readings of ambiguous words (以上, 以下, 不超過) are recorded in ``SPEC.md``.
"""

from __future__ import annotations

from assesskit import (
    Band,
    BandLookup,
    BandTable,
    Component,
    Example,
    Input,
    Interval,
    Metric,
    MetricKind,
    Outcome,
    PeriodKind,
    Review,
    Scheme,
    Text,
    Veto,
)
from assesskit.rules import PerIncidentDeduction, RaterMean

__all__ = ["SCHEME_VERSION", "clerk"]

#: Raise it whenever a scheme changes what it computes (it is part of every result).
SCHEME_VERSION = "2026.1"


def clerk() -> Scheme:
    """``myfamily.clerk``: an office clerk's month, filing 40 points and service 60.

    - filing: 40 − 5 per filing error, not below 0;
    - service: the service rating (0–100) × 60 / 100;
    - veto: documents leaked → the total is 0;
    - bands: ``good`` 80 and above (full pay), ``fair`` [60, 80) (80%), ``poor`` below 60 (60%);
    - outcome ``pay`` = ``standard_salary`` × the band's pay factor, when the salary is given.
    """
    pay_factor = BandLookup({"good": 1, "fair": "0.8", "poor": "0.6"})
    return Scheme(
        id="myfamily.clerk",
        version=SCHEME_VERSION,
        title=Text("Office clerk", "办公室文员"),
        period=PeriodKind.MONTHLY,
        review=Review(
            initial=Text("office manager", "办公室主任"), final=Text("general manager", "总经理")
        ),
        metrics=[
            Metric("filing_errors", MetricKind.COUNT, Text("filing errors", "归档差错")),
            Metric("service_rating", MetricKind.RATING, Text("service rating", "服务评分")),
            Metric("leaked", MetricKind.FLAG, Text("documents leaked", "泄密")),
            Metric(
                "standard_salary",
                MetricKind.MONEY,
                Text("standard salary", "标准工资"),
                required=False,
            ),
        ],
        components=[
            Component(
                "filing",
                Text("filing", "归档"),
                40,
                PerIncidentDeduction("filing_errors", 5),
                note=Text("source item 1: 5 points off per error", "原文第1项:每次差错扣5分"),
            ),
            Component(
                "service",
                Text("service", "服务"),
                60,
                RaterMean("service_rating"),
                note=Text("source item 2: rated by the office manager", "原文第2项:办公室主任评分"),
            ),
        ],
        vetoes=[Veto("leak", Text("documents leaked", "泄密"), Input("leaked"))],
        bands=BandTable(
            [
                Band("good", Text("full pay", "全额"), Interval.at_least(80)),
                Band("fair", Text("80% of pay", "八成"), Interval.closed_open(60, 80)),
                Band("poor", Text("60% of pay", "六成"), Interval.below(60)),
            ]
        ),
        outcomes=[
            Outcome("pay", Text("pay", "实发工资"), Input("standard_salary") * pay_factor, "money")
        ],
        examples=[
            Example(
                "two filing errors, service 90",
                {
                    "filing_errors": 2,
                    "service_rating": 90,
                    "leaked": False,
                    "standard_salary": 4000,
                },
                {"total": "84.00", "band": "good", "outcome": {"pay": "4000.00"}},
            )
        ],
    )
