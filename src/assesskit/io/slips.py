"""What a person's slip says: one result as the page handed to the person assessed.

A :class:`Slip` holds text only, already in the chosen language: the
components with their points out of their maximum, the total and band, the
vetoes that fired, the money and other outcomes (each with its arithmetic,
:mod:`assesskit.scoring.arithmetic`), and what to improve to reach the next
band: the points missing to its lower end, and the components with the most
points still to gain. :mod:`assesskit.io.slips_html` lays slips out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from assesskit._exact import format_number
from assesskit.bands import Band
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.scoring.arithmetic import outcome_lines, veto_arithmetic
from assesskit.stages import STAGE_FIELD
from assesskit.text import Lang, Text

__all__ = ["Slip", "SlipLine", "build_slip", "improvement"]

#: How many components with room to gain a slip names.
HEADROOM_SHOWN = 3


@attrs.frozen
class SlipLine:
    """A row of a slip: a label, a value and, for an outcome, how it was computed."""

    label: str
    value: str
    detail: str = ""


@attrs.frozen
class Slip:
    """One person's page, every text in one language."""

    lang: Lang
    title: str
    entity: str
    name: str | None
    period: str
    stage: str | None
    components: tuple[SlipLine, ...]
    total: str
    band: str | None
    vetoes: tuple[str, ...]
    outcomes: tuple[SlipLine, ...]
    improve: tuple[str, ...]
    notes: tuple[str, ...]


def _say(lang: Lang, en: str, zh: str) -> str:
    return zh if lang != "en" else en


def _points(value: Decimal | Fraction) -> str:
    return format_number(Fraction(value), 2)


def _next_band(bands: Sequence[Band], total: Decimal) -> Band | None:
    """The band with the lowest lower end above *total* (a better band), if any."""
    exact = Fraction(total)

    def better(band: Band) -> bool:
        lower = band.interval.lower
        if lower is None:
            return False
        return lower > exact or (lower == exact and not band.interval.lower_closed)

    above = [b for b in bands if better(b)]
    return min(above, key=lambda b: b.interval.lower or 0, default=None)


def _headroom(result: Result, lang: Lang) -> list[str]:
    rooms = [
        (c.weight - Fraction(c.points), c)
        for c in result.components.values()
        if c.points is not None and c.weight - Fraction(c.points) > 0
    ]
    rooms.sort(key=lambda pair: -pair[0])
    return [
        _say(
            lang,
            f"{c.label.en}: {_points(room)} points to gain ({_points(c.points)} of "
            f"{_points(c.weight)})",
            f"{c.label.zh}:还可提高 {_points(room)} 分(得 {_points(c.points)} 分,"
            f"满分 {_points(c.weight)} 分)",
        )
        for room, c in rooms[:HEADROOM_SHOWN]
        if c.points is not None
    ]


def improvement(scheme: Scheme, result: Result, lang: Lang) -> list[str]:
    """What to improve: the points missing to the next band's lower end (or to full marks
    when the scheme has no bands) and the components with the most points to gain."""
    if result.total is None:
        return []
    lines: list[str] = []
    if result.vetoed:
        names = "、" if lang != "en" else ", "
        fired = names.join(v.label.get(lang) for v in result.vetoes)
        lines.append(
            _say(
                lang,
                f"a veto fired ({fired}): the total is 0 whatever the points; clear it first",
                f"触发一票否决({fired}):无论得分多少总分均为0,须先消除",
            )
        )
    bands = scheme.bands.bands if scheme.bands is not None else ()
    total = Decimal(0) if result.vetoed else result.total
    target = _next_band(bands, total)
    if target is not None and target.interval.lower is not None:
        lower = target.interval.lower
        gap = _points(lower - Fraction(total))
        end = _points(lower)
        label = target.label.get(lang)
        if target.interval.lower_closed:
            lines.append(
                _say(
                    lang,
                    f"{gap} points more reach the next band, {label} (from {end})",
                    f"再得 {gap} 分可达到上一档次“{label}”({end} 分起)",
                )
            )
        else:
            lines.append(
                _say(
                    lang,
                    f"more than {gap} points more reach the next band, {label} (above {end})",
                    f"再得超过 {gap} 分可达到上一档次“{label}”(高于 {end} 分)",
                )
            )
    elif bands:
        lines.append(_say(lang, "already in the best band", "已在最高档次"))
    elif total >= 100:
        lines.append(_say(lang, "full marks", "已得满分"))
    else:
        short = _points(Fraction(100) - Fraction(total))
        lines.append(
            _say(
                lang,
                f"{short} points below full marks (the scheme has no bands)",
                f"距满分还差 {short} 分(本方案不分档次)",
            )
        )
    lines.extend(_headroom(result, lang))
    return lines


def _outcome_value(value: object, lang: Lang, names: Mapping[str, Text]) -> str | None:
    """An outcome's value on a slip; ``None`` for a value with no words in *lang* (a text,
    a list of anything but the ids *names* labels)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _say(lang, "yes" if value else "no", "是" if value else "否")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        if not all(v in names for v in value):
            return None
        if not value:
            return _say(lang, "none", "无")
        return ("、" if lang != "en" else ", ").join(names[v].get(lang) for v in value)
    return None


def build_slip(
    scheme: Scheme,
    result: Result,
    lang: Lang,
    name: str | None = None,
    labels: Mapping[str, Text] | None = None,
) -> Slip:
    """The slip of *result*, in *lang*; *name* is the person's name from the input."""
    names = labels if labels is not None else result.outcome_labels
    components = {cid: c.label for cid, c in result.components.items()}
    rows = tuple(
        SlipLine(
            c.label.get(lang),
            "—" if c.points is None else _points(c.points),
            _points(c.weight),
        )
        for c in result.components.values()
    )
    how = outcome_lines(scheme, result, lang, labels)
    triggers = {
        rule.triggers_outcome: {t.id: t.label for t in rule.triggers}
        for rule in scheme.history_rules
        if rule.triggers_outcome
    }
    outcomes: list[SlipLine] = []
    for key, value in result.outcome.items():
        if result.outcome_kinds.get(key) == "text":
            continue  # a text (a status id) has no words in the other language
        label = names[key].get(lang) if key in names else key
        if lang != "en" and label == key:
            continue  # an outcome with no Chinese label (a stage's comparison): its id is English
        shown = _outcome_value(value, lang, triggers.get(key, components))
        if shown is None:
            continue
        detail = how.get(key, "")
        for head in (f"{label} = ", f"{label}: ", f"{label}:"):
            detail = detail.removeprefix(head)  # the label is in the row already
        outcomes.append(SlipLine(label, shown, detail if detail != shown else ""))
    total = "—" if result.total is None else format(result.total, "f")
    stage = result.fields.get(STAGE_FIELD)
    stage_labels = {s.id: s.label.get(lang) for s in scheme.stages}
    return Slip(
        lang=lang,
        title=scheme.title.get(lang),
        entity=result.entity_id or "",
        name=name,
        period="" if result.period is None else str(result.period),
        stage=None if stage is None else stage_labels.get(str(stage), str(stage)),
        components=rows,
        total=total,
        band=None if result.band is None else result.band.label.get(lang),
        vetoes=tuple(veto_arithmetic(scheme, result, lang, fired_only=True)),
        outcomes=tuple(outcomes),
        improve=tuple(improvement(scheme, result, lang)),
        notes=tuple(n.get(lang) for n in result.notes),
    )
