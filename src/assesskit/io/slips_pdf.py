"""Slips as a PDF: the HTML document of :mod:`assesskit.io.slips_html`, laid out by WeasyPrint.

WeasyPrint (the optional extra ``pdf``: ``pip install 'assesskit[pdf]'``)
lays out HTML and CSS with Pango and writes PDF; it honours ``@page`` and
page breaks, so a person's slip is a printed page. Chinese needs a font with
Chinese characters: without one WeasyPrint writes unreadable glyphs and
says nothing, so :func:`cjk_font_missing` asks fontconfig (``fc-list
:lang=zh``) first and the command warns.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from typing import Any

__all__ = ["PdfUnavailableError", "cjk_font_missing", "html_to_pdf"]

#: The install hint of the extra.
EXTRA_HINT = "install the extra: pip install 'assesskit[pdf]'"


class PdfUnavailableError(Exception):
    """WeasyPrint cannot be imported (not installed, or its Pango libraries are missing)."""


def _weasyprint() -> Any:
    try:
        with warnings.catch_warnings():
            # WeasyPrint 70 announces on import that a later version will need
            # HarfBuzz-Subset; this one subsets fonts with fontTools, nothing to do.
            warnings.filterwarnings("ignore", message="HarfBuzz-Subset")
            import weasyprint  # an optional extra, imported when a PDF is asked for
    except ImportError:
        raise PdfUnavailableError(f"writing PDF needs WeasyPrint; {EXTRA_HINT}") from None
    except OSError as exc:  # WeasyPrint found, its Pango/GObject libraries not
        raise PdfUnavailableError(
            f"WeasyPrint cannot load its libraries (Pango): {exc}; see "
            "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"
        ) from None
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    """The PDF of the HTML document *html* (no external resource is fetched)."""
    weasyprint = _weasyprint()

    def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"slips fetch nothing: {url}")

    document = weasyprint.HTML(string=html, url_fetcher=refuse)
    data: bytes = document.write_pdf()
    return data


def cjk_font_missing() -> bool | None:
    """Whether fontconfig knows no font with Chinese characters (``None``: cannot tell,
    no ``fc-list``)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        found = subprocess.run(  # a fixed command, no shell
            [fc_list, ":lang=zh", "family"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return not found.stdout.strip()
