"""A blank input for a scheme: the right headers, what each column takes, and one example row.

``assesskit template SCHEME -o blank.xlsx`` writes a workbook whose header
row names every input (entity, period, stage and date, parent, every
metric) in the chosen language, with each column's kind, domain and
description as a cell comment and its domain as data validation
(:mod:`assesskit.io.template_sheet`); the period column is text, so that
Excel keeps ``2026-07`` as typed. A ``.csv`` template has the header row
and the example row (UTF-8 with a BOM). The example row is the scheme's
first worked example, when it has one.

Headers in ``en`` are the field ids (what results and documentation use);
in ``zh`` the Chinese labels, in simplified characters when the ``zh``
extra is installed. Either reads back through :mod:`assesskit.io.headers`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from assesskit.io.hanzi import simplified
from assesskit.io.headers import FieldNames
from assesskit.metrics import Metric, MetricKind
from assesskit.scheme import Scheme
from assesskit.text import Lang, Text, in_script, written

__all__ = ["TemplateColumn", "template_columns", "template_csv"]


@attrs.frozen
class TemplateColumn:
    """One column of a template: its field, header, note and example value."""

    field: str
    header: str
    note: str
    example: object
    metric: Metric | None = None


def _names(scheme: Scheme) -> FieldNames:
    return FieldNames.of(scheme)


def _header(names: FieldNames, field: str, label: Text, lang: Lang) -> str:
    """The header of *field* in *lang*: its id in English, its Chinese label if that reads back."""
    if written(lang) != "zh":
        return field
    header = in_script(simplified(label.zh), lang)
    return header if names.field_of(header) == field else field


def _note(metric: Metric | None, label: Text, required: bool, lang: Lang) -> str:
    lines = [f"{label.en} / {label.zh}"]
    if metric is None:
        lines.append("required 必填" if required else "optional 选填")
        return "\n".join(lines)
    lines.append(f"{metric.kind.value}, {'required 必填' if metric.required else 'optional 选填'}")
    if metric.domain is not None:
        lines.append(f"domain 取值: {metric.domain}" + (f" {metric.unit}" if metric.unit else ""))
    elif metric.unit:
        lines.append(f"unit 单位: {metric.unit}")
    if metric.kind is MetricKind.FLAG:
        lines.append("true/false, 是/否")
    if metric.description is not None:
        lines.append(metric.description.get(lang))
    return "\n".join(lines)


def _example(scheme: Scheme) -> Mapping[str, Any]:
    return dict(scheme.examples[0].record) if scheme.examples else {}


def template_columns(scheme: Scheme, lang: Lang) -> list[TemplateColumn]:
    """Every input column of *scheme*, in order: entity, period, stage, date, parents, metrics."""
    names = _names(scheme)
    example = _example(scheme)
    metrics = scheme.metric_map
    columns = []
    for field in names.ids:
        metric = metrics.get(field)
        label = names.label(field)
        required = metric.required if metric is not None else field not in _OPTIONAL
        value = example.get(field)
        if field == "entity_id" and example and value is None:
            value = "example"
        columns.append(
            TemplateColumn(
                field,
                _header(names, field, label, lang),
                in_script(_note(metric, label, required, lang), lang),
                value,
                metric,
            )
        )
    return columns


_OPTIONAL = frozenset({"parent_id"})


def _text(value: object) -> str:
    """A cell's text in a CSV template."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        return str(Decimal(value.numerator) / Decimal(value.denominator))
    return str(value)


def template_csv(scheme: Scheme, lang: Lang) -> bytes:
    """A CSV template of *scheme*: the header row and the example row, UTF-8 with a BOM."""
    columns = template_columns(scheme, lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    if any(c.example is not None for c in columns):
        writer.writerow([_text(c.example) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
