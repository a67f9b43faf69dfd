"""assesskit-microloan: staff appraisal of a micro-loan company (小額貸款公司績效考核辦法).

Eight assesskit schemes, one per role, as specified in ``specs/microloan.md``:

==============================  ==========  =======================
scheme id                       period      role
==============================  ==========  =======================
``microloan.management``        annual      管理層
``microloan.loan-officer``      monthly     貸款業務員
``microloan.risk-officer``      monthly     風險管理員
``microloan.risk-manager``      monthly     風險管理部經理
``microloan.cashier``           monthly     出納
``microloan.accountant``        monthly     會計
``microloan.admin-manager``     monthly     綜合管理部經理
``microloan.admin-clerk``       monthly     綜合管理部文員
==============================  ==========  =======================

assesskit finds this module through the ``assesskit`` entry-point group and
calls :func:`assesskit_register_schemes`; use the schemes through
:func:`assesskit.get_scheme`.
"""

from __future__ import annotations

from collections.abc import Callable

from assesskit import PeriodKind, Scheme, Text, hookimpl
from assesskit.hookspecs import RegisterScheme
from assesskit_microloan.admin import admin_clerk, admin_manager
from assesskit_microloan.audit_finance import accountant, cashier
from assesskit_microloan.loan_business import loan_officer
from assesskit_microloan.management import management
from assesskit_microloan.risk import risk_manager, risk_officer
from assesskit_microloan.shared import SCHEME_VERSION

__all__ = ["CATALOGUE", "SCHEME_FACTORIES", "assesskit_register_schemes"]

#: One factory per role; each builds its scheme when it is first looked up.
SCHEME_FACTORIES: tuple[Callable[[], Scheme], ...] = (
    management,
    loan_officer,
    risk_officer,
    risk_manager,
    cashier,
    accountant,
    admin_manager,
    admin_clerk,
)

_TITLE_ZH = "小額貸款公司績效考核:"
#: What ``assesskit schemes`` shows of each scheme before it is built: id, title, period.
CATALOGUE: dict[str, tuple[Text, PeriodKind, str]] = {
    "microloan.management": (
        Text("Micro-loan company: management", _TITLE_ZH + "管理層"),
        PeriodKind.ANNUAL,
        "period",
    ),
    "microloan.loan-officer": (
        Text("Micro-loan company: loan officer", _TITLE_ZH + "貸款業務員"),
        PeriodKind.MONTHLY,
        "period",
    ),
    "microloan.risk-officer": (
        Text("Micro-loan company: risk officer", _TITLE_ZH + "風險管理員"),
        PeriodKind.MONTHLY,
        "period",
    ),
    "microloan.risk-manager": (
        Text("Micro-loan company: risk manager", _TITLE_ZH + "風險管理部經理"),
        PeriodKind.MONTHLY,
        "period",
    ),
    "microloan.cashier": (
        Text("Micro-loan company: cashier", _TITLE_ZH + "出納"),
        PeriodKind.MONTHLY,
        "period",
    ),
    "microloan.accountant": (
        Text("Micro-loan company: accountant", _TITLE_ZH + "會計"),
        PeriodKind.MONTHLY,
        "period",
    ),
    "microloan.admin-manager": (
        Text("Micro-loan company: admin manager", _TITLE_ZH + "綜合管理部經理"),
        PeriodKind.MONTHLY,
        "period",
    ),
    "microloan.admin-clerk": (
        Text("Micro-loan company: admin clerk", _TITLE_ZH + "綜合管理部文員"),
        PeriodKind.MONTHLY,
        "period",
    ),
}


@hookimpl
def assesskit_register_schemes(register: RegisterScheme) -> None:
    """Register the eight micro-loan schemes, each built lazily, when it is first used."""
    for (scheme_id, (title, period, field)), factory in zip(
        CATALOGUE.items(), SCHEME_FACTORIES, strict=True
    ):
        register(
            factory,
            id=scheme_id,
            title=title,
            version=SCHEME_VERSION,
            period=period,
            period_field=field,
        )
