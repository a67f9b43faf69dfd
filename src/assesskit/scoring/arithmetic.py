"""A result's arithmetic with its numbers: outcomes to the fen, vetoes, history rules.

A :class:`~assesskit.results.Result` explains its components; this module
explains the rest from the scheme's expressions, written with the record's
values by each node's ``shown`` form (:mod:`assesskit.expressions.node`):

- every number outcome: ``pay = 6150 × 74.73 / 100 = 4595.895 → 4595.90
  (rounded half-up to the fen)``, and every flag outcome with what it tests;
- every veto with the values it tested and its threshold, fired or not;
- every history rule with each trigger in each period of its window: the
  period, its published total and the condition with that period's values.

Nothing is scored again: the record's environment is rebuilt from the
published result (inputs, total, band, statuses, earlier outcomes), which is
what the scheme's outcomes read when the result was scored.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from assesskit._exact import format_number
from assesskit.expressions import ExactEnv, ExactValue
from assesskit.expressions.node import judged, shown_of
from assesskit.history import EntryEnv, History, HistoryEntry
from assesskit.metrics import MetricKind
from assesskit.periods import Period
from assesskit.results import Result
from assesskit.scoring.exact import RecordEnv
from assesskit.text import Lang, Text, scripted

if TYPE_CHECKING:
    from assesskit.components import HistoryRule, Outcome
    from assesskit.definition import SchemeDefinition

__all__ = [
    "RecordShowEnv",
    "explain_arithmetic",
    "history_arithmetic",
    "outcome_arithmetic",
    "outcome_lines",
    "result_env",
    "veto_arithmetic",
]

_HUNDREDTH = Decimal("0.01")

#: Component statuses in words; a status not listed is written as it is.
STATUS_WORDS: Mapping[str, Text] = {
    "met": Text("met", "达标"),
    "behind": Text("behind", "未达标"),
    "not_due": Text("not due", "未到期"),
}


class RecordShowEnv:
    """An exact environment (a record's, or a history entry's) that writes its values for a
    person in *lang*: the :class:`~assesskit.expressions.env.ShowEnv` of one record."""

    def __init__(
        self,
        base: ExactEnv,
        scheme: SchemeDefinition,
        lang: Lang,
        components: Mapping[str, Text] | None = None,
    ) -> None:
        self.base = base
        self.scheme = scheme
        self._lang: Lang = lang
        self._components = (
            components if components is not None else {c.id: c.label for c in scheme.components}
        )
        self._params = {p.name: p for p in scheme.parameters}

    # -- the exact environment, read through ------------------------------------------------
    def input(self, name: str) -> Any:
        return self.base.input(name)

    def param(self, name: str) -> Any:
        return self.base.param(name)

    def total(self) -> Decimal | None:
        return self.base.total()

    def band(self) -> str | None:
        return self.base.band()

    def vetoed(self) -> bool:
        return self.base.vetoed()

    def outcome(self, name: str) -> Any:
        return self.base.outcome(name)

    def period(self) -> Period | None:
        return self.base.period()

    def component_status(self, component_id: str) -> str | None:
        return self.base.component_status(component_id)

    def component_ids(self) -> list[str]:
        return self.base.component_ids()

    # -- writing values -------------------------------------------------------------------------
    @property
    def lang(self) -> Lang:
        """The language written in."""
        return self._lang

    def say(self, en: str, zh: str) -> str:
        """*en* or *zh*, whichever is the language written in (*zh* for Chinese in either
        script: labels come in the script asked for, these words in simplified)."""
        return zh if self._lang != "en" else en

    def value_text(self, value: Any) -> str:
        """A value as an explanation writes it (numbers exact to 6 decimals, else ``≈``)."""
        if value is None:
            return self.say("none", "无")
        if isinstance(value, bool):
            return self.say("yes", "是") if value else self.say("no", "否")
        if isinstance(value, Decimal):
            return format(value, "f")
        if isinstance(value, Fraction | int):
            return format_number(Fraction(value), 6)
        if isinstance(value, list | tuple):
            return self.say(", ", "、").join(map(str, value)) if value else self.value_text(None)
        return str(value)

    def input_text(self, name: str) -> str:
        """Input *name* as its metric writes it (a ratio as a percentage)."""
        value = self.base.input(name)
        metric = self.scheme.metric_map.get(name)
        if value is None or metric is None or isinstance(value, bool):
            return self.value_text(value)
        return metric.format_value(value)

    def input_label(self, name: str) -> str:
        """The label of input *name* (its id when the scheme has no such metric)."""
        metric = self.scheme.metric_map.get(name)
        return name if metric is None else metric.label.get(self._lang)

    def param_text(self, name: str) -> str:
        """Parameter *name* as its kind writes it."""
        value = self.base.param(name)
        if self.as_percent(name) and isinstance(value, Fraction):
            return format_number(value * 100, 6) + "%"
        return self.value_text(value)

    def as_percent(self, name: str) -> bool:
        """Whether input or parameter *name* is a ratio."""
        metric = self.scheme.metric_map.get(name)
        if metric is not None:
            return metric.kind is MetricKind.RATIO
        param = self._params.get(name)
        return param is not None and param.kind is MetricKind.RATIO

    def band_text(self, band_id: str | None) -> str:
        """The label of *band_id*."""
        bands = self.scheme.bands.bands if self.scheme.bands is not None else ()
        for band in bands:
            if band.id == band_id:
                return band.label.get(self._lang)
        return self.value_text(band_id)

    def component_text(self, component_id: str) -> str:
        """The label of *component_id*."""
        label = self._components.get(component_id)
        return component_id if label is None else label.get(self._lang)

    def status_text(self, status: str) -> str:
        """*status* in words."""
        words = STATUS_WORDS.get(status)
        return status if words is None else words.get(self._lang)


def result_env(scheme: SchemeDefinition, result: Result, lang: Lang) -> RecordShowEnv:
    """The environment *result* was scored in, rebuilt from what it publishes."""
    env = RecordEnv(result.inputs, scheme.params(), result.period)
    env.total_value, env.band_id, env.is_vetoed = result.total, result.band_id, result.vetoed
    env.statuses = {cid: c.status for cid, c in result.components.items()}
    env.outcomes = dict(result.outcome)
    labels = {cid: c.label for cid, c in result.components.items()}
    return RecordShowEnv(env, scheme, lang, labels)


def _rounding(spec: Outcome, env: RecordShowEnv) -> str:
    if spec.kind == "money":
        return env.say("rounded half-up to the fen", "四舍五入到分")
    return env.say(f"rounded half-up to {spec.places} decimals", f"四舍五入保留{spec.places}位小数")


def _number_line(spec: Outcome, label: str, exact: ExactValue, env: RecordShowEnv) -> str:
    shown = shown_of(spec.expr, env)
    published = env.outcome(spec.id)
    steps = [label, shown]
    if isinstance(exact, Fraction) and isinstance(published, Decimal):
        if Fraction(published) != exact:
            exact_text = format_number(exact, 6)
            if exact_text != shown:
                steps.append(exact_text)
            return " = ".join(steps) + env.say(
                f" → {published:f} ({_rounding(spec, env)})",
                f" → {published:f}({_rounding(spec, env)})",
            )
        value = format(published, "f")
        if shown != value and not shown.startswith((f"{value} (", f"{value}(")):
            steps.append(value)  # not when the value leads its own words: "0.6 (band: ...)"
        return " = ".join(steps)
    steps.append(env.value_text(None))
    return " = ".join(dict.fromkeys(steps))


def outcome_lines(
    scheme: SchemeDefinition,
    result: Result,
    lang: Lang,
    labels: Mapping[str, Text] | None = None,
) -> dict[str, str]:
    """By outcome id, a line per number outcome (money, number) with its arithmetic and
    rounding, and per flag outcome with what it tests; text and list outcomes have no
    arithmetic to show."""
    env = result_env(scheme, result, lang)
    names = labels if labels is not None else result.outcome_labels
    lines: dict[str, str] = {}
    for spec in scheme.outcomes:
        if spec.id not in result.outcome:
            continue
        label = names[spec.id].get(lang) if spec.id in names else spec.label.get(lang)
        if spec.kind in ("money", "number"):
            lines[spec.id] = _number_line(spec, label, spec.expr.exact(env), env)
        elif spec.kind == "flag":
            value = env.value_text(bool(result.outcome[spec.id]))
            shown = shown_of(spec.expr, env)
            body = value if shown == value else env.say(f"{shown}: {value}", f"{shown}:{value}")
            lines[spec.id] = env.say(f"{label}: {body}", f"{label}:{body}")
    return lines


def outcome_arithmetic(
    scheme: SchemeDefinition,
    result: Result,
    lang: Lang,
    labels: Mapping[str, Text] | None = None,
) -> list[str]:
    """The lines of :func:`outcome_lines`, in the scheme's order of outcomes."""
    return list(outcome_lines(scheme, result, lang, labels).values())


def veto_arithmetic(
    scheme: SchemeDefinition, result: Result, lang: Lang, *, fired_only: bool = False
) -> list[str]:
    """A line per veto (per veto that fired, when *fired_only*): the values it tested
    against its threshold, and whether it fired."""
    env = result_env(scheme, result, lang)
    fired = {v.id for v in result.vetoes}
    lines = []
    for veto in scheme.vetoes:
        if fired_only and veto.id not in fired:
            continue
        consequence = ""
        if veto.id in fired:
            consequence = env.say(" → the whole total is 0", " → 考核总分为0")
        head = env.say(f"veto {veto.label.get(lang)}", f"一票否决 {veto.label.get(lang)}")
        lines.append(env.say(f"{head}: ", f"{head}:") + judged(veto.condition, env) + consequence)
    return lines


def _window_line(
    scheme: SchemeDefinition,
    entry: HistoryEntry | None,
    period: Period,
    condition: Any,
    lang: Lang,
    params: Mapping[str, Any],
) -> str:
    if entry is None:
        return f"{period}:无考核结果" if lang != "en" else f"{period}: no result"
    env = RecordShowEnv(EntryEnv(entry, params), scheme, lang)
    total = env.value_text(None if entry.total is None else entry.total.quantize(_HUNDREDTH))
    head = env.say(f"{period} (total {total})", f"{period}(总分 {total})")
    return env.say(f"{head}: ", f"{head}:") + judged(condition, env)


def _rule_lines(
    scheme: SchemeDefinition,
    rule: HistoryRule,
    result: Result,
    history: History | None,
    lang: Lang,
    labels: Mapping[str, Text],
) -> list[str]:
    env = result_env(scheme, result, lang)
    label = labels[rule.id].get(lang) if rule.id in labels else rule.label.get(lang)
    fired = env.value_text(bool(result.outcome.get(rule.id)))
    lines = [env.say(f"{label}: {fired}", f"{label}:{fired}")]
    if result.entity_id is None or result.period is None:
        return lines
    current = HistoryEntry.from_result(result)
    params = scheme.params()
    window = [result.period.previous(back) for back in range(rule.periods - 1, 0, -1)]
    for trigger in rule.triggers:
        lines.append("  " + env.say(f"{trigger.label.en}:", f"{trigger.label.zh}:"))
        for period in [*window, result.period]:
            entry = (
                current
                if period == result.period
                else (history.get(current.entity_id, period) if history is not None else None)
            )
            lines.append(
                "    " + _window_line(scheme, entry, period, trigger.condition, lang, params)
            )
    return lines


def history_arithmetic(
    scheme: SchemeDefinition,
    result: Result,
    history: History | None,
    lang: Lang,
    labels: Mapping[str, Text] | None = None,
) -> list[str]:
    """Per history rule: whether it fired, and each trigger in each period of its window
    (oldest first), with the period's total and the trigger's condition on its values."""
    names = labels if labels is not None else result.outcome_labels
    lines: list[str] = []
    for rule in scheme.history_rules:
        lines.extend(_rule_lines(scheme, rule, result, history, lang, names))
    return lines


def _typed_words(scheme: SchemeDefinition, result: Result, *args: object, **kw: object) -> Any:
    """The user's own texts in the lines (entity id, stage): as written in every script."""
    return result.typed_words()


@scripted(_typed_words)
def explain_arithmetic(
    scheme: SchemeDefinition,
    result: Result,
    history: History | None,
    lang: Lang,
    labels: Mapping[str, Text] | None = None,
) -> list[str]:
    """Vetoes, outcomes and history rules of *result* with their numbers, under a heading;
    empty when the scheme has none of them."""
    body = [
        *veto_arithmetic(scheme, result, lang),
        *outcome_arithmetic(scheme, result, lang, labels),
        *history_arithmetic(scheme, result, history, lang, labels),
    ]
    if not body:
        return []
    return ["计算过程:" if lang != "en" else "how it was computed:", *("  " + b for b in body)]
