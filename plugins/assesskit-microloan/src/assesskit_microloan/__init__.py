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

from assesskit import Scheme, hookimpl
from assesskit.hookspecs import SchemeOrFactory
from assesskit_microloan.admin import admin_clerk, admin_manager
from assesskit_microloan.audit_finance import accountant, cashier
from assesskit_microloan.loan_business import loan_officer
from assesskit_microloan.management import management
from assesskit_microloan.risk import risk_manager, risk_officer

__all__ = ["SCHEME_FACTORIES", "assesskit_register_schemes"]

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


@hookimpl
def assesskit_register_schemes(register: Callable[[SchemeOrFactory], None]) -> None:
    """Register the eight micro-loan schemes (built lazily, on first use)."""
    for factory in SCHEME_FACTORIES:
        register(factory)
