"""Whether an object's class wrote a form itself, or inherited it from a class above.

An expression node carries every form of itself as a method (exact, batch,
scaled, type, range...). A subclass that redefines what the node computes
(its ``exact`` or ``batch`` form) but not, say, its scaled form would
inherit a scaled form computing something else: :func:`owns_form` says
whether a form was written for the meaning the object's class computes, and
the callers (:func:`assesskit._scaled.scaled_value`, the type checker,
the testing kit) use the safe fallback when it was not.
"""

from __future__ import annotations

import functools

__all__ = ["owns_form"]

#: The methods that define what a node computes: every other form must agree with them.
MEANING = ("exact", "batch")


def _owner(cls: type, name: str) -> type | None:
    """The first class in *cls*'s MRO that defines *name*."""
    return next((k for k in cls.__mro__ if name in vars(k)), None)


@functools.cache
def _owns(cls: type[object], form: str, meaning: tuple[str, ...]) -> bool:
    written = _owner(cls, form)
    if written is None:
        return False
    for name in meaning:
        meant = _owner(cls, name)
        seen = _owner(written, name)  # the meaning the form was written with
        if meant is seen or seen is None:
            continue
        if getattr(vars(seen)[name], "__isabstractmethod__", False):
            continue  # written for subclasses to give the meaning (a shared base)
        return False
    return True


def owns_form(obj: object, form: str, meaning: tuple[str, ...] = MEANING) -> bool:
    """Whether *obj*'s class wrote method *form* for the meaning it computes.

    ``False`` when no class defines *form*, or when a subclass redefined one
    of the *meaning* methods (``exact`` and ``batch``; a translation adds
    ``words``) below a class that wrote *form* with a meaning of its own
    (forms written on a base whose meaning is still abstract are kept: they
    are written for every subclass).
    """
    cls: type[object] = type(obj)
    return _owns(cls, form, meaning)  # type: ignore[arg-type]  # classes are hashable
