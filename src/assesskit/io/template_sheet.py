"""The xlsx form of a template (:mod:`assesskit.io.template`): comments, validation, text periods.

openpyxl (the ``xlsx`` extra) is imported only when a workbook is written.
"""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from typing import Any

from assesskit.io.template import TemplateColumn, template_columns
from assesskit.metrics import Metric, MetricKind
from assesskit.scheme import Scheme
from assesskit.text import Lang, in_script, written

__all__ = ["INSTALL_HINT", "template_xlsx"]

INSTALL_HINT = "writing .xlsx templates needs openpyxl: pip install 'assesskit[xlsx]'"
#: Rows of the sheet that carry each column's data validation.
VALIDATED_ROWS = 1000
_TEXT_KINDS = frozenset({MetricKind.DATE, MetricKind.PERIOD})


def _cell(value: object, metric: Metric | None) -> object:
    """The example *value* as a cell: numbers as numbers, everything else as text."""
    if value is None:
        return None
    numeric = metric is not None and metric.kind.is_numeric
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if numeric and isinstance(value, str):
        try:
            value = Decimal(value)
        except ArithmeticError:
            return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def _validation(metric: Metric | None) -> Any:
    """The data validation of a metric's column (``None``: any value)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if metric is None:
        return None
    if metric.kind is MetricKind.FLAG:
        return DataValidation(type="list", formula1='"是,否,true,false"', allow_blank=True)
    domain = metric.domain
    if not metric.kind.is_numeric and metric.kind is not MetricKind.YEAR:
        return None
    whole = metric.kind in (MetricKind.COUNT, MetricKind.YEAR)
    kind = "whole" if whole else "decimal"
    low = None if domain is None else domain.lower
    high = None if domain is None else domain.upper
    if low is None and high is None:
        return DataValidation(type=kind, operator="between", formula1="-1E+307",
                              formula2="1E+307", allow_blank=True)  # fmt: skip
    if low is not None and high is not None:
        return DataValidation(type=kind, operator="between", formula1=_bound(low),
                              formula2=_bound(high), allow_blank=True)  # fmt: skip
    if low is not None:
        return DataValidation(type=kind, operator="greaterThanOrEqual", formula1=_bound(low),
                              allow_blank=True)  # fmt: skip
    return DataValidation(type=kind, operator="lessThanOrEqual", formula1=_bound(high),
                          allow_blank=True)  # fmt: skip


def _bound(value: object) -> str:
    if isinstance(value, Fraction):
        return str(Decimal(value.numerator) / Decimal(value.denominator))
    return str(value)


def template_xlsx(scheme: Scheme, lang: Lang) -> bytes:
    """An xlsx template of *scheme* in *lang*.

    Raises :class:`ImportError` (with :data:`INSTALL_HINT`) without openpyxl.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.comments import Comment
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise ImportError(INSTALL_HINT) from None
    columns: list[TemplateColumn] = template_columns(scheme, lang)
    book = Workbook()
    sheet = book.active
    sheet.title = "input" if written(lang) != "zh" else in_script("输入", lang)
    sheet.freeze_panes = "A2"
    has_example = any(c.example is not None for c in columns)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(row=1, column=index, value=column.header)
        head.comment = Comment(column.note, "assesskit", width=320, height=160)
        width = max(len(column.header.encode("gbk", "replace")), 10)
        sheet.column_dimensions[letter].width = min(width + 2, 40)
        text = column.field == scheme.period_field or (
            column.metric is not None and column.metric.kind in _TEXT_KINDS
        )
        if has_example:
            value = _cell(column.example, None if text else column.metric)
            cell = sheet.cell(row=2, column=index, value=str(value) if text and value else value)
            if text:
                cell.number_format = "@"
        if text:
            for row in range(2, VALIDATED_ROWS + 1):
                sheet.cell(row=row, column=index).number_format = "@"
        validation = _validation(column.metric)
        if validation is not None:
            validation.error = column.note
            validation.errorStyle = "warning"
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            sheet.add_data_validation(validation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
