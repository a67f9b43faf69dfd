"""Development automation for assesskit, driven by nox (https://nox.thea.codes).

Usage::

    python3 -m pip install nox
    python3 -m nox                     # the default sessions: tests, lint, typecheck
    python3 -m nox -l                  # list every session with its summary
    python3 -m nox -s tests -- -x -k veto   # arguments after ``--`` go to pytest
    python3 -m nox -R -s tests         # reuse the environment, skip installing

Every session builds its own virtual environment under ``.nox/`` with the
standard library's ``venv`` and installs with plain pip, so a machine needs
nothing but Python 3.11 and nox.

Scheme families live in their own distributions under ``plugins/<name>/``.
Sessions that need them find them by their ``pyproject.toml``, so a new
plugin is tested, type-checked and documented without touching this file.
``plugins/TEMPLATE/`` is the skeleton a new family copies: it is linted and
type-checked, never installed; ``tests/test_plugin_template.py`` tests a
renamed copy of it.
"""

import os
from collections.abc import Sequence
from pathlib import Path

import nox

nox.needs_version = ">=2024.4.15"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typecheck"]
# A session skipped for want of its interpreter must not look like a pass.
nox.options.error_on_missing_interpreters = True

PYTHON = "3.11"
PLUGINS = Path("plugins")
# The skeleton of a new plugin (plugins/TEMPLATE/README.md): not a plugin of its own.
TEMPLATE = PLUGINS / "TEMPLATE"
# Tools pinned so that a new release changes nothing until someone bumps it here.
RUFF = "ruff==0.17.6"
MYPY = "mypy==2.4.1"
#: Reads back the PDF slips in the tests (a second library, not the one that wrote them).
PYPDF = "pypdf>=4"
MUTMUT = "mutmut==3.8.1"
# The scoring engine's modules under mutation testing (issue 14), each run on its own.
MUTATED = (
    "rules.deductions",
    "rules.ratios",
    "rules.tables",
    "intervals",
    "bands",
    "_exact",
    "history",
    "_scaled",
    "_batchmath",
    "_columns",
    "expressions.algebra",
    "expressions.leaves",
    "expressions.statuses",
    "expressions.choices",
    "expressions.ranges",
    "expressions.node",
    "expressions.env",
    "expressions.value_types",
    "scoring.history_stage",
    "scoring.identity",
    "scoring.exact",
    "scoring.boundary",
    "scoring.bounds",
    "scoring._batch_totals",
    "scoring._batch_checks",
    "scoring._batch_outputs",
    "scoring._batch_periods",
    "scoring._batch_chunk",
    "scoring._batch_env",
    "scoring._batch_texts",
    "scoring._batch_plan",
    "scoring.batch",
    "scoring.history_batch",
    "scoring.plan",
    "hierarchy",
    "rules.flags",
    "rules.ratings",
    "rules.base",
    "rules.context",
    "targets.rule",
    "targets._batch",
    "targets.schedule",
    "targets.table",
    "targets.plans",
    "targets._words",
)
# Below this share of killed mutants a module fails the mutation session.
MUTATION_FLOOR = 90.0
# The main job: score the worked microloan example (see plugins/assesskit-microloan/examples/).
DEMO_ARGS = (
    "score",
    "microloan.loan-officer",
    "plugins/assesskit-microloan/examples/loan-officer.csv",
    "--format",
    "table",
)


def plugin_dirs() -> list[Path]:
    """Return every scheme-plugin distribution under ``plugins/``, in name order.

    A plugin is a directory ``plugins/<name>/`` holding a ``pyproject.toml``;
    the list is empty until the first plugin lands. ``plugins/TEMPLATE/`` is
    left out: it is a skeleton to copy, not a plugin to install.
    """
    found = (pyproject.parent for pyproject in PLUGINS.glob("*/pyproject.toml"))
    return sorted(path for path in found if path != TEMPLATE)


def install_project(
    session: nox.Session, *, extras: Sequence[str] = (), also: Sequence[str] = ()
) -> None:
    """Install assesskit and every scheme plugin, editable, into the session.

    This is the one place a session installs the code under development.

    :param session: the session whose environment receives the install.
    :param extras: optional-dependency groups of assesskit, e.g. ``("testing",)``.
    :param also: further pip arguments, such as tools or ``-r`` requirement files.

    Everything goes through a single pip call, so the resolver satisfies each
    plugin's ``assesskit`` requirement from this checkout, never from an index,
    and reports a plugin that asks for an incompatible assesskit.
    """
    project = f".[{','.join(extras)}]" if extras else "."
    arguments = ["-e", project]
    for plugin in plugin_dirs():
        arguments += ["-e", plugin.as_posix()]
    session.install(*arguments, *also)


def pytest_paths() -> list[str]:
    """Return the core test directory followed by each plugin's ``tests/``."""
    plugin_tests = [plugin / "tests" for plugin in plugin_dirs()]
    return ["tests", *(path.as_posix() for path in plugin_tests if path.is_dir())]


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suites of assesskit and of every scheme plugin.

    Arguments after ``--`` are passed to pytest, for example
    ``nox -s tests -- -x -k veto``; the test directories are always included.
    """
    # pandas and polars so that the tests of DataFrames in and out (score_frame) run too;
    # zh (OpenCC) so that headers match in either script and the tests of zh-Hant output and
    # of the script of every shipped Chinese string run (they are skipped without it);
    # pdf (WeasyPrint) and pypdf, which re-reads the slips' PDF, so that the PDF test runs.
    extras = ("testing", "xlsx", "progress", "dask", "pandas", "polars", "zh", "pdf")
    install_project(session, extras=extras, also=[PYPDF])
    # every shipped scheme but the first of each family: nox -s schemes (a -m given wins)
    session.run("pytest", "-m", "not every_scheme", *session.posargs, *pytest_paths())


@nox.session(python=PYTHON)
def schemes(session: nox.Session) -> None:
    """Check every shipped scheme with the testing kit's fast profile.

    The default test session checks the first scheme of each family; this one
    the others (the tests marked ``every_scheme``, about a minute). The README's
    test command runs both.
    """
    install_project(session, extras=("testing",))
    session.run("pytest", "-m", "every_scheme", *session.posargs, "tests/with_plugins/testing")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Check the code with ruff: lint rules first, then formatting.

    Every file, the plugins' included, is checked with the settings of
    ``[tool.ruff]`` in the root pyproject.toml (the plugins' own pyprojects
    hold packaging only, so ruff finds no closer settings).

    ``ruff format src tests plugins noxfile.py`` fixes what the second step reports.
    """
    session.install(RUFF)
    # An empty directory is not kept by git, so a fresh clone may lack one.
    paths = [path for path in ("src", "tests", "plugins", "noxfile.py") if Path(path).exists()]
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check assesskit and the sources of every scheme plugin with mypy.

    mypy reads its settings, strict mode included, from ``[tool.mypy]`` in
    the root pyproject.toml (the plugins' own pyprojects hold packaging only);
    the plugins, and the template of a new one, are checked under those same
    settings, one at a time so that each failure names its plugin.
    """
    install_project(session, extras=("testing", "dask"), also=(MYPY,))
    session.run("mypy", "--version")
    session.run("mypy")  # the files listed in [tool.mypy]: src/assesskit
    for plugin in [*plugin_dirs(), TEMPLATE]:
        source = plugin / "src"
        if source.is_dir():
            session.log(f"Type-checking plugin {plugin.name}")
            session.run("mypy", source.as_posix())


@nox.session(python=PYTHON)
def thorough(session: nox.Session) -> None:
    """Check every shipped scheme and every rule kind with the testing kit's thorough profile.

    The default test session runs the fast profile; this one runs 400 records an
    invariant (about 20 minutes on a 2-core machine; see docs/testing.md). Arguments
    after ``--`` replace what is checked, e.g. ``-- --assesskit-scheme 'health.*'``.
    """
    install_project(session, extras=("testing",))
    chosen = session.posargs or ["--assesskit-scheme", "*", "--assesskit-kind", "*"]
    # from an empty folder: the checks only, not the project's own tests
    session.chdir(session.create_tmp())
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "--assesskit-check",
        "--assesskit-profile",
        "thorough",
        *chosen,
    )


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site into ``site/``, failing on any warning.

    Arguments after ``--`` are passed to ``mkdocs build``.
    """
    install_project(session, also=("-r", "docs/requirements.txt"))
    session.run("mkdocs", "build", "--strict", *session.posargs)


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """Fuzz the input contract for longer than the test session does (issue 12).

    Runs ``tests/hardening/test_fuzz.py`` with ``ASSESSKIT_FUZZ_EXAMPLES``
    examples per test (default here 2000; the test session runs 60): hostile
    cells, rows, files, encodings and parameters, through the command line
    and the Python API. Takes about ten minutes on two cores. Arguments after
    ``--`` go to pytest.
    """
    install_project(session, extras=("testing", "xlsx"), also=("pandas",))
    examples = os.environ.get("ASSESSKIT_FUZZ_EXAMPLES", "2000")
    session.run(
        "pytest",
        "tests/hardening/test_fuzz.py",
        *session.posargs,
        env={"ASSESSKIT_FUZZ_EXAMPLES": examples},
    )


# Run inside the session's environment: mutmut's own names for its exit codes.
_MUTATION_SUMMARY = """
import json, sys
from pathlib import Path
from mutmut.stats import status_by_exit_code

floor, failed = float(sys.argv[1]), []
for module in sys.argv[2:]:
    meta = Path("mutants/src/assesskit", *module.split(".")).with_suffix(".py.meta")
    codes = json.loads(meta.read_text())["exit_code_by_key"].values()
    statuses = [status_by_exit_code[code] for code in codes]
    tested = [s for s in statuses if s != "not checked"]
    killed = sum(s in ("killed", "timeout") for s in tested)
    share = 100 * killed / len(tested) if tested else 0.0
    others = {s: tested.count(s) for s in sorted(set(tested)) if s not in ("killed", "timeout")}
    print(f"{module:18} {killed:4}/{len(tested):<4} killed {share:5.1f}%  {others or ''}")
    if share < floor:
        failed.append(module)
if failed:
    sys.exit(f"below {floor}% killed: {', '.join(failed)} (mutmut results; mutmut show NAME)")
"""


@nox.session(python=PYTHON)
def mutation(session: nox.Session) -> None:
    """Mutation-test the scoring engine with mutmut, one module at a time (issue 14).

    Mutates each module of ``MUTATED`` in turn and runs, for every mutant, the
    tests of ``tests/core`` and ``tests/expressions`` that cover the mutated
    function (selected in ``[tool.mutmut]`` of pyproject.toml; the slow
    property profiles are left out). Then prints the share of killed mutants per
    module and fails when a module is below ``MUTATION_FLOOR``. Arguments after
    ``--`` name the modules
    to run, e.g. ``nox -s mutation -- rules.tables``. Slow: 10 to 25 minutes a
    module on two shared cores (see docs/mutation.md, which also lists the
    surviving mutants judged equivalent). Work files go to ``mutants/``.
    """
    install_project(session, extras=("testing",), also=(MUTMUT,))
    modules = session.posargs or list(MUTATED)
    unknown = sorted(set(modules) - set(MUTATED))
    if unknown:
        session.error(f"not under mutation testing: {', '.join(unknown)} (see MUTATED)")
    for module in modules:
        # niced: the mutants run on every core, and the machine is shared
        session.run("nice", "-n", "15", "mutmut", "run", f"assesskit.{module}.*", external=True)
    session.run("python", "-c", _MUTATION_SUMMARY, str(MUTATION_FLOOR), *modules)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmark batch scoring and the CLI against numpy, Python and pandas (issue 8).

    Prints a Markdown report of medians, ratios, peak memory and exactness
    for ``docs/performance.md``. Not a test and not run by default; a run
    takes a few minutes. Arguments after ``--`` go to ``benchmarks/run.py``,
    for example ``nox -s bench -- --rows 100000 --no-cli``.
    """
    install_project(session, also=("pandas",))
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """Score the worked microloan example with the ``assesskit`` command line.

    Runs ``assesskit score microloan.loan-officer
    plugins/assesskit-microloan/examples/loan-officer.csv --format table``. Arguments after
    ``--`` replace everything after ``assesskit``, to try another scheme or file.
    """
    install_project(session)
    session.run("assesskit", *(session.posargs or DEMO_ARGS))
