"""Chinese scripts: schemes write simplified characters; traditional (``zh-Hant``) on request.

Every shipped Chinese string is in simplified characters (``zh``). A reader
of traditional characters asks for ``zh-Hant``: the simplified text is
converted with OpenCC as it is output (``s2tw``: traditional characters in the
Taiwan standard, 考核 rather than 考覈, without changing the vocabulary), then
:data:`_SLIPS` of the converter's phrase matching are put right. OpenCC is
the optional ``zh`` extra (``pip install 'assesskit[zh]'``); without it
``zh-Hant`` is a :class:`MissingConverterError`, and names are matched across
scripts only as written (:mod:`assesskit.io.hanzi`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from assesskit.errors import AssesskitError

__all__ = ["MissingConverterError", "can_write_traditional", "traditional"]

_INSTALL = "pip install 'assesskit[zh]'"


class MissingConverterError(AssesskitError, ImportError):
    """Traditional characters (``zh-Hant``) were asked for but OpenCC is not installed."""

    def __init__(self) -> None:
        super().__init__(
            f"traditional characters (zh-Hant) need OpenCC: {_INSTALL} "
            "(or choose --lang zh for simplified characters)"
        )


@functools.cache
def _converter() -> Callable[[str], str] | None:
    """OpenCC's simplified-to-traditional conversion, or ``None`` when it is not installed."""
    try:
        import opencc
    except ImportError:
        return None
    convert: Callable[[str], str] = opencc.OpenCC("s2tw").convert
    return convert


#: Phrases OpenCC gets wrong in the shipped texts, and their right form: 奖金发放 is
#: matched as 金发 (golden hair), giving 獎金髮放.
_SLIPS = (("髮放", "發放"),)  # zh-script: keep


def can_write_traditional() -> bool:
    """Whether ``zh-Hant`` can be written (OpenCC is installed)."""
    return _converter() is not None


@functools.lru_cache(maxsize=4096)
def traditional(text: str) -> str:
    """*text* (simplified) in traditional characters; :class:`MissingConverterError` without
    OpenCC. Use it on the shipped texts, not on a user's data (names such as 于洋 would
    change).

    >>> traditional("劳动纪律") if can_write_traditional() else "勞動紀律"
    '勞動紀律'
    """
    if text.isascii():
        return text
    convert = _converter()
    if convert is None:
        raise MissingConverterError
    converted = convert(text)
    for slip, right in _SLIPS:
        converted = converted.replace(slip, right)
    return converted
