"""The pytest plugin, end to end: ``pytest --assesskit-check`` in a project of its own."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Imported here, before any inner run: pytester removes the modules an inner run imports,
# and a second copy of Hypothesis in one process would not recognise the first one's objects.
import hypothesis  # noqa: F401
import pytest

import assesskit.testing.invariants  # noqa: F401

pytest_plugins = ["pytester"]

#: A conftest registering schemes with assesskit for the inner pytest run, and removing
#: them afterwards (the inner run shares this process and its plugin manager).
CONFTEST = textwrap.dedent(
    """
    import attrs
    import assesskit.plugins
    from assesskit import hookimpl
    from tests.conftest import build_sample_scheme
    from tests.testing._defects import ShrinkingIncome, with_band_gap, with_income_rule


    class Plugin:
        @hookimpl
        def assesskit_register_schemes(self, register):
            register(build_sample_scheme())
            register(lambda: attrs.evolve(with_band_gap(), id="sample.band-gap"))
            shrinking = with_income_rule(ShrinkingIncome())
            register(lambda: attrs.evolve(shrinking, id="sample.shrinking"))


    def pytest_configure(config):
        assesskit.plugins.get_registry()
        assesskit.plugins.pm.register(Plugin(), name="test-schemes")
        assesskit.plugins.reset()


    def pytest_unconfigure(config):
        assesskit.plugins.pm.unregister(name="test-schemes")
        assesskit.plugins.reset()
    """
)


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A directory with the conftest above and one ordinary test."""
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_ordinary="def test_ordinary():\n    assert True\n")
    pytester.syspathinsert(str(__import__("pathlib").Path(__file__).parents[2]))
    return pytester


def test_without_the_option_only_ordinary_tests_run(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert "assesskit: invariant checks" not in result.stdout.str()


def test_a_sound_scheme_gets_one_passing_item_per_invariant(project: pytest.Pytester) -> None:
    result = project.runpytest(
        "-p",
        "no:cacheprovider",
        "-v",
        "--assesskit-check",
        "--assesskit-scheme",
        "sample.every-rule",
    )
    # the ordinary test plus 12 invariants, all applicable to the sample scheme
    result.assert_outcomes(passed=13)
    result.stdout.fnmatch_lines(
        [
            "assesskit: invariant checks for sample.every-rule (profile fast)",
            "assesskit::sample.every-rule::bounds PASSED*",
            "assesskit::sample.every-rule::monotone PASSED*",
            "assesskit::sample.every-rule::history PASSED*",
        ]
    )


def test_each_broken_invariant_fails_with_its_counterexample(project: pytest.Pytester) -> None:
    result = project.runpytest(
        "-p",
        "no:cacheprovider",
        "--assesskit-check",
        "--assesskit-scheme",
        "sample.[bs]*",
        "-m",
        "assesskit",
        "-k",
        "monotone or bands",
    )
    # sample.band-gap and sample.shrinking, 2 invariants each: one of each pair is broken
    result.assert_outcomes(passed=2, failed=2, deselected=1 + 2 * 10)
    result.stdout.fnmatch_lines(
        [
            "*_ assesskit sample.band-gap: bands _*",
            "the band table covers every reachable total exactly once (plugin 'test-schemes')",
            "  gap at 60: no band contains it (next to 'reduced' and 'low')",
            "*_ assesskit sample.shrinking: monotone _*",
            "*raising 'income' from * took points off component 'income'*",
            "  counterexample (with income = *):",
            "    {'entity_id': 'E-1',",
            "FAILED assesskit::sample.band-gap::bands - *",
            "FAILED assesskit::sample.shrinking::monotone - *",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_thorough_profile_is_selectable_and_checked(project: pytest.Pytester) -> None:
    result = project.runpytest(
        "-p",
        "no:cacheprovider",
        "--assesskit-check",
        "--assesskit-profile",
        "thorough",
        "--assesskit-scheme",
        "sample.every-rule",
        "-k",
        "examples",
        "--collect-only",
        "-q",
    )
    result.stdout.fnmatch_lines(["assesskit::sample.every-rule::examples"])
    bad = project.runpytest("--assesskit-check", "--assesskit-profile", "slow")
    assert bad.ret == pytest.ExitCode.USAGE_ERROR
    bad.stderr.fnmatch_lines(["*invalid choice: 'slow'*"])


def test_a_pattern_matching_no_scheme_is_a_usage_error(project: pytest.Pytester) -> None:
    result = project.runpytest(
        "-p", "no:cacheprovider", "--assesskit-check", "--assesskit-scheme", "nope.*"
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--assesskit-scheme 'nope.*' matches no registered scheme*"])


def test_the_plugin_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, assesskit.testing.pytest_plugin\n"
        "heavy = ['hypothesis', 'assesskit.testing.invariants', 'assesskit.testing.strategies']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_plugin_module_does_not_load_numpy() -> None:
    code = "import sys, assesskit.testing.pytest_plugin\nprint('numpy' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_hypothesis_hook_registers_lazily_and_quietly() -> None:
    code = (
        "import sys, hypothesis\n"
        "import hypothesis.strategies as st\n"
        "from assesskit import Interval\n"
        "print('assesskit.testing.strategies' in sys.modules)\n"
        "print(type(hypothesis.find(st.from_type(Interval), lambda _: True)).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True
    )
    # registered when Hypothesis was imported, without importing the strategies module
    assert out.stdout.splitlines()[0] == "False"
    assert out.stdout.splitlines()[1] == "Interval"
    assert out.stderr == ""


BROKEN_PLUGIN = textwrap.dedent(
    """

    class Broken:
        @hookimpl
        def assesskit_register_schemes(self, register):
            raise RuntimeError("the schemes module is missing")


    def pytest_configure(config):
        assesskit.plugins.get_registry()
        assesskit.plugins.pm.register(Plugin(), name="test-schemes")
        assesskit.plugins.pm.register(Broken(), name="broken-plugin")
        assesskit.plugins.reset()


    def pytest_unconfigure(config):
        assesskit.plugins.pm.unregister(name="test-schemes")
        assesskit.plugins.pm.unregister(name="broken-plugin")
        assesskit.plugins.reset()
    """
)


def test_a_plugin_that_fails_to_load_is_a_failing_test(project: pytest.Pytester) -> None:
    project.makeconftest(CONFTEST + BROKEN_PLUGIN)
    result = project.runpytest(
        "-p",
        "no:cacheprovider",
        "--assesskit-check",
        "--assesskit-scheme",
        "sample.every-rule",
        "-k",
        "load or bounds",
    )
    result.assert_outcomes(passed=1, failed=1, deselected=12)
    result.stdout.fnmatch_lines(
        [
            "assesskit plugins failed to load:",
            "plugin 'broken-plugin' failed in assesskit_register_schemes: "
            "the schemes module is missing; skipped",
            "FAILED assesskit::plugins::load - *",
        ]
    )


def test_no_registered_scheme_is_a_usage_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSKIT_LOAD_PLUGINS", "")  # no plugin from entry points
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--assesskit-check")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--assesskit-check: no assesskit scheme is registered.*"])


PLANTED = textwrap.dedent(
    """
    import assesskit.plugins
    from tests.testing.planted.plugin import PlantedPlugin


    def pytest_configure(config):
        assesskit.plugins.get_registry()
        assesskit.plugins.pm.register(PlantedPlugin(), name="planted")
        assesskit.plugins.reset()


    def pytest_unconfigure(config):
        assesskit.plugins.pm.unregister(name="planted")
        assesskit.plugins.reset()
    """
)


@pytest.fixture
def planted_project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A directory whose conftest installs the planted plugin (tests/testing/planted)."""
    pytester.makeconftest(PLANTED)
    pytester.syspathinsert(str(__import__("pathlib").Path(__file__).parents[2]))
    return pytester


def test_a_pattern_matching_only_an_invalid_scheme_says_why(
    planted_project: pytest.Pytester,
) -> None:
    result = planted_project.runpytest(
        "-p", "no:cacheprovider", "--assesskit-check", "--assesskit-scheme", "shop.fraud-is-*"
    )
    # both variants failed to define: one failing item each, and the plugin's load report
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(
        [
            "*scheme 'shop.fraud-is-text' (plugin 'planted') failed to define, so none of its "
            "checks can run:",
            "  - veto 'fraud': fraud == 'true': compares flag 'fraud' with text 'true'*",
            "FAILED assesskit::shop.fraud-is-text::definition - *",
            "FAILED assesskit::shop.fraud-is-yes::definition - *",
        ],
        consecutive=False,
    )
    assert "matches no registered scheme" not in result.stderr.str()


def test_planted_defects_fail_their_checks_end_to_end(planted_project: pytest.Pytester) -> None:
    result = planted_project.runpytest(
        "-p",
        "no:cacheprovider",
        "--assesskit-check",
        "--assesskit-scheme",
        "shop.assistant",
        "--assesskit-scheme",
        "shop.veto-in-percent",
        "--assesskit-scheme",
        "shop.float-ratio",
        "--assesskit-scheme",
        "shop.divide-by-target",
        "-k",
        "reach or exact or params",
        "-m",
        "assesskit and not load",
    )
    # shop.assistant passes the 3 checks; each variant fails the one that catches its defect
    # and passes the other two
    result.stdout.fnmatch_lines(
        [
            "FAILED assesskit::shop.divide-by-target::params - *",
            "FAILED assesskit::shop.float-ratio::exact - *",
            "FAILED assesskit::shop.veto-in-percent::reach - *",
        ],
        consecutive=False,
    )
    # deselected: the 9 other checks of each scheme, and the plugin load report
    result.assert_outcomes(passed=3 + 3 * 2, failed=3, deselected=4 * 9 + 1)


KINDS = textwrap.dedent(
    """

    from tests.testing._defects import OffByOneCentBatch
    from tests.testing.test_rule_kinds import NoExample, ParentsExample


    class Kinds:
        @hookimpl
        def assesskit_register_rule_kinds(self, register):
            register(ParentsExample)
            register(OffByOneCentBatch)
            register(NoExample)


    def pytest_configure(config):
        assesskit.plugins.get_registry()
        assesskit.plugins.pm.register(Plugin(), name="test-schemes")
        assesskit.plugins.pm.register(Kinds(), name="test-kinds")
        assesskit.plugins.reset()


    def pytest_unconfigure(config):
        assesskit.plugins.pm.unregister(name="test-schemes")
        assesskit.plugins.pm.unregister(name="test-kinds")
        assesskit.plugins.reset()
    """
)


def test_rule_kinds_of_plugins_get_one_item_each(project: pytest.Pytester) -> None:
    project.makeconftest(CONFTEST + KINDS)
    result = project.runpytest(
        "-p", "no:cacheprovider", "--assesskit-check", "--assesskit-kind", "test_*"
    )
    # only the kinds were asked for: no scheme checks, one item per matching kind
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "assesskit: invariant checks for rule kind test_* (profile fast)",
            "assesskit: 0 check(s) of 0 scheme(s) and 3 rule kind(s)",
            "*_ assesskit rule kind test_kind_no_example _*",
            "the rule kind's own check (plugin 'test-kinds')",
            "rule kind 'test_kind_no_example' failed its check:",
            "  - *NoExample gives no example, so it cannot be checked: give the class a "
            "classmethod example() returning assesskit.rules.RuleExample(*",
            "*_ assesskit rule kind test_off_by_one_cent _*",
            "*[[]batch[]] scheme 'rule-kind.test_off_by_one_cent'*",
            "FAILED assesskit::rule-kinds::test_kind_no_example - *",
            "FAILED assesskit::rule-kinds::test_off_by_one_cent - *",
        ],
        consecutive=False,
    )
    # the kind whose example passes (ParentsExample, Boolean's example built as itself),
    # and the ordinary test
    result.stdout.no_fnmatch_line("FAILED *test_kind_parents_example*")


def test_without_patterns_every_plugin_kind_is_checked_and_no_built_in_one(
    project: pytest.Pytester,
) -> None:
    project.makeconftest(CONFTEST + KINDS)
    every = project.runpytest("-p", "no:cacheprovider", "--assesskit-check", "--collect-only", "-q")
    out = every.stdout.str()
    for kind in ("test_kind_parents_example", "test_off_by_one_cent", "test_kind_no_example"):
        assert f"assesskit::rule-kinds::{kind}" in out
    assert "assesskit::rule-kinds::plateau" not in out  # built-in kinds: assesskit's own tests
    assert "assesskit::sample.every-rule::batch" in out
    # a scheme pattern alone selects schemes only; --assesskit-kind may name a built-in kind
    schemes = project.runpytest(
        "-p",
        "no:cacheprovider",
        "--assesskit-check",
        "--assesskit-scheme",
        "sample.every-rule",
        "--assesskit-kind",
        "plateau",
        "--collect-only",
        "-q",
    )
    assert "assesskit::rule-kinds::plateau" in schemes.stdout.str()
    assert "test_kind" not in schemes.stdout.str()
    only_schemes = project.runpytest(
        "-p", "no:cacheprovider", "--assesskit-check", "--assesskit-scheme", "sample.*", "--co"
    )
    assert "rule-kinds" not in only_schemes.stdout.str()


def test_a_kind_pattern_matching_no_kind_is_a_usage_error(project: pytest.Pytester) -> None:
    result = project.runpytest(
        "-p", "no:cacheprovider", "--assesskit-check", "--assesskit-kind", "x*"
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--assesskit-kind 'x*' matches no registered rule kind*"])
