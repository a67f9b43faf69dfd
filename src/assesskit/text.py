"""Bilingual text: every label and explanation comes in English and Chinese.

Chinese is written once, in simplified characters (``zh``); ``zh-Hant`` is
the same text in traditional characters, converted as it is output
(:func:`assesskit.chinese.traditional`, which needs OpenCC).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, Literal, ParamSpec, TypeVar, cast, get_args

import attrs

from assesskit.chinese import traditional

__all__ = ["LANGS", "Lang", "Text", "check_lang", "in_script", "scripted", "written"]

#: A language code for labels and explanations: English, Chinese in simplified
#: characters, Chinese in traditional characters.
Lang = Literal["en", "zh", "zh-Hant"]
#: Every :data:`Lang`, in the order offered.
LANGS: tuple[Lang, ...] = get_args(Lang)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def check_lang(lang: object) -> Lang:
    """*lang* when it is a :data:`Lang`, else a :class:`ValueError` naming the choices.

    >>> check_lang("zh-Hant")
    'zh-Hant'
    """
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGS)}")


def written(lang: Lang) -> Literal["en", "zh"]:
    """The language text is composed in: ``zh`` for either script of Chinese.

    >>> written("zh-Hant"), written("en")
    ('zh', 'en')
    """
    return "en" if check_lang(lang) == "en" else "zh"


def in_script(value: Any, lang: Lang, keep: Iterable[str] = ()) -> Any:
    """*value* (text, or lists and dicts of it) in *lang*'s script: converted to traditional
    characters for ``zh-Hant``, else as it is.

    The strings in *keep* (the user's data: names, ids, stage values) stay as written: a
    name such as 于洋 is not a simplified word to convert.
    """
    if lang != "zh-Hant":
        return value
    if isinstance(value, str):
        converted = traditional(value)
        if converted == value:
            return value
        for data in sorted({k for k in keep if k and not k.isascii()}, key=len, reverse=True):
            changed = traditional(data)
            if changed != data:
                converted = converted.replace(changed, data)
        return converted
    if isinstance(value, list | tuple):
        return type(value)(in_script(v, lang, keep) for v in value)
    if isinstance(value, dict):
        return {k: in_script(v, lang, keep) for k, v in value.items()}
    return value


def scripted(
    data: Callable[..., Iterable[str]] | None = None,
) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Let a function that composes text in ``en`` or ``zh`` (its ``lang`` argument) answer
    ``zh-Hant`` too: composed in ``zh``, its result converted to traditional characters,
    except the strings *data* (called with the same arguments) names as the user's."""

    def decorate(func: Callable[_P, _R]) -> Callable[_P, _R]:
        names = func.__code__.co_varnames[: func.__code__.co_argcount]
        position = names.index("lang") if "lang" in names else None

        @functools.wraps(func)
        def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            at = position if position is not None and position < len(args) else None
            lang = args[at] if at is not None else kwargs.get("lang")
            if lang != "zh-Hant":
                if lang is not None:
                    check_lang(lang)
                return func(*args, **kwargs)
            if at is None:
                kwargs["lang"] = "zh"
            else:
                args = cast(Any, (*args[:at], "zh", *args[at + 1 :]))
            keep = () if data is None else tuple(data(*args, **kwargs))
            return cast(_R, in_script(func(*args, **kwargs), "zh-Hant", keep))

        return wrapper

    return decorate


@attrs.frozen
class Text:
    """A piece of text in English and Chinese (中文, simplified characters).

    >>> Text("discipline", "劳动纪律").get("zh")
    '劳动纪律'
    """

    en: str
    zh: str = attrs.field()

    @zh.default
    def _zh_default(self) -> str:
        return self.en

    def get(self, lang: Lang) -> str:
        """Return the text in *lang* (``zh-Hant``: the Chinese in traditional characters)."""
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        # zh-Hant; anything else is not a language (check_lang raises)
        return traditional(self.zh) if check_lang(lang) == "zh-Hant" else self.zh

    def __str__(self) -> str:
        return self.en if self.en == self.zh else f"{self.en} ({self.zh})"

    def join(self, other: Text, sep: str = " ") -> Text:
        """Concatenate two texts language by language."""
        return Text(self.en + sep + other.en, self.zh + sep + other.zh)
