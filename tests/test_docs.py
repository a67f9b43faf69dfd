"""Every hook is prefixed, typed and documented in docs/plugin_hooks.md.

The doctests of docs/ score the shipped schemes: ``tests/with_plugins/test_docs.py``.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from assesskit import hookspecs

DOCS = Path(__file__).resolve().parent.parent / "docs"


def hook_names() -> list[str]:
    return [
        name
        for name, obj in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("assesskit_")
    ]


def test_every_hook_is_prefixed_and_typed() -> None:
    names = hook_names()
    assert names, "no hookspecs found"
    for name in names:
        function = getattr(hookspecs, name)
        assert function.__doc__, f"{name} has no docstring"
        assert "return" in inspect.signature(function).__str__() or function.__annotations__


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_is_documented(hook: str) -> None:
    text = (DOCS / "plugin_hooks.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {hook}\(", text, re.MULTILINE), (
        f"hook {hook} has no section in docs/plugin_hooks.md"
    )
