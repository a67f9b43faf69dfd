"""``assesskit lint``: find what is wrong or doubtful in a scheme definition.

Checks: band gaps, overlaps and unreachable bands (:meth:`Scheme.lint`);
definition problems (weights, unknown metrics, parameter defaults), and
those of a scheme that failed to define; the scheme's declared worked
examples (each must give its expected results); inputs and parameters
nothing reads; labels without a Chinese text; relative weights that look
like points with a typo, threshold tables on another scale than their
weight, and vetoes, outcome branches, history triggers and tiers no input
reaches (:mod:`assesskit.testing._lints`). Exit status 1 when anything is
found, as linters do.
"""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import attrs

from assesskit.cli.common import Console, add_params, load_scheme
from assesskit.cli.errors import EXIT_FINDINGS, EXIT_OK
from assesskit.components import Example
from assesskit.errors import AssesskitError
from assesskit.expressions import Expr
from assesskit.io.headers import FieldNames
from assesskit.plugins import FailedScheme, SchemeUnavailableError, get_registry, list_schemes
from assesskit.results import Result
from assesskit.scheme import Scheme
from assesskit.text import Text

__all__ = ["LintFinding", "add_parser", "check_examples", "lint_scheme", "run"]


@attrs.frozen
class LintFinding:
    """One problem found in a scheme: its kind and a message saying where and what."""

    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def add_parser(commands: Any, parent: argparse.ArgumentParser) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "lint",
        parents=[parent],
        help="check schemes: band gaps/overlaps, unreachable bands, examples, unused inputs",
        description="Check one or more schemes (all installed schemes when none is named). "
        "Exit status 1 when a problem is found.",
    )
    parser.add_argument("schemes", metavar="SCHEME", nargs="*", help="scheme ids (default: all)")
    add_params(parser)
    parser.set_defaults(run=run)


def _expressions(scheme: Scheme) -> list[Expr]:
    exprs: list[Expr] = [v.condition for v in scheme.vetoes]
    exprs += [o.expr for o in scheme.outcomes]
    exprs += [t.condition for h in scheme.history_rules for t in h.triggers]
    return exprs


def _unused(scheme: Scheme) -> list[LintFinding]:
    read: set[str] = set()
    params: set[str] = set()
    for component in scheme.components:
        read.update(component.rule.inputs())
        params.update(component.rule.params())
    for expr in _expressions(scheme):
        read.update(expr.inputs())
        params.update(expr.params())
    for constraint in scheme.all_constraints():
        read.update(constraint.fields())
    # Stage comparisons read a threshold parameter; weighted roll-ups read an input.
    params.update(
        c.threshold for c in getattr(scheme, "stage_comparisons", ()) if c.threshold is not None
    )
    read.update(r.weight for r in getattr(scheme, "rollups", ()) if r.weight is not None)
    findings = [
        LintFinding("unused", f"input {m.name!r} is read by no rule, veto, outcome or history rule")
        for m in scheme.metrics
        if m.name not in read
    ]
    findings += [
        LintFinding("unused", f"parameter {p.name!r} is read by nothing")
        for p in scheme.parameters
        if p.name not in params
    ]
    return findings


def _labels(scheme: Scheme) -> list[LintFinding]:
    named: list[tuple[str, Text]] = [("scheme title", scheme.title)]
    named += [(f"input {m.name!r}", m.label) for m in scheme.metrics]
    named += [(f"component {c.id!r}", c.label) for c in scheme.components]
    named += [(f"veto {v.id!r}", v.label) for v in scheme.vetoes]
    if scheme.bands is not None:
        named += [(f"band {b.id!r}", b.label) for b in scheme.bands.bands]
    named += [(f"outcome {o.id!r}", o.label) for o in scheme.outcomes]
    named += [(f"history rule {h.id!r}", h.label) for h in scheme.history_rules]
    named += [(f"parameter {p.name!r}", p.label) for p in scheme.parameters]
    return [
        LintFinding("label", f"{what} has no Chinese label ({text.en!r})")
        for what, text in named
        if text.zh == text.en and any(ch.isalpha() for ch in text.en)
    ]


def _headers(scheme: Scheme) -> list[LintFinding]:
    """Column names (labels, aliases) two input fields share: a column so named is ambiguous."""
    return [LintFinding("header", message) for message in FieldNames.of(scheme).clashes()]


def _as_number(value: Any) -> Fraction | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(actual, bool) or isinstance(expected, bool):
        return actual is expected or actual == expected
    if actual is None or expected is None:
        return actual is None and expected is None
    a, e = _as_number(actual), _as_number(expected)
    if a is not None and e is not None:
        return a == e
    if isinstance(actual, list | tuple) and isinstance(expected, list | tuple):
        return [str(x) for x in actual] == [str(x) for x in expected]
    return str(actual) == str(expected)


def _shown(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else repr(value)


def _compare(example: Example, result: Result) -> list[str]:
    expected = example.expected
    wrong: list[str] = []

    def check(what: str, actual: Any, want: Any) -> None:
        if not _same(actual, want):
            wrong.append(f"{what} is {_shown(actual)}, expected {want!r}")

    if "total" in expected:
        check("total", result.total, expected["total"])
    if "band" in expected:
        check("band", result.band_id, expected["band"])
    if "vetoed" in expected:
        check("vetoed", result.vetoed, expected["vetoed"])
    for component, want in (expected.get("components") or {}).items():
        got = result.components.get(component)
        if got is None:
            wrong.append(f"component {component!r} does not exist")
        else:
            check(f"component {component!r}", got.points, want)
    for outcome, want in (expected.get("outcome") or {}).items():
        if outcome not in result.outcome:
            wrong.append(f"outcome {outcome!r} does not exist")
        else:
            check(f"outcome {outcome!r}", result.outcome[outcome], want)
    return wrong


def check_examples(scheme: Scheme) -> list[LintFinding]:
    """Score each worked example the scheme declares and compare with what it expects."""
    findings = []
    for example in scheme.examples:
        try:
            configured = scheme.with_params(example.params) if example.params else scheme
            result = configured.score(example.record)
        except AssesskitError as exc:
            findings.append(LintFinding("example", f"{example.name!r} cannot be scored: {exc}"))
            continue
        findings += [
            LintFinding("example", f"{example.name!r}: {problem}")
            for problem in _compare(example, result)
        ]
    return findings


def lint_scheme(scheme: Scheme) -> list[LintFinding]:
    """Every finding for *scheme*, in a stable order."""
    findings = [LintFinding("definition", p) for p in scheme.definition_problems()]
    findings += [LintFinding(f.kind, f.message) for f in scheme.lint()]
    findings += check_examples(scheme)
    findings += _unused(scheme)
    findings += _labels(scheme)
    findings += _headers(scheme)
    from assesskit.testing._lints import scheme_findings

    findings += [LintFinding(kind, message) for kind, message in scheme_findings(scheme)]
    return findings


def _report_failed(failure: FailedScheme, console: Console) -> int:
    """Print the definition problems of a scheme that failed to define; return their count."""
    for problem in failure.problems:
        message = f"failed to define (plugin {failure.plugin!r}): {problem}"
        console.out.write(f"{failure.scheme_id}: {LintFinding('definition', message)}\n")
    return len(failure.problems)


def run(args: argparse.Namespace, console: Console) -> int:
    """Lint the schemes named, or every installed scheme."""
    failed = get_registry().failed()
    found = 0
    schemes = []
    if args.schemes:
        for scheme_id in args.schemes:
            if scheme_id in failed:  # it failed to define: show why, not "unknown scheme"
                found += _report_failed(failed[scheme_id], console)
                continue
            try:
                schemes.append(load_scheme(scheme_id, args.param).scheme)
            except SchemeUnavailableError as exc:  # registered lazily, failed when built
                found += _report_failed(exc.failure(), console)
    else:
        entries = list_schemes()
        for entry in entries:
            try:
                schemes.append(entry.scheme)
            except SchemeUnavailableError as exc:
                found += _report_failed(exc.failure(), console)
        for failure in failed.values():
            found += _report_failed(failure, console)
        if not entries and not failed:
            console.out.write("no schemes installed\n")
    for scheme in schemes:
        findings = lint_scheme(scheme)
        found += len(findings)
        for finding in findings:
            console.out.write(f"{scheme.id}: {finding}\n")
        if not findings:
            console.out.write(f"{scheme.id}: no problems found\n")
    if found:
        console.out.write(f"{found} problem(s) found\n")
        return EXIT_FINDINGS
    return EXIT_OK
