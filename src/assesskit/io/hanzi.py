"""Chinese script folding for matching names: traditional and simplified as one.

A scheme may write its labels in traditional characters (業務收入) while a
user's file has them in simplified (业务收入). With the optional ``zh`` extra
(``pip install 'assesskit[zh]'``, which brings OpenCC) both are folded to
simplified; without it, names match as written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

__all__ = ["has_converter", "simplified"]


@functools.cache
def _converter() -> Callable[[str], str] | None:
    """OpenCC's traditional-to-simplified conversion, or ``None`` when it is not installed."""
    try:
        import opencc
    except ImportError:
        return None
    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def has_converter() -> bool:
    """Whether traditional and simplified characters are folded (OpenCC is installed)."""
    return _converter() is not None


@functools.lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """*text* in simplified characters (as written when OpenCC is not installed).

    >>> simplified("業務收入") in ("业务收入", "業務收入")
    True
    """
    convert = _converter()
    if convert is None or text.isascii():
        return text
    return convert(text)
