"""Every module imports on its own, ``import assesskit`` is light, and ``__all__`` is the truth.

(Import cycles are found statically by tests/test_architecture.py.)
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

CHECK_EACH_MODULE = """
import importlib, pkgutil, sys
import assesskit
names = sorted(m.name for m in pkgutil.walk_packages(assesskit.__path__, "assesskit."))
shard, shards = int(sys.argv[1]), int(sys.argv[2])
names = names[shard::shards]
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


#: Processes the modules are shared out to (each import costs about 0.2 s: two cores, two).
SHARDS = 2


def test_every_module_imports_first() -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", CHECK_EACH_MODULE, str(shard), str(SHARDS)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for shard in range(SHARDS)
    ]
    count = 0
    failures: list[str] = []
    for run in runs:
        out, _ = run.communicate()
        assert run.returncode == 0
        counted, *failed = out.strip().split("\n")
        count += int(counted)
        failures += [f for f in failed if f]
    assert count > 40
    assert failures == []


def test_import_assesskit_loads_neither_numpy_nor_the_core() -> None:
    code = "import sys, assesskit\nprint('numpy' in sys.modules, 'assesskit.scheme' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


#: The packages with a public surface (``__all__``); private modules behind them.
PACKAGES = (
    "assesskit",
    "assesskit.cli",
    "assesskit.dask",
    "assesskit.expressions",
    "assesskit.io",
    "assesskit.rules",
    "assesskit.targets",
    "assesskit.testing",
)


def _assigned(module: types.ModuleType) -> set[str]:
    """Names the module's own source binds by assignment at module level (its constants)."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }


def _public(module: types.ModuleType) -> set[str]:
    """The public names importable from *module*: its lazy ones, the classes and functions
    of the package it imports, its own constants; not modules, nor typing's, numpy's...
    """
    lazy = set(getattr(module, "_LAZY", ()))
    constants = _assigned(module)
    found = set()
    for name in set(vars(module)) | lazy:
        value = getattr(module, name)
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        home = getattr(value, "__module__", None)
        if (
            name in lazy
            or (home is None and name in constants)
            or (isinstance(home, str) and (home == "assesskit" or home.startswith("assesskit.")))
        ):
            found.add(name)
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_every_name_in_all_is_importable(package: str) -> None:
    module = importlib.import_module(package)
    assert len(module.__all__) == len(set(module.__all__))
    missing = []
    for name in module.__all__:
        try:
            exec(f"from {package} import {name}", {})
        except ImportError:
            missing.append(name)
    assert missing == []


#: ``assesskit.cli`` is the command itself: it offers ``main`` and ``build_parser``, and
#: imports for its own use names that are no API (left as they are by this check).
@pytest.mark.parametrize("package", [p for p in PACKAGES if p != "assesskit.cli"])
def test_every_public_name_is_in_all(package: str) -> None:
    module = importlib.import_module(package)
    assert sorted(_public(module) - set(module.__all__)) == []


def test_the_top_level_names_come_from_one_list() -> None:
    import assesskit

    lazy = {n: m for m, names in assesskit._PUBLIC.items() for n in names}
    assert assesskit.__all__ == sorted([*lazy, "__version__"])
    for name, home in lazy.items():
        assert getattr(assesskit, name) is getattr(importlib.import_module(home), name)
    # the imports written out for type checkers name the same things
    tree = ast.parse(Path(assesskit.__file__).read_text(encoding="utf-8"))
    checked = next(n for n in tree.body if isinstance(n, ast.If))
    written = {
        a.asname or a.name: node.module
        for node in checked.body
        if isinstance(node, ast.ImportFrom)
        for a in node.names
    }
    assert written == lazy
    assert all(
        a.asname == a.name
        for node in checked.body
        if isinstance(node, ast.ImportFrom)
        for a in node.names
    )


def test_an_unknown_top_level_name_is_an_attribute_error() -> None:
    import assesskit

    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        assesskit.Nothing  # noqa: B018
    with pytest.raises(ImportError):
        exec("from assesskit import score_batch", {})
