"""The documentation runs: every example in docs/ is a doctest, and every hook is documented."""

from __future__ import annotations

import doctest
import inspect
import re
from pathlib import Path

import pytest

from assesskit import hookspecs

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(p for p in DOCS.glob("*.md") if p.name != "changelog.md")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_examples_in_docs_run(page: Path) -> None:
    result = doctest.testfile(str(page), module_relative=False, optionflags=FLAGS, verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) failed in {page.name}"


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
