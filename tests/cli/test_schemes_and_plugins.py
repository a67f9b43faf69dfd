"""``assesskit schemes`` and plugin isolation through the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from tests.cli.conftest import Outcome
from tests.conftest import build_sample_scheme

from assesskit import hookimpl

Cli = Callable[..., Outcome]
Register = Callable[[object, str], None]


class BrokenHook:
    @hookimpl
    def assesskit_register_schemes(self, register: Callable[[Any], None]) -> None:
        raise RuntimeError("cannot reach the database")


class InvalidScheme:
    """Registers a scheme whose weights sum to 110: a definition error at build time."""

    @hookimpl
    def assesskit_register_schemes(self, register: Callable[[Any], None]) -> None:
        register(
            lambda: build_sample_scheme(
                id="broken.weights",
                components=[
                    *build_sample_scheme().components,
                    build_sample_scheme().components[1],
                ],
            )
        )


class SecondSample:
    @hookimpl
    def assesskit_register_schemes(self, register: Callable[[Any], None]) -> None:
        register(build_sample_scheme)


def test_table_lists_id_titles_version_period_plugin(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("schemes")
    assert outcome.code == 0
    header, _, *rows = outcome.out.splitlines()
    assert header.split() == ["id", "title", "title", "(zh)", "version", "period", "plugin"]
    line = next(r for r in rows if r.startswith("sample.every-rule "))
    assert line.split() == [
        "sample.every-rule",
        "Sample",
        "scheme",
        "with",
        "every",
        "rule",
        "kind",
        "示例方案",
        "1",
        "monthly",
        "sample-plugin",
    ]


def test_chinese_table(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("schemes", "--lang", "zh")
    assert outcome.out.splitlines()[0].split() == [
        "方案",
        "英文标题",
        "中文标题",
        "版本",
        "考核期",
        "插件",
    ]
    assert any(r.startswith("sample.every-rule ") and "月度" in r for r in outcome.out.splitlines())


def test_json(cli: Cli, sample_plugin: str) -> None:
    outcome = cli("schemes", "--format", "json")
    entry = next(e for e in json.loads(outcome.out) if e["id"] == "sample.every-rule")
    assert entry == {
        "id": "sample.every-rule",
        "title": {"en": "Sample scheme with every rule kind", "zh": "示例方案"},
        "version": "1",
        "period": "monthly",
        "period_field": "period",
        "plugin": "sample-plugin",
    }


@pytest.mark.parametrize(
    ("plugin", "warning"),
    [
        (
            BrokenHook(),
            "assesskit: warning: plugin 'broken' failed in assesskit_register_schemes: "
            "cannot reach the database; skipped",
        ),
        (
            InvalidScheme(),
            "assesskit: warning: plugin 'broken': a scheme could not be registered: "
            "scheme 'broken.weights' is invalid:",
        ),
    ],
)
def test_broken_plugin_warns_and_the_rest_works(
    cli: Cli, sample_plugin: str, register_plugin: Register, plugin: object, warning: str
) -> None:
    register_plugin(plugin, "broken")
    outcome = cli("schemes")
    assert outcome.code == 0
    assert warning in outcome.err
    assert "sample.every-rule" in outcome.out
    assert "broken.weights" not in outcome.out
    assert cli("show", "sample.every-rule").code == 0


def test_duplicate_ids_make_the_id_unavailable(
    cli: Cli, sample_plugin: str, register_plugin: Register
) -> None:
    register_plugin(SecondSample(), "copy-plugin")
    listing = cli("schemes")
    assert listing.code == 0
    assert "sample.every-rule" not in listing.out
    clash = (
        "scheme 'sample.every-rule' is registered by both 'sample-plugin' and 'copy-plugin', "
        "so it is unavailable; disable one, e.g. ASSESSKIT_DISABLE_PLUGINS=copy-plugin"
    )
    assert f"assesskit: warning: {clash}" in listing.err
    shown = cli("show", "sample.every-rule")
    assert shown.code == 2
    assert f"assesskit: error: {clash}" in shown.err


def test_no_schemes(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import assesskit.plugins

    monkeypatch.setattr(assesskit.plugins, "list_schemes", lambda: [])
    monkeypatch.setattr("assesskit.cli.schemes.list_schemes", lambda: [])
    assert cli("schemes").out == "no schemes installed\n"
    assert cli("schemes", "--format", "json").out == "[]\n"
