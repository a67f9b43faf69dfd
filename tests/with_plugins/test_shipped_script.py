"""Every shipped Chinese string is already in simplified characters (issue 15.5): the
shipped schemes' labels, band names, outcome labels and words, their descriptions, the
core's Chinese words, and every string literal of the shipped code
(``scripts/simplify_zh.py --check`` would change nothing)."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from tests.with_plugins.shipped import ROOT

from assesskit.describe import _KIND_OF_OUTCOME_ZH, _KIND_ZH, describe, render_description
from assesskit.io import table_output, xlsx_output
from assesskit.plugins import get_scheme, list_schemes
from assesskit.text import Text

opencc = pytest.importorskip("opencc", reason="the zh extra (OpenCC) is not installed")
_T2S = opencc.OpenCC("t2s").convert

SHIPPED = ("health.", "microloan.", "relocation.")


def _texts(obj: Any, seen: set[int] | None = None) -> Iterator[Text]:
    """Every :class:`Text` inside a definition object (attrs classes, tuples, dicts)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, Text):
        yield obj
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from _texts(getattr(obj, field.name), seen)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _texts(key, seen)
            yield from _texts(value, seen)
    elif isinstance(obj, list | tuple | frozenset | set):
        for item in obj:
            yield from _texts(item, seen)


def _not_simplified(texts: Iterator[str] | list[str]) -> list[str]:
    return [text for text in texts if _T2S(text) != text]


def _shipped_ids() -> list[str]:
    return sorted(e.id for e in list_schemes() if e.id.startswith(SHIPPED))


def test_the_shipped_schemes_are_installed() -> None:
    assert len(_shipped_ids()) == 13


@pytest.mark.parametrize("scheme_id", _shipped_ids())
def test_every_label_of_a_shipped_scheme_is_simplified(scheme_id: str) -> None:
    scheme = get_scheme(scheme_id)
    texts = [t.zh for t in _texts(scheme)]
    assert len(texts) > 10  # the walk found the labels
    assert _not_simplified(texts) == []
    assert _not_simplified([b.label.zh for b in scheme.bands.bands] if scheme.bands else []) == []
    assert _not_simplified([t.zh for t in scheme.outcome_labels().values()]) == []
    words = [w.zh for found in scheme.outcome_words().values() for w in found.values()]
    assert _not_simplified(words) == []
    assert _not_simplified([render_description(scheme, "zh")]) == []
    assert _not_simplified([json.dumps(describe(scheme), ensure_ascii=False)]) == []


def test_the_core_words_are_simplified() -> None:
    tables = [
        *(t.zh for t in table_output._WORDS.values()),
        *(t.zh for t in xlsx_output.SHEETS.values()),
        *xlsx_output.NOTE_HEADER["zh"],
        *_KIND_ZH.values(),
        *_KIND_OF_OUTCOME_ZH.values(),
    ]
    assert "总分" in tables
    assert _not_simplified(tables) == []


def _simplifier() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "simplify_zh", ROOT / "scripts" / "simplify_zh.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped_sources() -> list[Path]:
    folders = [ROOT / "src", *sorted((ROOT / "plugins").glob("*/src")), ROOT / "examples"]
    return sorted(p for folder in folders for p in folder.rglob("*.py"))


def test_every_string_literal_of_the_shipped_code_is_simplified() -> None:
    simplify_source = _simplifier().simplify_source
    sources = _shipped_sources()
    assert len(sources) > 100
    unconverted = [
        str(path.relative_to(ROOT))
        for path in sources
        if simplify_source(path.read_text(encoding="utf-8")) != path.read_text(encoding="utf-8")
    ]
    assert unconverted == []


def test_the_conversion_keeps_docstrings_comments_and_marked_lines() -> None:
    simplify_source = _simplifier().simplify_source
    source = (
        '"""業務收入 as the source writes it."""\n'
        "# 業務收入\n"
        'LABEL = "業務收入"\n'
        'INPUT = {"無"}  # zh-script: keep\n'
        "def f():\n"
        '    """勞動紀律"""\n'
        '    return f"{LABEL}:勞動紀律"\n'
    )
    assert simplify_source(source) == (
        '"""業務收入 as the source writes it."""\n'
        "# 業務收入\n"
        'LABEL = "业务收入"\n'
        'INPUT = {"無"}  # zh-script: keep\n'
        "def f():\n"
        '    """勞動紀律"""\n'
        '    return f"{LABEL}:劳动纪律"\n'
    )
