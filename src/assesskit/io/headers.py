"""Which input field each column of a file is: by id, by label in either language, by alias.

A column may be named by a field's id (``overdue_ratio``), by its label in
English or Chinese as the scheme writes it (``overdue ratio``, ``業務收入``),
in the other Chinese script (``业务收入``, with the ``zh`` extra), or by one
of the metric's declared ``aliases``. Names are compared folded: Unicode
NFKC, case, spaces, ``_`` and ``-`` do not matter. The identity fields have
names too (:data:`FIELD_LABELS`): ``entity_id`` is also ``entity``, ``id``,
``编号`` or ``工号``; the period ``期间``, ``月份`` or ``考核期`` (``年度``,
``年份`` for yearly schemes); a stage ``阶段``, its date ``日期``.

An explicit map (``--map``) names the field of any column first. A column
that names no field is passed through (``name``, ``department``…); one that
*resembles* an optional field not given otherwise is a warning naming it (a
misspelt ``standard_salry`` would otherwise leave pay empty; a required field
missing is an error already, naming the column perhaps meant). Two columns naming the
same field is a problem naming both.

>>> from assesskit.metrics import Metric, MetricKind
>>> from assesskit.text import Text
>>> names = FieldNames(
...     [Metric("standard_salary", MetricKind.MONEY, Text("standard salary", "標準工資"), False)],
...     "period",
... )
>>> match = names.match("a.csv", ["编号", "Period", "standard_salry", "name"])
>>> match.fields
{'编号': 'entity_id', 'Period': 'period'}
>>> print(match.warnings[0])  # doctest: +NORMALIZE_WHITESPACE
a.csv: column 'standard_salry' names no input of the scheme; is it 'standard_salary'
(optional)? Rename the column or give --map 'standard_salry=standard_salary'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from assesskit.io.hanzi import simplified
from assesskit.io.records import InputTable, SourceRecord
from assesskit.metrics import Metric
from assesskit.scoring.identity import ENTITY_FIELD
from assesskit.stages import DATE_FIELD, STAGE_FIELD
from assesskit.text import Text

if TYPE_CHECKING:
    from assesskit.scheme import Scheme

__all__ = [
    "FIELD_LABELS",
    "PARENT_LABEL",
    "FieldNames",
    "HeaderMatch",
    "HeaderReader",
    "UnknownFieldError",
    "folded",
    "period_label",
]

#: Labels of the fields that are not metrics, and other names a column of each may have.
FIELD_LABELS: dict[str, tuple[Text, tuple[str, ...]]] = {
    ENTITY_FIELD: (Text("entity id", "编号"), ("entity", "id", "工号", "考核对象")),
    STAGE_FIELD: (Text("stage", "阶段"), ()),
    DATE_FIELD: (Text("assessed on", "考核日期"), ("date", "日期")),
}
#: The label and other names of a roll-up's parent column.
PARENT_LABEL = (Text("parent", "上级"), ("parent id", "上级编号"))
_MONTHLY = (Text("period", "月份"), ("month", "期间", "考核期", "考核月份"))
_YEARLY = (Text("year", "年度"), ("period", "年份", "考核年度"))
#: How close (difflib's ratio) an unknown column must be to a field's name to be warned of.
RESEMBLANCE = 0.8

_IGNORED = re.compile(r"[\s_\-]+")


def folded(name: str) -> str:
    """*name* as compared: NFKC, case-folded, without spaces, ``_`` or ``-``, simplified script.

    >>> folded(" Overdue_Ratio "), folded("standard-salary")
    ('overdueratio', 'standardsalary')
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    return simplified(_IGNORED.sub("", text))


def period_label(period_field: str) -> tuple[Text, tuple[str, ...]]:
    """The label and other names of the period field *period_field* (``period``, ``year``)."""
    return _YEARLY if period_field == "year" else _MONTHLY


class UnknownFieldError(ValueError):
    """An explicit map names a field the scheme does not have."""


@attrs.frozen
class HeaderMatch:
    """How the columns of one file are read.

    ``fields`` maps each column that is named otherwise than its field to the
    field; ``warnings`` are columns that resemble a field; ``problems`` are
    fields named by two columns.
    """

    source: str
    fields: dict[str, str]
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    def field(self, column: str) -> str:
        """The field *column* gives (itself for a column passed through)."""
        return self.fields.get(column, column)

    def renamed(self, columns: Sequence[str]) -> tuple[str, ...]:
        """*columns* under the names of their fields."""
        return tuple(self.field(c) for c in columns)

    def table(self, table: InputTable) -> InputTable:
        """*table* with its columns and the keys of its records renamed to their fields."""
        if not self.fields:
            return table
        records = tuple(
            SourceRecord({self.field(k): v for k, v in r.values.items()}, r.source, r.location)
            for r in table.records
        )
        return attrs.evolve(table, columns=self.renamed(table.columns), records=records)


#: Reads the columns of a file (its name, its columns) as fields.
HeaderReader = Callable[[str, Sequence[str]], HeaderMatch]


@attrs.frozen
class _Field:
    id: str
    label: Text
    required: bool
    names: tuple[str, ...]


class FieldNames:
    """The names each input field of a scheme may have, and an explicit map of columns."""

    def __init__(
        self,
        metrics: Iterable[Metric],
        period_field: str,
        stages: bool = False,
        explicit: Mapping[str, str] | None = None,
        parents: Sequence[str] = (),
    ) -> None:
        fields: list[_Field] = []
        label, other = (FIELD_LABELS[ENTITY_FIELD][0], FIELD_LABELS[ENTITY_FIELD][1])
        fields.append(_Field(ENTITY_FIELD, label, True, (ENTITY_FIELD, label.en, label.zh, *other)))
        label, other = period_label(period_field)
        fields.append(_Field(period_field, label, True, (period_field, label.en, label.zh, *other)))
        if stages:
            for field in (STAGE_FIELD, DATE_FIELD):
                label, other = FIELD_LABELS[field]
                fields.append(_Field(field, label, True, (field, label.en, label.zh, *other)))
        label, other = PARENT_LABEL
        for parent in dict.fromkeys(parents):
            fields.append(_Field(parent, label, False, (parent, label.en, label.zh, *other)))
        for metric in metrics:
            names = (metric.name, metric.label.en, metric.label.zh, *metric.aliases)
            if metric.name == period_field:  # a metric read from the period column (health)
                continue
            fields.append(_Field(metric.name, metric.label, metric.required, names))
        self._fields = {f.id: f for f in fields}
        owners: dict[str, dict[str, None]] = {}
        self._spelled: dict[str, str] = {}
        for item in fields:
            for name in item.names:
                owners.setdefault(folded(name), {})[item.id] = None
                self._spelled.setdefault(folded(name), name)
        # a name two fields share (after folding) names neither; an id (folded) names its field
        self._by_name = {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}
        self._by_name.update({folded(f.id): f.id for f in fields})
        self._shared = {name: tuple(ids) for name, ids in owners.items() if len(ids) > 1}
        self._explicit = {column: self.target(field) for column, field in (explicit or {}).items()}

    @classmethod
    def of(cls, scheme: Scheme, explicit: Mapping[str, str] | None = None) -> FieldNames:
        """The names of *scheme*'s input fields, with an explicit map of columns (``--map``)."""
        return cls(
            scheme.metrics,
            scheme.period_field,
            stages=bool(scheme.stages),
            explicit=explicit,
            parents=[rollup.parent_field for rollup in scheme.rollups],
        )

    def clashes(self) -> list[str]:
        """Names (labels, aliases) that two fields share, each with what a column so named gives.

        Names are compared folded; an id names its own field whatever else
        shares it, any other shared name names no field (the column is passed
        through). ``assesskit lint`` reports each.
        """
        out = []
        for name, ids in self._shared.items():
            owner = self._by_name.get(name)
            fields = " and ".join(map(repr, ids))
            gives = (
                f"names {owner!r} (its id)"
                if owner is not None
                else "names neither and is passed through"
            )
            out.append(f"the column name {self._spelled[name]!r} is shared by {fields}: it {gives}")
        return out

    @property
    def ids(self) -> tuple[str, ...]:
        """Every field, in order: entity, period (stage, date), parents, metrics."""
        return tuple(self._fields)

    def label(self, field: str) -> Text:
        """The label of *field*."""
        return self._fields[field].label

    def target(self, name: str) -> str:
        """The field an explicit map's *name* means (an id or a name); raises if none.

        Raises :class:`UnknownFieldError` naming the fields perhaps meant.
        """
        if name in self._fields:
            return name
        found = self._by_name.get(folded(name))
        if found is not None:
            return found
        close = difflib.get_close_matches(name, list(self._fields), n=3)
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise UnknownFieldError(f"--map names {name!r}, which is no input of the scheme{hint}")

    def field_of(self, column: str) -> str | None:
        """The field a column named *column* gives (``None``: none, it is passed through)."""
        if column in self._explicit:
            return self._explicit[column]
        if column in self._fields:
            return column
        return self._by_name.get(folded(column))

    def match(self, source: str, columns: Sequence[str]) -> HeaderMatch:
        """How the *columns* of the file *source* are read."""
        fields: dict[str, str] = {}
        given: dict[str, str] = {}  # field -> the column giving it
        problems: list[str] = []
        unknown: list[str] = []
        for column in columns:
            field = self.field_of(column)
            if field is None:
                unknown.append(column)
                continue
            if field in given:
                problems.append(
                    f"{source}: columns {given[field]!r} and {column!r} both give "
                    f"{self._described(field)}; keep one (or --map one to another field)"
                )
                continue
            given[field] = column
            if field != column:
                fields[column] = field
        warnings = [w for c in unknown if (w := self._resemblance(source, c, given)) is not None]
        return HeaderMatch(source, fields, tuple(warnings), tuple(problems))

    def _described(self, field: str) -> str:
        item = self._fields[field]
        label = item.label.en if item.label.en not in (field, field.replace("_", " ")) else ""
        return f"{field!r}" + (f" ({label})" if label else "")

    def _resemblance(self, source: str, column: str, given: Mapping[str, str]) -> str | None:
        """The warning for an unknown *column* that resembles an optional field no column gives."""
        key = folded(column)
        if not key:
            return None
        candidates: dict[str, str] = {}
        for item in self._fields.values():
            if item.id in given or item.required:
                continue  # a required field missing is an error, which names the column meant
            for name in item.names:
                candidates.setdefault(folded(name), item.id)
        close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=RESEMBLANCE)
        if not close:
            return None
        field = candidates[close[0]]
        label = self._fields[field].label.en
        about = (
            f"{label}, optional" if label not in (field, field.replace("_", " ")) else "optional"
        )
        return (
            f"{source}: column {column!r} names no input of the scheme; is it {field!r} "
            f"({about})? Rename the column or give --map {f'{column}={field}'!r}"
        )
