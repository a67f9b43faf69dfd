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

from assesskit import PeriodKind, Scheme, Text, hookimpl
from assesskit.hookspecs import RegisterScheme
from assesskit_health.county import COUNTY_TARGETS, county
from assesskit_health.gansu import GANSU_TARGETS, SCHEME_VERSION, gansu_province
from assesskit_health.pingliang import PINGLIANG_TARGETS, pingliang_city

__all__ = [
    "CATALOGUE",
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


#: What ``assesskit schemes`` shows of each scheme before it is built: its id and title.
CATALOGUE: dict[str, Text] = {
    "health.gansu-province": Text(
        "Gansu health poverty-alleviation plan: province", "甘肃省卫生精准扶贫:全省"
    ),
    "health.pingliang-city": Text(
        "Pingliang health and family planning poverty alleviation: city",
        "平凉市卫生计生精准扶贫:全市",
    ),
    "health.county": Text(
        "Gansu health poverty-alleviation plan: county quotas", "甘肃省卫生精准扶贫:县(市、区)任务"
    ),
}


@hookimpl
def assesskit_register_schemes(register: RegisterScheme) -> None:
    """Register the three health schemes, each built lazily, when it is first used."""
    for (scheme_id, title), factory in zip(CATALOGUE.items(), SCHEME_FACTORIES, strict=True):
        register(
            factory,
            id=scheme_id,
            title=title,
            version=SCHEME_VERSION,
            period=PeriodKind.ANNUAL,
            period_field="year",
        )
