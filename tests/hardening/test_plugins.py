"""A plugin that exits, raises or hangs cannot take the rest down (issue 12).

Real entry points, in a subprocess: a throwaway distribution on ``PYTHONPATH``
declares one good plugin and one plugin per way of breaking. The time limit
is set to half a second so that the hanging ones cost little.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.cli.conftest import Outcome, sample_csv

from assesskit import hookimpl
from assesskit._isolation import LIMIT_ENV, PluginCodeFailed, plugin_time_limit, run_plugin_code

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = {
    "good": """
from assesskit import hookimpl
from tests.conftest import build_sample_scheme

@hookimpl
def assesskit_register_schemes(register):
    register(build_sample_scheme)
""",
    "exit_on_import": "import sys\nsys.exit(3)\n",
    "loop_on_import": "while True:\n    pass\n",
    "hook_exits": """
import sys
from assesskit import hookimpl

@hookimpl
def assesskit_register_schemes(register):
    sys.exit("no more")
""",
    "hook_loops": """
from assesskit import hookimpl

@hookimpl
def assesskit_register_schemes(register):
    while True:
        pass
""",
    "lazy": """
import os, sys
from pathlib import Path
from assesskit import Text, hookimpl
from tests.conftest import build_sample_scheme

def built():
    Path(os.environ["MARKER"]).write_text("built")
    return build_sample_scheme(id="lazy.fine")

def exits():
    sys.exit(4)

def loops():
    while True:
        pass

def raises():
    raise RuntimeError("the database is gone")

def invalid():
    return build_sample_scheme(id="lazy.invalid", components=build_sample_scheme().components[1:])

@hookimpl
def assesskit_register_schemes(register):
    title = Text("Sample scheme with every rule kind", "示例方案")
    register(built, id="lazy.fine", title=title, version="1", period="monthly")
    register(exits, id="lazy.exits", title="Exits")
    register(loops, id="lazy.loops", title="Loops")
    register(raises, id="lazy.raises", title="Raises")
    register(invalid, id="lazy.invalid", title="Invalid")
""",
}
PLUGINS["mischief"] = """
import sys, warnings
from assesskit import hookimpl

print("noise from a plugin")
warnings.simplefilter("error")
sys.stdout.close()


class Speechless(Exception):
    def __str__(self):
        raise RuntimeError("no words")


def speechless():
    raise Speechless()


@hookimpl
def assesskit_register_schemes(register):
    register(lambda: None, id="odd.title", title=5)
    register(lambda: None, id="odd.period", period="weekly")
    register(speechless, id="odd.speechless", title="Speechless")
"""
BROKEN_AT_LOAD = {
    "exit_on_import": "plugin 'exit_on_import' could not be loaded: it called sys.exit(3); skipped",
    "loop_on_import": "plugin 'loop_on_import' could not be loaded: it did not finish within 0.5 s",
    "hook_exits": "plugin 'hook_exits' failed in assesskit_register_schemes: it called "
    "sys.exit('no more'); skipped",
    "hook_loops": "plugin 'hook_loops' failed in assesskit_register_schemes: it did not finish "
    "within 0.5 s (set ASSESSKIT_PLUGIN_TIMEOUT to allow longer); skipped",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("site")
    for name, source in PLUGINS.items():
        (path / f"{name}_plugin.py").write_text(source, encoding="utf-8")
    info = path / "broken_plugins-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugins\nVersion: 1.0\n")
    points = "".join(f"{name} = {name}_plugin\n" for name in PLUGINS)
    (info / "entry_points.txt").write_text(f"[assesskit]\n{points}", encoding="utf-8")
    return path


def run(site: Path, tmp: Path, *args: str) -> Outcome:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("ASSESSKIT_", "LC_", "LANG"))
    }
    environment.update(
        PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]),
        MARKER=str(tmp / "marker"),
        ASSESSKIT_PLUGIN_TIMEOUT="0.5",
        ASSESSKIT_LOAD_PLUGINS=",".join(PLUGINS),
    )
    done = subprocess.run(
        [sys.executable, "-m", "assesskit", *args],
        capture_output=True, text=True, env=environment, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert "internal error" not in done.stderr
    return Outcome(done.returncode, done.stdout, done.stderr)


def test_listing_survives_every_broken_plugin_and_builds_nothing(
    site: Path, tmp_path: Path
) -> None:
    started = time.monotonic()
    outcome = run(site, tmp_path, "schemes")
    assert outcome.code == 0, outcome.err
    for warning in BROKEN_AT_LOAD.values():
        assert warning in outcome.err
    listed = [line.split()[0] for line in outcome.out.splitlines()[2:]]
    assert listed == [
        "lazy.exits", "lazy.fine", "lazy.invalid", "lazy.loops", "lazy.raises",
        "odd.speechless", "sample.every-rule",
    ]  # fmt: skip
    # what a plugin prints goes to standard error, and its declarations are checked
    assert "noise from a plugin" in outcome.err
    assert "noise" not in outcome.out
    assert (
        "plugin 'mischief': a scheme could not be registered: odd.title: title 5 is not a Text"
        in (outcome.err)
    )
    assert "plugin 'mischief': a scheme could not be registered: 'weekly' is not a valid " in (
        outcome.err
    )
    assert not (tmp_path / "marker").exists()  # registered lazily: not built to be listed
    assert time.monotonic() - started < 60


def test_unrelated_schemes_still_score(site: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(sample_csv(), encoding="utf-8")
    outcome = run(site, tmp_path, "score", "sample.every-rule", str(source), "--format", "csv")
    assert outcome.code == 0, outcome.err
    assert len(outcome.out.splitlines()) == 4
    assert not (tmp_path / "marker").exists()


@pytest.mark.parametrize(
    ("scheme", "reason"),
    [
        ("lazy.exits", "it called sys.exit(4)"),
        (
            "lazy.loops",
            "it did not finish within 0.5 s (set ASSESSKIT_PLUGIN_TIMEOUT to allow longer)",
        ),
        ("lazy.raises", "the database is gone"),
        ("lazy.invalid", "scheme 'lazy.invalid' is invalid:\n  - component weights sum to 80"),
        ("odd.speechless", "<Speechless>"),
    ],
)
def test_a_broken_scheme_fails_alone_naming_its_plugin(
    site: Path, tmp_path: Path, scheme: str, reason: str
) -> None:
    outcome = run(site, tmp_path, "show", scheme)
    assert outcome.code == 2
    plugin = scheme.split(".")[0].replace("odd", "mischief")
    assert (
        f"assesskit: error: scheme {scheme!r} of plugin {plugin!r} could not be built: {reason}"
        in outcome.err
    )


def test_a_lazy_scheme_is_built_when_used(site: Path, tmp_path: Path) -> None:
    outcome = run(site, tmp_path, "show", "lazy.fine")
    assert outcome.code == 0, outcome.err
    assert (tmp_path / "marker").read_text() == "built"


# -- in this process ------------------------------------------------------------------------


class ExitingHook:
    @hookimpl
    def assesskit_register_schemes(self, register: Callable[..., None]) -> None:
        raise SystemExit(5)


def test_an_exiting_hook_in_this_process_is_a_warning(
    cli: Callable[..., Outcome], sample_plugin: str, register_plugin: Callable[[Any, str], None]
) -> None:
    register_plugin(ExitingHook(), "exiting")
    outcome = cli("schemes")
    assert outcome.code == 0
    assert (
        "assesskit: warning: plugin 'exiting' failed in assesskit_register_schemes: "
        "it called sys.exit(5); skipped"
    ) in outcome.err
    assert "sample.every-rule" in outcome.out


def test_run_plugin_code_reports_each_way_of_failing() -> None:
    assert run_plugin_code(lambda: 42, limit=5) == 42
    with pytest.raises(PluginCodeFailed, match=r"^it called sys.exit\(2\)$"):
        run_plugin_code(lambda: sys.exit(2), limit=5)
    with pytest.raises(PluginCodeFailed, match=r"^boom$"):
        run_plugin_code(lambda: (_ for _ in ()).throw(ValueError("boom")), limit=None)
    with pytest.raises(PluginCodeFailed, match=r"did not finish within 0\.2 s"):
        run_plugin_code(lambda: time.sleep(30), limit=0.2)


def test_keyboard_interrupt_goes_through(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setenv(LIMIT_ENV, "0")  # no limit: the code runs in this thread
    with pytest.raises(KeyboardInterrupt):
        run_plugin_code(interrupted)


@pytest.mark.parametrize(
    ("value", "limit"), [("", 30.0), ("5", 5.0), ("0", None), ("-1", None), ("soon", 30.0)]
)
def test_the_time_limit_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, limit: float | None
) -> None:
    monkeypatch.setenv(LIMIT_ENV, value)
    assert plugin_time_limit() == limit


def test_lint_reports_a_lazily_registered_scheme_that_fails(site: Path, tmp_path: Path) -> None:
    outcome = run(site, tmp_path, "lint", "lazy.invalid", "lazy.raises")
    assert outcome.code == 1
    lines = outcome.out.splitlines()
    assert lines[0].startswith(
        "lazy.invalid: definition: failed to define (plugin 'lazy'): component weights sum to 80"
    )
    assert "lazy.raises: definition: failed to define (plugin 'lazy'): the database is gone" in (
        outcome.out
    )
