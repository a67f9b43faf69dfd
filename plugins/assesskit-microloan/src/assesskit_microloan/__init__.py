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

#: What ``assesskit schemes`` shows of each scheme before it is built: id, role, period.
CATALOGUE: tuple[tuple[str, str, str, PeriodKind], ...] = (
    ("microloan.management", "management", "管理层", PeriodKind.ANNUAL),
    ("microloan.loan-officer", "loan officer", "贷款业务员", PeriodKind.MONTHLY),
    ("microloan.risk-officer", "risk officer", "风险管理员", PeriodKind.MONTHLY),
    ("microloan.risk-manager", "risk manager", "风险管理部经理", PeriodKind.MONTHLY),
    ("microloan.cashier", "cashier", "出纳", PeriodKind.MONTHLY),
    ("microloan.accountant", "accountant", "会计", PeriodKind.MONTHLY),
    ("microloan.admin-manager", "admin manager", "综合管理部经理", PeriodKind.MONTHLY),
    ("microloan.admin-clerk", "admin clerk", "综合管理部文员", PeriodKind.MONTHLY),
)


@hookimpl
def assesskit_register_schemes(register: RegisterScheme) -> None:
    """Register the eight micro-loan schemes, each built lazily, when it is first used."""
    for (scheme_id, role, role_zh, period), factory in zip(
        CATALOGUE, SCHEME_FACTORIES, strict=True
    ):
        register(
            factory,
            id=scheme_id,
            title=Text(f"Micro-loan company: {role}", f"小额贷款公司绩效考核:{role_zh}"),
            version=SCHEME_VERSION,
            period=period,
            period_field="period",  # management too reads its year from `period`
        )
