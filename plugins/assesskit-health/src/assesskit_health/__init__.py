"""assesskit-health: health poverty-alleviation targets with deadlines (衛生精準扶貧).

Three assesskit schemes, as specified in ``specs/health.md``, each a table of
targets for the core target model (:mod:`assesskit.targets`):

=========================  ==========  =====================================
scheme id                  years       plan
=========================  ==========  =====================================
``health.gansu-province``  2015–2025   甘肅省衛生精準扶貧 (the province)
``health.pingliang-city``  2015–2020   平涼市衛生計生精準扶貧 (the city)
``health.county``          2015–2025   a county against its quotas (縣任務)
=========================  ==========  =====================================

assesskit finds this module through the ``assesskit`` entry-point group and
calls :func:`assesskit_register_schemes`; use the schemes through
:func:`assesskit.get_scheme`.
"""

from __future__ import annotations

from collections.abc import Callable

from assesskit import Scheme, hookimpl
from assesskit.hookspecs import SchemeOrFactory
from assesskit_health.county import COUNTY_TARGETS, county
from assesskit_health.gansu import GANSU_TARGETS, gansu_province
from assesskit_health.pingliang import PINGLIANG_TARGETS, pingliang_city

__all__ = [
    "COUNTY_TARGETS",
    "GANSU_TARGETS",
    "PINGLIANG_TARGETS",
    "SCHEME_FACTORIES",
    "assesskit_register_schemes",
    "county",
    "gansu_province",
    "pingliang_city",
]

#: One factory per scheme; each builds its scheme when it is first looked up.
SCHEME_FACTORIES: tuple[Callable[[], Scheme], ...] = (gansu_province, pingliang_city, county)


@hookimpl
def assesskit_register_schemes(register: Callable[[SchemeOrFactory], None]) -> None:
    """Register the three health schemes (built lazily, on first use)."""
    for factory in SCHEME_FACTORIES:
        register(factory)
