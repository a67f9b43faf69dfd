"""The words of a target: a record's explanation and the rule's description.

The wording of :class:`~assesskit.targets.rule.Target` in both languages, kept
apart from the model (:mod:`assesskit.targets.rule`) and its vectorised twin
(:mod:`assesskit.targets._batch`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from assesskit._exact import decimal_places, format_number, format_percent
from assesskit.targets.schedule import KIND_LABELS, Verdict
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.rules.base import RuleContext
    from assesskit.targets._fields import TargetFields

__all__ = ["describe", "explain", "requirement_words", "weight_words"]

_ONE = Fraction(1)


def weight_words(weight: Fraction) -> str:
    """A weight for an explanation: ``20`` or ``100/11`` (exact, never ``≈``)."""
    places = decimal_places(weight)
    if places is not None and places <= 4:
        return format_number(weight)
    return f"{weight.numerator}/{weight.denominator}"


def _ratio_words(a: Fraction, b: Fraction) -> str:
    return f"{format_number(a, 6)}/{format_number(b, 6)}"


def explain(
    target: TargetFields,
    verdict: Verdict,
    year: int,
    weight: Fraction,
    points: Fraction | None,
    ctx: RuleContext,
    deadline: dt.date | None,
) -> Text:
    """The explanation of *target*'s verdict for one record, in both languages."""
    label = target.label or ctx.label(target.input)
    if target.target_kind == "milestone":
        return _explain_milestone(target, verdict, year, weight, label, deadline)
    if not verdict.due:
        return _explain_not_due(target, verdict, year, label)
    assert isinstance(verdict.required, Fraction)
    assert isinstance(verdict.attained, Fraction)
    required, actual = verdict.required, verdict.attained
    a, shown_required = ctx.show(target.input, actual), _show_required(target, ctx, required)
    r, rz = shown_required.en, shown_required.zh
    if target.from_input:
        phrase = Text(f"{a} of the quota {r} for {year}", f"{year}年任务 {rz},实际 {a}")
        if target.target_kind == "at_most":
            phrase = Text(
                f"{a}, at most the quota {r} in {year}", f"{year}年应不高于 {rz},实际 {a}"
            )
    else:
        phrase = {
            "cumulative": Text(f"{a} of {r} due by {year}", f"{year}年底应累计完成 {rz},实际 {a}"),
            "annual": Text(f"{a} of {r} due in {year}", f"{year}年应完成 {rz},实际 {a}"),
            "at_least": Text(f"{a}, at least {r} in {year}", f"{year}年应不低于 {rz},实际 {a}"),
            "share": Text(f"{a}, at least {r} in {year}", f"{year}年应不低于 {rz},实际 {a}"),
            "at_most": Text(f"{a}, at most {r} in {year}", f"{year}年应不高于 {rz},实际 {a}"),
        }[target.target_kind]
    w = weight_words(weight)
    shown = "" if points is None else format_number(points)
    if verdict.status == "met":
        tail = Text(f"met: {w}", f"达标:{w}")
    elif verdict.attainment == 0:
        tail = Text("behind: 0", "未达标:0")
    elif target.target_kind == "at_most":
        arithmetic = f"{w} × {_ratio_words(required, actual)} = {shown}"
        tail = Text(f"behind: {arithmetic}", f"未达标:{arithmetic}")
    else:
        arithmetic = f"{w} × {_ratio_words(actual, required)} = {shown}"
        tail = Text(f"behind: {arithmetic}", f"未达标:{arithmetic}")
    return Text(f"{label.en} {phrase.en}: {tail.en}", f"{label.zh}:{phrase.zh}:{tail.zh}")


def _show_required(target: TargetFields, ctx: RuleContext, required: Fraction) -> Text:
    shown = ctx.show(target.input, required)
    if target.tolerance is None:
        return Text(shown, shown)
    tolerance = target.tolerance_in(ctx.params)
    if tolerance == 0:
        return Text(f"about {shown}", f"约 {shown}")
    about = ctx.show(target.input, required / (_ONE - tolerance))
    less = format_percent(tolerance)
    return Text(f"{shown} (about {about} less {less})", f"{shown}(约 {about},容差 {less})")


def _explain_not_due(target: TargetFields, verdict: Verdict, year: int, label: Text) -> Text:
    if verdict.reason == "no_quota":
        return Text(
            f"{label.en}: no quota for {year}, not due", f"{label.zh}:{year}年无任务,不考核"
        )
    assert target.schedule is not None
    if verdict.reason == "before":
        first = target.schedule.first_year
        return Text(
            f"{label.en}: not due in {year} (due from {first})",
            f"{label.zh}:{year}年未到考核期({first}年起考核)",
        )
    return Text(
        f"{label.en}: not due in {year} (due until {target.schedule.until})",
        f"{label.zh}:{year}年不在考核期内(考核至{target.schedule.until}年)",
    )


def _explain_milestone(
    target: TargetFields,
    verdict: Verdict,
    year: int,
    weight: Fraction,
    label: Text,
    deadline: dt.date | None,
) -> Text:
    done_on = verdict.attained
    reason = verdict.reason
    if reason == "no_quota":
        return _explain_not_due(target, verdict, year, label)
    if reason == "before":
        return Text(
            f"{label.en}: not due in {year} (deadline {deadline})",
            f"{label.zh}:{year}年未到期限({deadline})",
        )
    if reason == "done":
        late = (
            f" (late: the deadline was {deadline})"
            if isinstance(done_on, dt.date) and deadline is not None and done_on > deadline
            else ""
        )
        late_zh = f"(逾期:期限{deadline})" if late else ""
        return Text(
            f"{label.en}: done on {done_on}{late}, not due in {year}",
            f"{label.zh}:已于{done_on}完成{late_zh},{year}年不再考核",
        )
    w = weight_words(weight)
    if reason == "met":
        return Text(
            f"{label.en}: done on {done_on}, on or before the deadline {deadline}: met, {w}",
            f"{label.zh}:{done_on}完成,期限{deadline}:达标,{w}",
        )
    if reason == "late":
        return Text(
            f"{label.en}: done on {done_on}, after the deadline {deadline}: late, 0",
            f"{label.zh}:{done_on}完成,超过期限{deadline}:逾期,0",
        )
    later = "" if done_on is None else f"; done only on {done_on}"
    later_zh = "" if done_on is None else f";{done_on}方完成"
    return Text(
        f"{label.en}: not done by the end of {year} (deadline {deadline}{later}): behind, 0",
        f"{label.zh}:截至{year}年底未完成(期限{deadline}{later_zh}):未达标,0",
    )


def requirement_words(target: TargetFields, params: Mapping[str, Any] | None = None) -> Text:
    """What *target* requires, as the spec writes it (``2015: 2400; 2016: 2965``)."""
    if target.deadline is not None:
        return Text(f"on or before {target.deadline}", f"{target.deadline}前完成")
    if target.required_input is not None:
        what = "deadline" if target.target_kind == "milestone" else "quota"
        return Text(
            f"the {what} given in {target.required_input}",
            f"按 {target.required_input} 给出的{'期限' if what == 'deadline' else '任务'}",
        )
    assert target.schedule is not None
    show = format_percent if target.target_kind == "share" else format_number
    words = target.schedule.words(target.target_kind, show)
    if target.tolerance is not None:
        tolerance = target.tolerance_in(params) if params is not None else None
        less = (
            f"× (1 − {target.tolerance.name})"
            if tolerance is None
            else f"× (1 − {format_percent(tolerance)})"
        )
        words = Text(f"about {words.en}, {less}", f"约 {words.zh},{less}")
    return words


def describe(target: TargetFields, weight: Fraction, labels: Mapping[str, Text]) -> Text:
    """*target* in words, for ``assesskit show``."""
    w = weight_words(weight)
    kind = KIND_LABELS[target.target_kind]
    what = requirement_words(
        target,
    )
    label = target.label or labels.get(target.input, Text(target.input))
    if target.target_kind == "milestone":
        rule = Text(
            f"{w} when {target.input} is on or before the deadline (in the deadline's year); "
            f"in later years behind (0) while not done, not due once done",
            f"期限当年按期完成得 {w} 分,否则 0 分;此后未完成为未达标(0 分),完成后不再考核",
        )
    elif target.target_kind == "at_most":
        rule = Text(
            f"{w} when {target.input} <= required, else {w} × required / {target.input}",
            f"不高于要求得 {w} 分,否则 {w} × 要求 / 实际",
        )
    else:
        rule = Text(f"{w} × min({target.input} / required, 1)", f"{w} × 实际 / 要求(至多为 1)")
    due = _due_words(
        target,
    )
    return Text(
        f"{kind.en} target {label.en}: {what.en}; {due.en}; when due: {rule.en}",
        f"{kind.zh}目标 {label.zh}:{what.zh};{due.zh};考核时:{rule.zh}",
    )


def _due_words(target: TargetFields) -> Text:
    if target.required_input is not None:
        return Text(
            f"not due when neither {target.required_input} nor {target.input} is given",
            "两项都未给出时不考核",
        )
    if target.schedule is None:
        return Text("not due before the deadline's year", "期限所在年度之前不考核")
    first = target.schedule.first_year
    if target.schedule.until is not None:
        return Text(
            f"due {first}–{target.schedule.until}", f"{first}–{target.schedule.until}年考核"
        )
    if target.target_kind == "cumulative":
        return Text(
            f"due from {first}; after the last checkpoint the final value stays due",
            f"{first}年起考核;最后节点之后按最终数考核",
        )
    return Text(f"due from {first}", f"{first}年起考核")
