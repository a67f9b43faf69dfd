"""``assesskit slips``: one printable page per person, HTML and PDF (issue 15, point 6).

Values by hand (shared/specs/microloan.md, plugins/assesskit-microloan/examples/README.md):

- LO-003 张伟 2026-09: 74.73, pay 6150 × 74.73 / 100 = 4595.895 → 4595.90; no bands, so
  25.27 points below full marks; room to gain: discipline 10 − 0 = 10, overdue
  10 − 2 = 8, business income 60 − 52.73 = 7.27.
- CS-002 曹颖 2026-09 (cashier): 57.50, band low (below 60); the next band, reduced, starts at
  60: 2.5 points more; pay 5000 × 0.6 = 3000.00; dismissal (totals 60, 55, 57.50).
- 18 loan officers have a 2026-09 row in loan-officer.csv.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import LOAN_OFFICERS, MICROLOAN, needs

Cli = Callable[..., Outcome]
OFFICER = "microloan.loan-officer"
SEPTEMBER_OFFICERS = 18


class Slips(HTMLParser):
    """The text of each ``<section class="slip">``, and of its name, total row and list items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pages: list[dict[str, list[str]]] = []
        self.open: list[tuple[str, str]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        css = dict(attrs).get("class") or ""
        if tag == "section" and css == "slip":
            self.pages.append({"text": [], "name": [], "total": [], "li": [], "how": []})
        self.open.append((tag, css))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.pages or not data.strip():
            return
        page = self.pages[-1]
        page["text"].append(data.strip())
        classes = {css for _, css in self.open}
        tags = {tag for tag, _ in self.open}
        if "name" in classes:
            page["name"].append(data)
        if "total" in classes:
            page["total"].append(data.strip())
        if "li" in tags:
            page["li"].append(data)
        if "how" in classes:
            page["how"].append(data)


def slips(cli: Cli, *args: str) -> Outcome:
    outcome = cli("slips", *args)
    assert outcome.code == 0, outcome.err
    return outcome


def read(path: Path) -> Slips:
    parser = Slips()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_one_page_per_person_in_english(cli: Cli, tmp_path: Path) -> None:
    needs(OFFICER)
    out = tmp_path / "slips.html"
    done = slips(cli, OFFICER, str(LOAN_OFFICERS), "--period", "2026-09", "-o", str(out))
    assert f"{SEPTEMBER_OFFICERS} slips written to {out}" in done.err
    document = read(out)
    assert len(document.pages) == SEPTEMBER_OFFICERS
    page = next(p for p in document.pages if p["name"] == ["张伟"])
    assert page["total"] == ["total", "74.73", "100"]
    assert "· entity: LO-003 · period: 2026-09" in page["text"]
    assert "4595.90" in page["text"]
    assert "6150 × 74.73 / 100 = 4595.895 → 4595.90 (rounded half-up to the fen)" in page["how"]
    assert page["li"] == [
        "25.27 points below full marks (the scheme has no bands)",
        "discipline and post-loan management: 10 points to gain (0 of 10)",
        "overdue loans: 8 points to gain (2 of 10)",
        "business income: 7.27 points to gain (52.73 of 60)",
    ]
    # self-contained and printable: one page per section, nothing fetched
    text = out.read_text(encoding="utf-8")
    assert "@page" in text
    assert "break-after: page" in text
    assert document.tags.isdisjoint({"link", "script", "img", "iframe", "object"})
    assert "http" not in text.lower()


def test_the_next_band_in_chinese(cli: Cli, tmp_path: Path) -> None:
    needs("microloan.cashier")
    out = tmp_path / "slips.html"
    path = str(MICROLOAN / "cashier.csv")
    slips(cli, "microloan.cashier", path, "--entity", "曹颖", "--lang", "zh", "-o", str(out))
    document = read(out)
    assert [p["name"] for p in document.pages] == [["曹颖"]] * 3  # three months
    september = document.pages[2]
    assert "· 编号:CS-002 · 考核期:2026-09" in september["text"]
    assert september["total"] == ["总分", "57.50", "100"]
    assert september["li"][0].startswith("再得 2.5 分可达到上一档次“")
    assert september["li"][0].endswith("”(60 分起)")
    assert "5000 × 0.6 = 3000.00" in september["how"]
    assert "3000.00" in september["text"]
    assert "是" in september["text"]  # dismissal
    assert 'lang="zh-CN"' in out.read_text(encoding="utf-8")


def test_names_are_escaped(cli: Cli, tmp_path: Path) -> None:
    needs(OFFICER)
    rows = tmp_path / "in.csv"
    rows.write_text(
        "entity_id,name,period,business_income,loan_loss_rate,overdue_ratio,"
        "discipline_score,standard_salary\n"
        'A,"<b>Tom & ""Jerry""</b>",2026-09,87875,0,0.1329,55,6150\n',
        encoding="utf-8",
    )
    out = tmp_path / "slips.html"
    slips(cli, OFFICER, str(rows), "-o", str(out))
    assert read(out).pages[0]["name"] == ['<b>Tom & "Jerry"</b>']
    assert "<b>Tom" not in out.read_text(encoding="utf-8")


def test_an_output_it_does_not_write_is_a_user_error(cli: Cli, tmp_path: Path) -> None:
    needs(OFFICER)
    out = tmp_path / "slips.docx"
    outcome = cli("slips", OFFICER, str(LOAN_OFFICERS), "-o", str(out))
    assert outcome.code == 2
    assert "slips are written as .html or .pdf, not .docx" in outcome.err
    assert "Traceback" not in outcome.err
    assert not out.exists()
    unknown = cli("slips", OFFICER, str(LOAN_OFFICERS), "--entity", "nobody", "-o", "x.html")
    assert unknown.code == 2
    assert "no record of entity 'nobody' in the input" in unknown.err


def test_pdf_without_the_extra_is_a_user_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs(OFFICER)
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)  # cannot be imported
    out = tmp_path / "slips.pdf"
    outcome = cli("slips", OFFICER, str(LOAN_OFFICERS), "--entity", "LO-003", "-o", str(out))
    assert outcome.code == 2
    assert "writing PDF needs WeasyPrint; install the extra: pip install 'assesskit[pdf]'" in (
        outcome.err
    )
    assert "Traceback" not in outcome.err
    assert not out.exists()


def _cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def _pdf_ready() -> None:
    pytest.importorskip("weasyprint", reason="the pdf extra (WeasyPrint) is not installed")
    pytest.importorskip("pypdf", reason="pypdf, which reads the PDF back, is not installed")
    if not _cjk_font():
        pytest.skip("no font with Chinese characters (fc-list :lang=zh is empty)")


@pytest.mark.parametrize(
    ("lang", "total", "pay"),
    [("en", "total 74.73 100", "4595.90"), ("zh", "总分 74.73 100", "4595.90")],
)
def test_pdf_has_a_page_per_person(
    cli: Cli, tmp_path: Path, lang: str, total: str, pay: str
) -> None:
    needs(OFFICER)
    _pdf_ready()
    import pypdf

    out = tmp_path / "slips.pdf"
    # three people of September (a PDF page costs about 0.25 s; the HTML tests take them all)
    people = ("--entity", "王芳", "--entity", "LO-003", "--entity", "LO-002")
    args = (*people, "--period", "2026-09", "--lang", lang, "-o", str(out))
    slips(cli, OFFICER, str(LOAN_OFFICERS), *args)
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 3
    pages = [page.extract_text() for page in reader.pages]
    zhang = next(text for text in pages if "张伟" in text)
    assert "LO-003" in zhang
    assert total in zhang
    assert pay in zhang
    assert sum("王芳" in text for text in pages) == 1


def test_pdf_warns_when_chinese_cannot_render(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs(OFFICER)
    pytest.importorskip("weasyprint", reason="the pdf extra (WeasyPrint) is not installed")
    monkeypatch.setattr("assesskit.cli.slips.cjk_font_missing", lambda: True)
    out = tmp_path / "slips.pdf"
    args = ("--entity", "LO-003", "--period", "2026-09", "--lang", "zh", "-o", str(out))
    outcome = cli("slips", OFFICER, str(LOAN_OFFICERS), *args)
    assert outcome.code == 0, outcome.err
    assert "warning: no font with Chinese characters was found" in outcome.err
    assert "Chinese in the PDF will not render" in outcome.err
    assert out.read_bytes().startswith(b"%PDF-")
