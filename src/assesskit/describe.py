"""A scheme in words and as data, for ``assesskit show``: everything needed to check it.

:func:`describe` gives JSON-able data (every text in English and Chinese);
:func:`render_description` the same for a person, in one language, with the
Chinese labels kept in the English text so it can be checked against the
source document.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from assesskit._exact import decimal_places, format_number
from assesskit.intervals import Interval
from assesskit.io.table import render_table
from assesskit.metrics import Metric, MetricKind
from assesskit.periods import PeriodKind
from assesskit.scheme import WEIGHT_PARAM_PREFIX, Scheme
from assesskit.targets import schedule_table
from assesskit.text import Lang, Text, scripted
from assesskit.words_zh import comparison_zh, constraint_zh, expr_zh, rollup_zh

__all__ = ["describe", "render_description", "weight_words"]

_KIND_ZH = {
    MetricKind.RATIO: "比率",
    MetricKind.COUNT: "次数",
    MetricKind.MONEY: "金额",
    MetricKind.RATING: "评分",
    MetricKind.NUMBER: "数值",
    MetricKind.POINTS: "百分点",
    MetricKind.FLAG: "是/否",
    MetricKind.DATE: "日期",
    MetricKind.YEAR: "年份",
    MetricKind.PERIOD: "考核期",
}


def _text(value: Text | None) -> dict[str, str] | None:
    return None if value is None else {"en": value.en, "zh": value.zh}


def _label(value: Text, lang: Lang) -> str:
    """A label for a person: Chinese only, or English with the Chinese kept beside it."""
    return value.zh if lang == "zh" else str(value)


def weight_words(value: Fraction) -> str:
    """An exact weight: ``20``, ``12.5``, or ``100/9 ≈ 11.11`` when it is not a short decimal.

    >>> weight_words(Fraction(100, 9))
    '100/9 ≈ 11.11'
    """
    places = decimal_places(value)
    if places is not None and places <= 6:
        return format_number(value, 6)
    return f"{value.numerator}/{value.denominator} ≈ {format_number(value, 2).lstrip('≈')}"


def _exact(value: Any) -> Any:
    if isinstance(value, Fraction):
        places = decimal_places(value)
        if places is not None:
            return format_number(value, places)
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)


def _interval(interval: Interval | None, name: str) -> dict[str, Any] | None:
    if interval is None:
        return None
    return {
        "notation": interval.notation(),
        "condition": interval.words(name),
        "lower": _exact(interval.lower),
        "lower_closed": interval.lower_closed,
        "upper": _exact(interval.upper),
        "upper_closed": interval.upper_closed,
    }


def _metric(metric: Metric) -> dict[str, Any]:
    return {
        "name": metric.name,
        "label": _text(metric.label),
        "kind": metric.kind.value,
        "domain": None if metric.domain is None else metric.domain.notation(),
        "required": metric.required,
        "aliases": list(metric.aliases),
        "accepts": metric.expected(),
        "max_decimals": metric.max_decimals,
        "unit": metric.unit or None,
        "direction": metric.direction,
        "description": _text(metric.description),
    }


def describe(scheme: Scheme, plugin: str | None = None) -> dict[str, Any]:
    """The scheme as JSON-able data; texts are ``{"en": ..., "zh": ...}``.

    Weights are exact (``"100/9"`` when they are not short decimals) and are
    those in force with the scheme's parameters; ``weight_points`` gives them
    as numbers.
    """
    labels = {m.name: m.label for m in scheme.metrics}
    weights = scheme.effective_weights()
    values = scheme.params()
    bands = scheme.bands
    return {
        "id": scheme.id,
        "version": scheme.version,
        "title": _text(scheme.title),
        "plugin": plugin,
        "fingerprint": scheme.fingerprint,
        "period": scheme.period.value,
        "period_field": scheme.period_field,
        "description": _text(scheme.description),
        "source": _text(scheme.source),
        "weights": scheme.weights,
        "not_applicable": scheme.not_applicable,
        "tunable_weights": scheme.tunable_weights,
        "inputs": [_metric(m) for m in scheme.metrics],
        "constraints": [c.words() for c in scheme.all_constraints()],
        "components": [
            {
                "id": c.id,
                "label": _text(c.label),
                "weight": _exact(weights[c.id]),
                "weight_points": float(weights[c.id]),
                "rule": {
                    "kind": c.rule.kind,
                    "inputs": list(c.rule.inputs()),
                    "description": _text(c.rule.describe(weights[c.id], labels)),
                },
                "note": _text(c.note),
            }
            for c in scheme.components
        ],
        "vetoes": [
            {"id": v.id, "label": _text(v.label), "condition": v.condition.words()}
            for v in scheme.vetoes
        ],
        "bands": None
        if bands is None
        else {
            "on_overlap": bands.on_overlap,
            "bands": [
                {"id": b.id, "label": _text(b.label), **(_interval(b.interval, "total") or {})}
                for b in bands.bands
            ],
        },
        "outcomes": [
            {
                "id": o.id,
                "label": _text(o.label),
                "kind": o.kind,
                "places": 2 if o.kind == "money" else (o.places if o.kind == "number" else None),
                "expression": o.expr.words(),
                "note": _text(o.note),
            }
            for o in scheme.outcomes
        ],
        "history_rules": [
            {
                "id": h.id,
                "label": _text(h.label),
                "periods": h.periods,
                "triggers": [
                    {"id": t.id, "label": _text(t.label), "condition": t.condition.words()}
                    for t in h.triggers
                ],
                "triggers_outcome": h.triggers_outcome,
            }
            for h in scheme.history_rules
        ],
        "review": {
            "initial": _text(scheme.review.initial),
            "final": _text(scheme.review.final),
            "assessor": _text(scheme.review.assessor),
            "note": _text(scheme.review.note),
        },
        "parameters": [
            {
                "name": p.name,
                "label": _text(p.label),
                "kind": p.kind.value,
                "default": _exact(p.parse(p.default)),
                "value": _exact(values[p.name]),
                "domain": None if p.domain is None else p.domain.notation(),
                "description": _text(p.description),
            }
            for p in scheme.parameters
        ],
        "stages": [
            {"id": st.id, "label": _text(st.label), "description": _text(st.words())}
            for st in _stages(scheme)
        ],
        "stage_comparisons": [
            {"label": _text(c.label), "description": c.words()} for c in scheme.stage_comparisons
        ],
        "rollups": [
            {"level": r.level, "label": _text(r.label), "description": r.words()}
            for r in scheme.rollups
        ],
        "weight_parameters": [
            WEIGHT_PARAM_PREFIX + c.id for c in scheme.components if scheme.tunable_weights
        ],
        "examples": [e.name for e in scheme.examples],
        "schedule": None if (table := schedule_table(scheme)) is None else table.to_dict("en"),
    }


def _value_words(value: Any) -> str:
    return format_number(value, 6) if isinstance(value, Fraction) else str(value)


def _stages(scheme: Scheme) -> tuple[Any, ...]:
    """The scheme's review stages (schemes without any have none)."""
    return tuple(scheme.stages)


def _section(title: Text, lang: Lang, body: str) -> str:
    return f"{title.get(lang)}\n" + "\n".join(
        f"  {line}" if line else "" for line in body.split("\n")
    )


#: The kinds of outcome, in Chinese.
_KIND_OF_OUTCOME_ZH = {
    "money": "金额",
    "number": "数值",
    "flag": "是否",
    "text": "文字",
    "list": "列表",
}


def _period_words(scheme: Scheme, lang: Lang) -> str:
    form = "YYYY-MM" if scheme.period is PeriodKind.MONTHLY else "YYYY"
    if lang == "zh":
        form = "年-月,如 2026-07" if scheme.period is PeriodKind.MONTHLY else "年份,如 2026"
        return f"考核期:{scheme.period.label_zh},字段 {scheme.period_field}({form})"
    return (
        f"period: {scheme.period.value} ({scheme.period.label_zh}), "
        f"field {scheme.period_field} ({form})"
    )


def _weights_words(scheme: Scheme, lang: Lang) -> str:
    zh = lang == "zh"
    if scheme.weights == "points":
        mode = "权重为分值,合计 100" if zh else "weights are points summing to 100"
    else:
        mode = "权重为相对权重,按比例折算为 100 分" if zh else "relative weights, scaled to 100"
    if scheme.not_applicable == "rescale":
        na = (
            "不适用的考核项:其余权重按比例放大"
            if zh
            else ("a component that does not apply: the others are scaled up to 100")
        )
    else:
        na = "不适用的考核项记 0 分" if zh else "a component that does not apply scores 0"
    return f"{mode};{na}" if zh else f"{mode}; {na}"


def _domain_words(metric: Metric, lang: Lang) -> str:
    if lang != "zh":
        return metric.domain_words()
    text = _KIND_ZH[metric.kind]
    if metric.domain is not None:
        text += f" {metric.domain.notation()}"
    if metric.max_decimals is not None and metric.kind is not MetricKind.MONEY:
        text += f",最多 {metric.max_decimals} 位小数"
    if metric.unit:
        text += f"({metric.unit})"
    if not metric.required:
        text += ",可不填"
    return text


@scripted()
def _input_label(metric: Metric, lang: Lang) -> str:
    """An input's label and the other names a column of it may have (its aliases)."""
    label = _label(metric.label, lang)
    if not metric.aliases:
        return label
    if lang == "zh":
        return f"{label};又名:{'、'.join(metric.aliases)}"
    return f"{label}; also: {', '.join(metric.aliases)}"


def render_description(scheme: Scheme, lang: Lang = "en", plugin: str | None = None) -> str:
    """The scheme for a person, section by section, in *lang*."""
    zh = lang == "zh"
    labels = {m.name: m.label for m in scheme.metrics}
    weights = scheme.effective_weights()
    bands_zh = {b.id: b.label for b in scheme.bands.bands} if scheme.bands is not None else {}
    total = "总分" if zh else "total"
    head = [f"{scheme.id}  {'版本' if zh else 'version'} {scheme.version}"]
    head[0] += f"  ({'插件' if zh else 'plugin'} {plugin})" if plugin else ""
    head.append(_label(scheme.title, lang))
    if scheme.description is not None:
        head.append(scheme.description.get(lang))
    if scheme.source is not None:
        head.append(("来源:" if zh else "source: ") + scheme.source.get(lang))
    head.append(_period_words(scheme, lang))
    head.append(_weights_words(scheme, lang))
    head.append(("指纹:" if zh else "fingerprint: ") + scheme.fingerprint)
    parts = ["\n".join(head)]

    inputs = render_table(
        ["字段" if zh else "field", "名称" if zh else "label", "取值" if zh else "domain"],
        [[m.name, _input_label(m, lang), _domain_words(m, lang)] for m in scheme.metrics],
    )
    constraints = [f"- {constraint_zh(c) if zh else c.words()}" for c in scheme.all_constraints()]
    if constraints:
        inputs += (
            "\n\n" + ("字段间约束:" if zh else "between fields:") + "\n" + "\n".join(constraints)
        )
    parts.append(_section(Text("Inputs", "输入"), lang, inputs))

    components = render_table(
        [
            "考核项" if zh else "component",
            "名称" if zh else "label",
            "分值" if zh else "points",
            "规则" if zh else "rule",
        ],
        [
            [
                c.id,
                _label(c.label, lang),
                weight_words(weights[c.id]),
                c.rule.describe(weights[c.id], labels).get(lang),
            ]
            for c in scheme.components
        ],
        right={2},
    )
    parts.append(_section(Text("Components", "考核项目"), lang, components))

    if scheme.vetoes:
        vetoes = "\n".join(
            f"{v.label.zh}: {expr_zh(v.condition, bands=bands_zh)}"
            if zh
            else f"{v.id}  {_label(v.label, lang)}: {v.condition.words()}"
            for v in scheme.vetoes
        )
        title = Text(
            "Vetoes (一票否决): when one holds, the total is 0", "一票否决:任一条件成立,总分为 0"
        )
        parts.append(_section(title, lang, vetoes))

    if scheme.bands is not None:
        bands = render_table(
            [
                "档次" if zh else "band",
                "名称" if zh else "label",
                "区间" if zh else "interval",
                "条件" if zh else "condition",
            ],
            [
                [b.id, _label(b.label, lang), b.interval.notation(), b.interval.words(total)]
                for b in scheme.bands.bands
            ],
        )
        if scheme.bands.on_overlap == "first_listed":
            bands += "\n" + (
                "区间重叠时,先列出的档次优先"
                if zh
                else "where bands overlap, the one listed first wins"
            )
        parts.append(_section(Text("Bands of the total", "总分档次"), lang, bands))

    if scheme.outcomes:
        outcomes = render_table(
            [
                "结果" if zh else "outcome",
                "名称" if zh else "label",
                "类型" if zh else "kind",
                "计算" if zh else "computed as",
            ],
            [
                [
                    o.id,
                    _label(o.label, lang),
                    _KIND_OF_OUTCOME_ZH[o.kind],
                    expr_zh(o.expr, o.word_map(), bands_zh),
                ]
                if zh
                else [o.id, _label(o.label, lang), o.kind, o.expr.words()]
                for o in scheme.outcomes
            ],
        )
        parts.append(_section(Text("Outcomes", "考核结果运用"), lang, outcomes))

    for rule in scheme.history_rules:
        lines = [
            f"{rule.id}  {_label(rule.label, lang)}: "
            + (
                f"连续 {rule.periods} 个考核期满足同一条件时成立"
                if zh
                else f"holds when one trigger holds in {rule.periods} consecutive periods"
            )
        ]
        lines += [
            f"- {t.label.zh}: {expr_zh(t.condition, bands=bands_zh)}"
            if zh
            else f"- {t.id}  {_label(t.label, lang)}: {t.condition.words()}"
            for t in rule.triggers
        ]
        if rule.triggers_outcome:
            lines.append(
                f"触发的条件列于 {rule.triggers_outcome}"
                if zh
                else f"the triggers that fired are listed in {rule.triggers_outcome}"
            )
        parts.append(_section(Text("History rule", "连续考核期规则"), lang, "\n".join(lines)))

    schedule = schedule_table(scheme)
    if schedule is not None:
        parts.append(
            _section(
                Text("Schedule: targets due by year", "进度安排:各年度应完成的目标"),
                lang,
                schedule.render(lang),
            )
        )

    stage_labels = {st.id: st.label for st in scheme.stages}
    stages = [f"- {st.words(stage_labels).get(lang)}" for st in _stages(scheme)]
    stages += [
        f"- {_label(c.label, lang)}: {comparison_zh(c, stage_labels) if zh else c.words()}"
        for c in scheme.stage_comparisons
    ]
    if stages:
        parts.append(_section(Text("Review stages", "考核阶段"), lang, "\n".join(stages)))
    rollups = [
        f"- {_label(r.label, lang)}: {rollup_zh(r, stage_labels) if zh else r.words()}"
        for r in scheme.rollups
    ]
    if rollups:
        parts.append(_section(Text("Roll-ups", "汇总"), lang, "\n".join(rollups)))

    review = scheme.review
    entries = [
        (Text("initial review", "初评"), review.initial),
        (Text("final review", "最终评价"), review.final),
        (Text("assessor", "考核人"), review.assessor),
        (Text("note", "说明"), review.note),
    ]
    shown = [f"{k.get(lang)}: {_label(v, lang)}" for k, v in entries if v is not None]
    if shown:
        parts.append(_section(Text("Review", "评审"), lang, "\n".join(shown)))

    params = scheme.params()
    if scheme.parameters or scheme.tunable_weights or scheme.tunable_bands:
        rows = [
            [
                p.name,
                _label(p.label, lang),
                p.kind.value if not zh else _KIND_ZH[p.kind],
                ("任意" if zh else "any") if p.domain is None else p.domain.notation(),
                _value_words(p.parse(p.default)),
                _value_words(params[p.name]),
            ]
            for p in scheme.parameters
        ]
        body = (
            render_table(
                [
                    "参数" if zh else "parameter",
                    "名称" if zh else "label",
                    "类型" if zh else "kind",
                    "取值" if zh else "domain",
                    "默认" if zh else "default",
                    "当前" if zh else "value",
                ],
                rows,
            )
            if rows
            else ""
        )
        if scheme.tunable_bands and scheme.bands is not None:
            body += ("\n" if body else "") + (
                "bands.<档次>:该档次的下限(最差一档除外)"
                if zh
                else "bands.<band>: the lower end of that band (all but the worst band)"
            )
        if scheme.tunable_weights:
            body += ("\n" if body else "") + (
                "weights.<考核项>:相对权重(>= 0),按比例折算为 100 分"
                if zh
                else "weights.<component>: a relative weight (>= 0), scaled to 100 with the others"
            )
        parts.append(
            _section(Text("Parameters (--param NAME=VALUE)", "参数(--param 名称=值)"), lang, body)
        )

    if scheme.examples and zh:
        parts.append(f"算例:{len(scheme.examples)} 个")  # their names are in English only
    elif scheme.examples:
        names = ", ".join(e.name for e in scheme.examples)
        parts.append(f"Worked examples ({len(scheme.examples)}): {names}")
    return "\n\n".join(parts) + "\n"
