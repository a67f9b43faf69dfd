"""Fixtures of the hardening tests: the CLI runner and the sample scheme of ``tests/cli``."""

from __future__ import annotations

from tests.cli.conftest import cli, sample_plugin

__all__ = ["cli", "sample_plugin"]
