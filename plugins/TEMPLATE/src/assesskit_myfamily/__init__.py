"""assesskit-myfamily: the schemes of one source document, as an assesskit plugin.

==================  =======  ==========================
scheme id           period   assesses
==================  =======  ==========================
``myfamily.clerk``  monthly  an office clerk (辦公室文員)
==================  =======  ==========================

assesskit finds this module through the ``assesskit`` entry-point group (see
``pyproject.toml``) and calls :func:`assesskit_register_schemes`; use the
schemes through :func:`assesskit.get_scheme`. What each scheme implements,
and where in the source, is in ``SPEC.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from assesskit import PeriodKind, Scheme, Text, hookimpl
from assesskit.hookspecs import RegisterScheme
from assesskit_myfamily.schemes import SCHEME_VERSION, clerk

__all__ = ["CATALOGUE", "assesskit_register_schemes"]

#: Every scheme of the family: its id, title and period, and the factory that builds it.
#: ``assesskit schemes`` lists what is declared here without building anything.
CATALOGUE: tuple[tuple[str, Text, PeriodKind, Callable[[], Scheme]], ...] = (
    ("myfamily.clerk", Text("Office clerk", "办公室文员"), PeriodKind.MONTHLY, clerk),
)


@hookimpl
def assesskit_register_schemes(register: RegisterScheme) -> None:
    """Register each scheme lazily: its factory runs when the scheme is first used."""
    for scheme_id, title, period, factory in CATALOGUE:
        register(factory, id=scheme_id, title=title, version=SCHEME_VERSION, period=period)
