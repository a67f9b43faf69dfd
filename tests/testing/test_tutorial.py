"""The tutorial of docs/testing.md: its code runs, matches the example plugin, fails as shown."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from assesskit import BandTable, Interval, Scheme
from assesskit.rules import Banded
from assesskit.testing import InvariantViolation, SchemeCheckError, check_scheme

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs" / "testing.md"
EXAMPLE = ROOT / "examples" / "broken_scheme" / "src" / "assesskit_broken_example" / "__init__.py"


def load_example() -> ModuleType:
    """The example plugin's module, loaded from its file (it is not installed here)."""
    spec = importlib.util.spec_from_file_location("assesskit_broken_example", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def docs_scheme() -> Scheme:
    """The scheme built by the plugin code shown in the tutorial."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### 1. The plugin", 1)[1]
    code = re.findall(r"```python\n(.*?)```", section, flags=re.S)[0]
    namespace: dict[str, object] = {}
    exec(compile(code, str(DOCS), "exec"), namespace)
    build = namespace["build_scheme"]
    assert callable(build)
    scheme = build()
    assert isinstance(scheme, Scheme)
    return scheme


def test_the_tutorial_shows_the_example_plugin() -> None:
    assert docs_scheme().fingerprint == load_example().build_scheme().fingerprint


def test_the_example_breaks_monotonicity_and_band_coverage_as_shown() -> None:
    with pytest.raises(SchemeCheckError) as caught:
        check_scheme(load_example().build_scheme())
    violations = caught.value.violations
    assert [v.invariant for v in violations] == ["monotone", "bands"]  # type: ignore[attr-defined]
    monotone, bands = violations
    assert isinstance(monotone, InvariantViolation)
    assert monotone.component == "punctuality"
    # 0 days late earns 20, 1 to 3 days 10: the first step up the table loses 10 points
    assert "raising 'late_days' from 0 to 1 (higher is better)" in str(monotone)
    assert "component 'punctuality': 20 → 10 points" in str(monotone)
    assert "gap at 60: no band contains it (next to 'fair' and 'poor')" in str(bands)


def test_the_documented_fixes_make_every_check_pass() -> None:
    scheme = load_example().build_scheme()
    components = [
        attrs.evolve(c, rule=attrs.evolve(c.rule, direction="lower_is_better"))
        if isinstance(c.rule, Banded)
        else c
        for c in scheme.components
    ]
    assert scheme.bands is not None
    bands = BandTable(
        tuple(
            attrs.evolve(b, interval=Interval.closed_open(60, 80)) if b.id == "fair" else b
            for b in scheme.bands.bands
        )
    )
    fixed = attrs.evolve(scheme, components=components, bands=bands)
    report = check_scheme(fixed)
    assert report.not_applicable == {"history": "the scheme has no history rules"}
    # every invariant but history: bounds, exact, veto, monotone, bands, reach, batch, order,
    # params, invalid, examples
    assert len(report.passed) == 11
