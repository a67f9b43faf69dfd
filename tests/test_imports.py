"""Every module imports on its own (no import cycle), and ``import assesskit`` is light."""

from __future__ import annotations

import subprocess
import sys

CHECK_EACH_MODULE = """
import importlib, pkgutil, sys
import assesskit
names = sorted(m.name for m in pkgutil.walk_packages(assesskit.__path__, "assesskit."))
failed = []
for name in names:
    for loaded in [m for m in sys.modules if m == "assesskit" or m.startswith("assesskit.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:  # report every module that cannot be imported first
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print(len(names))
print("\\n".join(failed))
"""


def test_every_module_imports_first() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK_EACH_MODULE], capture_output=True, text=True, check=True
    )
    count, *failures = out.stdout.strip().split("\n")
    assert int(count) > 40
    assert [f for f in failures if f] == []


def test_import_assesskit_loads_neither_numpy_nor_the_core() -> None:
    code = "import sys, assesskit\nprint('numpy' in sys.modules, 'assesskit.scheme' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
