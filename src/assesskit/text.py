"""Bilingual text: every label and explanation comes in English and Chinese."""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["Lang", "Text"]

#: A language code for labels and explanations.
Lang = Literal["en", "zh"]


@attrs.frozen
class Text:
    """A piece of text in English and Chinese (中文).

    >>> Text("discipline", "勞動紀律").get("zh")
    '勞動紀律'
    """

    en: str
    zh: str = attrs.field()

    @zh.default
    def _zh_default(self) -> str:
        return self.en

    def get(self, lang: Lang) -> str:
        """Return the text in *lang*."""
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return self.en if self.en == self.zh else f"{self.en} ({self.zh})"

    def join(self, other: Text, sep: str = " ") -> Text:
        """Concatenate two texts language by language."""
        return Text(self.en + sep + other.en, self.zh + sep + other.zh)
