"""Slips as one self-contained, printable HTML document: one page per person.

Everything is inline (the style sheet in a ``<style>`` element, no image,
font or script fetched from anywhere), every text is escaped, and each slip
is a ``<section>`` that ends its printed page (``break-after: page``), on an
A4 ``@page``. The same document is what :mod:`assesskit.io.slips_pdf`
turns into a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from assesskit.io.slips import Slip, SlipLine
from assesskit.text import Lang

__all__ = ["CJK_FONTS", "slips_html"]

#: Fonts with Chinese characters, tried in order before the generic family.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimSun",
)

_STYLE = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: %(fonts)s; font-size: 10.5pt; color: #111; margin: 0; }
section.slip { break-after: page; page-break-after: always; }
section.slip:last-of-type { break-after: auto; page-break-after: auto; }
h1 { font-size: 14pt; margin: 0 0 2mm 0; }
h2 { font-size: 11pt; margin: 5mm 0 1.5mm 0; border-bottom: 0.4pt solid #888; }
p.who { font-size: 12pt; margin: 0 0 3mm 0; }
table { border-collapse: collapse; width: 100%%; }
th, td { border: 0.4pt solid #999; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; }
p.how { font-size: 8.5pt; color: #444; margin: 0.6mm 0 0 0; }
ul { margin: 1mm 0; padding-left: 5mm; }
li.veto { color: #a00; }
footer { margin-top: 6mm; font-size: 8pt; color: #555; }
"""

_WORDS = {
    "component": ("component", "考核项"),
    "points": ("points", "得分"),
    "max": ("out of", "满分"),
    "total": ("total", "总分"),
    "band": ("band", "档次"),
    "vetoes": ("vetoes", "一票否决"),
    "outcomes": ("pay and other outcomes", "工资及其他结果"),
    "outcome": ("outcome", "项目"),
    "value": ("value", "金额或结果"),
    "improve": ("what to improve to reach the next band", "如何提高到上一档次"),
    "notes": ("notes", "说明"),
    "entity": ("entity", "编号"),
    "period": ("period", "考核期"),
    "stage": ("stage", "阶段"),
    "title": ("slips", "考核结果单"),
}


def _word(key: str, lang: Lang) -> str:
    en, zh = _WORDS[key]
    return zh if lang != "en" else en


def _cell(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<td{cls}>{escape(text)}</td>"


def _components(slip: Slip) -> list[str]:
    lang = slip.lang
    head = (
        f'<tr><th>{_word("component", lang)}</th><th class="num">{_word("points", lang)}</th>'
        f'<th class="num">{_word("max", lang)}</th></tr>'
    )
    rows = [
        f"<tr>{_cell(row.label)}{_cell(row.value, 'num')}{_cell(row.detail, 'num')}</tr>"
        for row in slip.components
    ]
    total = (
        f'<tr class="total"><td>{_word("total", lang)}</td>'
        f'<td class="num">{escape(slip.total)}</td><td class="num">100</td></tr>'
    )
    out = ["<table>", head, *rows, total, "</table>"]
    if slip.band:
        sep = ":" if lang != "en" else ": "
        out.append(f'<p class="band">{_word("band", lang)}{sep}{escape(slip.band)}</p>')
    return out


def _outcomes(lines: Sequence[SlipLine], lang: Lang) -> list[str]:
    if not lines:
        return []
    out = [
        f"<h2>{_word('outcomes', lang)}</h2>",
        "<table>",
        f'<tr><th>{_word("outcome", lang)}</th><th class="num">{_word("value", lang)}</th></tr>',
    ]
    for line in lines:
        how = f'<p class="how">{escape(line.detail)}</p>' if line.detail else ""
        out.append(f"<tr><td>{escape(line.label)}{how}</td>{_cell(line.value, 'num')}</tr>")
    out.append("</table>")
    return out


def _items(title: str, items: Sequence[str], css: str = "") -> list[str]:
    if not items:
        return []
    cls = f' class="{css}"' if css else ""
    return [f"<h2>{title}</h2>", "<ul>", *(f"<li{cls}>{escape(i)}</li>" for i in items), "</ul>"]


def _slip(slip: Slip) -> str:
    lang = slip.lang
    sep = ":" if lang != "en" else ": "
    facts = [
        f"{_word('entity', lang)}{sep}{slip.entity}",
        f"{_word('period', lang)}{sep}{slip.period}",
    ]
    if slip.stage:
        facts.append(f"{_word('stage', lang)}{sep}{slip.stage}")
    parts = [
        '<section class="slip">',
        f"<h1>{escape(slip.title)}</h1>",
        f'<p class="who"><strong class="name">{escape(slip.name or slip.entity)}</strong> · '
        f"{escape(' · '.join(facts))}</p>",
        *_components(slip),
        *_items(_word("vetoes", lang), slip.vetoes, "veto"),
        *_outcomes(slip.outcomes, lang),
        *_items(_word("improve", lang), slip.improve),
        *_items(_word("notes", lang), slip.notes),
        "</section>",
    ]
    return "\n".join(parts)


def slips_html(slips: Sequence[Slip], lang: Lang, title: str) -> str:
    """The slips as one HTML document (UTF-8), one printed page per slip."""
    fonts = ", ".join(f'"{f}"' for f in CJK_FONTS) + ", sans-serif"
    style = _STYLE % {"fonts": fonts}
    html_lang = {"en": "en", "zh": "zh-CN"}.get(lang, "zh-Hant")
    heading = f"{title} · {_word('title', lang)}"
    body = "\n".join(_slip(s) for s in slips)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(heading)}</title>\n<style>{style}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
