"""Results of scoring: one explained :class:`Result`, or a :class:`BatchResult` of arrays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from assesskit._exact import format_number
from assesskit.bands import Band
from assesskit.metrics import MetricValue
from assesskit.periods import Period
from assesskit.text import Lang, Text, scripted

__all__ = ["BatchResult", "ComponentResult", "Result", "VetoResult", "json_value", "value_zh"]


@attrs.frozen
class ComponentResult:
    """Points of one component: published (2 decimals) and exact, with an explanation.

    ``points`` is ``None`` when the component does not apply to the record.
    When a veto fired, the points are what the component would have earned.
    """

    id: str
    label: Text
    weight: Fraction
    points: Decimal | None
    exact_points: Fraction | None
    explanation: Text
    status: str | None = None
    details: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def applicable(self) -> bool:
        """Whether the component applied to the record."""
        return self.points is not None


@attrs.frozen
class VetoResult:
    """A veto that fired (一票否決), with the reason in words."""

    id: str
    label: Text
    explanation: Text


@attrs.frozen
class Result:
    """The result of scoring one record with a scheme.

    ``total`` is the published total (rounded half-up to 2 decimals from the
    exact sum; 0 when vetoed; ``None`` when no component applies), ``band``
    the band it falls in, ``outcome`` the consequences (money as
    :class:`~decimal.Decimal` exact to the fen), ``notes`` anything the reader
    should know (missing history...).
    """

    scheme_id: str
    scheme_version: str
    entity_id: str | None
    period: Period | None
    period_field: str
    total: Decimal | None
    exact_total: Fraction | None
    band: Band | None
    vetoed: bool
    vetoes: tuple[VetoResult, ...]
    components: Mapping[str, ComponentResult]
    outcome: Mapping[str, Any]
    notes: tuple[Text, ...]
    inputs: Mapping[str, MetricValue]
    fields: Mapping[str, Any] = attrs.field(factory=dict)
    outcome_kinds: Mapping[str, str] = attrs.field(factory=dict)
    outcome_labels: Mapping[str, Text] = attrs.field(factory=dict)
    outcome_words: Mapping[str, Mapping[str, Text]] = attrs.field(factory=dict)

    def typed_words(self, *args: object, **kwargs: object) -> Iterator[str]:
        """The user's own texts in an explanation (entity id, stage), which stay as written
        in every script (:func:`assesskit.text.scripted`)."""
        if self.entity_id is not None:
            yield str(self.entity_id)
        yield from (v for v in self.fields.values() if isinstance(v, str))

    @property
    def band_id(self) -> str | None:
        """The band's id, or ``None``."""
        return None if self.band is None else self.band.id

    @scripted(typed_words)
    def explain(self, lang: Lang = "en", labels: Mapping[str, Text] | None = None) -> str:
        """A full explanation a person can read and check by hand.

        *labels* names the outcomes (``pay`` → 實際工資); by default the
        scheme's own labels; an outcome without one is shown by its id. In Chinese,
        values are words too (是/否, a status by its ``outcome_words``).
        """
        if labels is None:
            labels = self.outcome_labels
        zh = lang == "zh"
        lines: list[str] = []
        who = self.entity_id or ("记录" if zh else "record")
        when = f" {self.period}" if self.period is not None else ""
        stage = f" {self.fields['stage']}" if self.fields.get("stage") else ""
        lines.append(f"{who}{when}{stage}")
        for comp in self.components.values():
            pts = (
                ("不适用" if zh else "n/a")
                if comp.points is None
                else format_number(comp.points, 2)
            )
            lines.append(
                f"  {comp.label.get(lang)} [{pts} / {format_number(comp.weight, 2)}]: "
                f"{comp.explanation.get(lang)}"
            )
        for veto in self.vetoes:
            head = "一票否决" if zh else "veto"
            lines.append(f"  {head} {veto.label.get(lang)}: {veto.explanation.get(lang)}")
        if self.total is None:
            lines.append("  总分:无(没有适用的考核项)" if zh else "  total: none (nothing applies)")
        else:
            total = format(self.total, "f")
            band = f" → {self.band.label.get(lang)} ({self.band.id})" if self.band else ""
            how = ""
            if self.vetoed:
                how = "(一票否决)" if zh else " (vetoed)"
            elif self.exact_total is not None and Fraction(self.total) != self.exact_total:
                how = (
                    f"(精确值 {format_number(self.exact_total, 6)},四舍五入)"
                    if zh
                    else f" (exactly {format_number(self.exact_total, 6)}, rounded half-up)"
                )
            lines.append(f"  {'总分' if zh else 'total'}: {total}{how}{band}")
        for key, value in self.outcome.items():
            name = labels[key].get(lang) if labels is not None and key in labels else key
            shown = value_zh(value, self.outcome_words.get(key)) if zh else _show(value)
            lines.append(f"  {name}: {shown}")
        lines.extend(f"  {'注' if zh else 'note'}: {note.get(lang)}" for note in self.notes)
        return "\n".join(lines)

    @scripted(typed_words)
    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The result as JSON-able data, in the shape of the CLI's JSON output."""
        out: dict[str, Any] = {"entity_id": self.entity_id}
        out[self.period_field] = _period_json(self.period, self.period_field)
        out.update({k: json_value(v) for k, v in self.fields.items()})
        out["total"] = None if self.total is None else float(self.total)
        out["band"] = self.band_id
        out["vetoed"] = self.vetoed
        out["vetoes"] = [
            {"id": v.id, "label": v.label.get(lang), "explanation": v.explanation.get(lang)}
            for v in self.vetoes
        ]
        out["components"] = {c.id: _component_json(c, lang) for c in self.components.values()}
        out["outcome"] = {
            k: (str(v) if self.outcome_kinds.get(k) == "money" and v is not None else json_value(v))
            for k, v in self.outcome.items()
        }
        out["notes"] = [n.get(lang) for n in self.notes]
        out["inputs"] = {k: json_value(v) for k, v in self.inputs.items() if v is not None}
        return out


def _component_json(component: ComponentResult, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {
        "points": None if component.points is None else float(component.points),
        "weight": json_value(component.weight),
        "explanation": component.explanation.get(lang),
    }
    if component.status is not None:
        out["status"] = component.status
    out.update({k: json_value(v) for k, v in component.details.items()})
    return out


def _period_json(period: Period | None, field: str) -> Any:
    if period is None:
        return None
    if field == "year" and period.month is None:
        return period.year
    return str(period)


def value_zh(value: Any, words: Mapping[str, Text] | None = None) -> str:
    """An outcome's value for a Chinese reader: 是/否, 无 for an empty list, — for none,
    a text value or list item by its Chinese word in *words* when it has one.

    >>> value_zh(True), value_zh([]), value_zh("withheld", {"withheld": Text("w", "暂停发放")})
    ('是', '无', '暂停发放')
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        return "、".join(value_zh(v, words) for v in value) if value else "无"
    if isinstance(value, str) and words is not None and value in words:
        return words[value].zh
    return str(value)


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) if value else "none"
    if value is None:
        return "—"
    return str(value)


def json_value(value: Any) -> Any:
    """A value as JSON data: decimals as numbers (shortest repr), periods and dates as text.

    Whole numbers are integers (a count of 9 is ``9``, not ``9.0``).
    """
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return int(value)
        text = format_number(value, 12)
        return float(text.lstrip("≈"))
    if isinstance(value, Period | dt.date):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


@attrs.frozen
class BatchResult:
    """Arrays of results, one element per input row.

    ``total`` holds the published totals as float64 (the nearest float to the
    2-decimal total, so ``repr`` shows it exactly; NaN where nothing applies),
    ``band_index`` the index into ``band_ids`` (-1 for none), ``vetoed`` and
    ``veto_fired`` (per veto) booleans, ``components`` published points per
    component (NaN where not applicable), ``outcomes`` per outcome (money and
    numbers as float64 of their decimals, NaN where missing; flags as bool;
    texts as objects). ``exact_rows`` counts the rows re-scored on the exact
    path because a float could not be trusted there.
    """

    size: int
    total: npt.NDArray[np.float64]
    band_index: npt.NDArray[np.int64]
    band_ids: tuple[str, ...]
    vetoed: npt.NDArray[np.bool_]
    veto_fired: Mapping[str, npt.NDArray[np.bool_]]
    components: Mapping[str, npt.NDArray[np.float64]]
    outcomes: Mapping[str, npt.NDArray[Any]]
    exact_rows: int = 0
    component_status: Mapping[str, npt.NDArray[np.object_]] = attrs.field(factory=dict)

    @property
    def band(self) -> npt.NDArray[np.object_]:
        """Band ids per row (``None`` where no band)."""
        lookup = np.array([*self.band_ids, None], dtype=object)
        out: npt.NDArray[np.object_] = lookup[self.band_index]
        return out

    def __len__(self) -> int:
        return self.size

    def to_frame(self) -> Any:
        """The arrays as a pandas DataFrame, one row per input row (needs pandas).

        The columns of the CSV output from ``total`` on: ``total``, ``band``,
        ``vetoed``, each component's points, each outcome (history outcomes
        too, after :func:`~assesskit.scoring.history_batch.apply_history_batch`).
        A batch result holds no entity, period or notes:
        :func:`assesskit.frames.score_frame` gives every column of the CSV.
        """
        from assesskit._frame_table import batch_columns, make_frame

        return make_frame(batch_columns(self), self.size)
