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

from assesskit import Scheme, hookimpl
from assesskit.hookspecs import SchemeOrFactory
from assesskit_relocation.schemes import county, prefecture

__all__ = ["SCHEME_FACTORIES", "assesskit_register_schemes"]

#: One factory per scheme; each builds its scheme when it is first looked up.
SCHEME_FACTORIES: tuple[Callable[[], Scheme], ...] = (county, prefecture)


@hookimpl
def assesskit_register_schemes(register: Callable[[SchemeOrFactory], None]) -> None:
    """Register ``relocation.county`` and ``relocation.prefecture``."""
    for factory in SCHEME_FACTORIES:
        register(factory)
