"""JSON output of ``assesskit score``: the scheme's identity, parameters, results, roll-ups."""

from __future__ import annotations

import json
from typing import Any

from assesskit.io.published import ScoreRun
from assesskit.results import json_value
from assesskit.text import Lang, scripted

__all__ = ["render_json", "run_document"]


@scripted(ScoreRun.typed_words)
def run_document(run: ScoreRun, lang: Lang = "en") -> dict[str, Any]:
    """The output as data.

    ``{"scheme", "scheme_version", "fingerprint", "params", "results",
    "rollups", "notes"}``: each result is :meth:`~assesskit.Result.to_dict`
    (money as strings with 2 decimals), with ``"kept"``: the input columns
    passed through (``{"name": "王芳"}``) when there are any; ``notes`` says how inputs were read
    and which history came from another configuration.
    """
    scheme = run.scheme
    return {
        "scheme": scheme.id,
        "scheme_version": scheme.version,
        "fingerprint": scheme.fingerprint,
        "params": {name: json_value(value) for name, value in sorted(scheme.params().items())},
        "results": [_with_kept(run, index, lang) for index in range(len(run.results))],
        "rollups": [rollup.to_dict() for rollup in run.rollups],
        "notes": [note.get(lang) for note in run.notes],
    }


def _with_kept(run: ScoreRun, index: int, lang: Lang) -> dict[str, Any]:
    """Result *index* as data, with its kept input columns after its identity."""
    data = run.results[index].to_dict(lang)
    if not run.kept:
        return data
    kept = {name: json_value(run.kept_value(index, name)) for name in run.kept}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "total":
            out["kept"] = kept
        out[key] = value
    return out


def render_json(run: ScoreRun, lang: Lang = "en", *, ascii_only: bool = False) -> str:
    """The output as indented JSON text ending with a newline.

    Chinese is written as it is, unless *ascii_only* (for a stream that
    cannot show it): then every non-ASCII character is a ``\\u`` escape.
    """
    return json.dumps(run_document(run, lang), ensure_ascii=ascii_only, indent=2) + "\n"
