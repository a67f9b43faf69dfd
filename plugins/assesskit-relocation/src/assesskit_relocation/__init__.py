"""assesskit-relocation: assessing the relocation project (易地扶貧搬遷工程實施成效考核).

Two assesskit schemes, as specified in ``specs/relocation.md``:

==========================  ==============================  ===========================
scheme id                   stages                          rolls up to
==========================  ==============================  ===========================
``relocation.county``       ``self_check``, ``prefecture``  the prefecture (weighted)
``relocation.prefecture``   ``province``                    the province (weighted)
==========================  ==============================  ===========================

The stages, their deadlines, the comparison of a county's self-check with
its prefecture's assessment and the roll-ups are declared as data and run by
assesskit's core (:mod:`assesskit.stages`, :mod:`assesskit.hierarchy`,
:func:`assesskit.pipeline.score_records`).

assesskit finds this module through the ``assesskit`` entry-point group and
calls :func:`assesskit_register_schemes`; use the schemes through
:func:`assesskit.get_scheme`.
"""

from __future__ import annotations

from collections.abc import Callable

from assesskit import PeriodKind, Scheme, Text, hookimpl
from assesskit.hookspecs import RegisterScheme
from assesskit_relocation.areas import SCHEME_VERSION
from assesskit_relocation.schemes import county, prefecture

__all__ = ["CATALOGUE", "SCHEME_FACTORIES", "assesskit_register_schemes"]

#: One factory per scheme; each builds its scheme when it is first looked up.
SCHEME_FACTORIES: tuple[Callable[[], Scheme], ...] = (county, prefecture)


_TITLE_ZH = "易地扶贫搬迁工程实施成效考核:"
#: What ``assesskit schemes`` shows of each scheme before it is built: its id and title.
CATALOGUE: dict[str, Text] = {
    "relocation.county": Text(
        "Relocation project: assessment of a project county",
        _TITLE_ZH + "项目县(市、区、特区)",
    ),
    "relocation.prefecture": Text(
        "Relocation project: assessment of a prefecture",
        _TITLE_ZH + "市(州)人民政府和贵安新区管委会",
    ),
}


@hookimpl
def assesskit_register_schemes(register: RegisterScheme) -> None:
    """Register ``relocation.county`` and ``relocation.prefecture``, each built when first used."""
    for (scheme_id, title), factory in zip(CATALOGUE.items(), SCHEME_FACTORIES, strict=True):
        register(
            factory,
            id=scheme_id,
            title=title,
            version=SCHEME_VERSION,
            period=PeriodKind.ANNUAL,
            period_field="year",
        )
