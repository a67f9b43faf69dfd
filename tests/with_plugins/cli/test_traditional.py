"""``zh-Hant``: the simplified texts converted to traditional characters as they are output,
the user's own data kept as written; without OpenCC a clear usage error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.cli.conftest import Outcome
from tests.with_plugins.shipped import LOAN_OFFICERS, MICROLOAN, needs

from assesskit import chinese
from assesskit.cli.common import default_lang
from assesskit.describe import render_description
from assesskit.plugins import get_scheme
from assesskit.text import Text

pytest.importorskip("opencc", reason="the zh extra (OpenCC) is not installed")

Cli = Callable[..., Outcome]


@pytest.fixture
def no_opencc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """OpenCC as if it were not installed."""
    monkeypatch.setattr(chinese, "_converter", lambda: None)
    chinese.traditional.cache_clear()
    yield
    chinese.traditional.cache_clear()


def test_a_label_comes_out_traditional(cli: Cli) -> None:
    needs("microloan.loan-officer")
    args = [str(LOAN_OFFICERS), "--entity", "王芳", "--period", "2026-09"]
    hant = cli("explain", "microloan.loan-officer", *args, "--lang", "zh-Hant")
    hans = cli("explain", "microloan.loan-officer", *args, "--lang", "zh")
    assert hant.code == hans.code == 0, hant.err
    assert "  勞動紀律和貸後管理 [10 / 10]: 勞動紀律評分 92:80 <= 92 → 10" in hant.out
    assert "  劳动纪律和贷后管理 [10 / 10]: 劳动纪律评分 92:80 <= 92 → 10" in hans.out
    assert "  獎金狀態: 可發放" in hant.out  # a status by its word, in the script asked for
    assert "  獎金發放月: 2026-10" in hant.out  # not 獎金髮放 (OpenCC's 金发)
    assert "小額貸款公司績效考核" in hant.out  # 考核 in the Taiwan standard, not 考覈


def test_names_in_the_data_stay_as_written(cli: Cli) -> None:
    needs("microloan.risk-officer")
    table = cli(
        "score",
        "microloan.risk-officer",
        str(MICROLOAN / "risk-officer.csv"),
        "--format",
        "table",
        "--lang",
        "zh-Hant",
    )
    assert table.code == 0, table.err
    assert "于洋" in table.out  # a surname, not the simplified 於
    assert "於洋" not in table.out
    assert "總分" in table.out


def test_workbook_headers_and_values_in_traditional(cli: Cli, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    needs("microloan.loan-officer")
    out = tmp_path / "results.xlsx"
    args = ["score", "microloan.loan-officer", str(LOAN_OFFICERS), "--columns", "all"]
    assert cli(*args, "--lang", "zh-Hant", "-o", str(out)).code == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["結果", "說明"]
    rows = list(book["結果"].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:4] == ["對象", "考核期", "name", "總分"]
    status = header.index("獎金狀態")
    withheld = next(r for r in rows[1:] if r[0] == "LO-016" and r[1] == "2026-08")
    assert withheld[status] == "暫停發放"
    assert withheld[header.index("name")] == "林霞"


def test_without_opencc_zh_hant_is_a_usage_error(cli: Cli, no_opencc: None) -> None:
    needs("microloan.loan-officer")
    outcome = cli("show", "microloan.loan-officer", "--lang", "zh-Hant")
    assert outcome.code == 2
    assert "pip install 'assesskit[zh]'" in outcome.err
    assert "Traceback" not in outcome.err
    assert outcome.out == ""
    # Simplified Chinese needs no converter.
    assert cli("show", "microloan.loan-officer", "--lang", "zh").code == 0


def test_without_opencc_the_api_says_what_to_install(no_opencc: None) -> None:
    with pytest.raises(chinese.MissingConverterError, match=r"assesskit\[zh\]"):
        Text("discipline", "劳动纪律").get("zh-Hant")


def test_a_taiwan_or_hong_kong_locale_reads_traditional(no_opencc: None) -> None:
    # Without OpenCC the locale cannot ask for what cannot be written: simplified.
    assert default_lang({"LANG": "zh_TW.UTF-8"}) == "zh"


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        ("zh_TW.UTF-8", "zh-Hant"),
        ("zh_HK.UTF-8", "zh-Hant"),
        ("zh_MO", "zh-Hant"),
        ("zh_Hant_TW.UTF-8", "zh-Hant"),
        ("zh_CN.UTF-8", "zh"),
        ("zh_SG.UTF-8", "zh"),
        ("en_US.UTF-8", "en"),
    ],
)
def test_the_locale_chooses_the_script(locale: str, lang: str) -> None:
    assert default_lang({"LANG": locale}) == lang


def test_languages_are_checked_in_the_api_and_the_cli(cli: Cli) -> None:
    needs("microloan.loan-officer")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        Text("discipline", "劳动纪律").get("fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        render_description(get_scheme("microloan.loan-officer"), "fr")  # type: ignore[arg-type]
    outcome = cli("show", "microloan.loan-officer", "--lang", "fr")
    assert outcome.code == 2
    assert "zh-Hant" in outcome.err  # the choices


def test_score_frame_checks_its_language() -> None:
    pd = pytest.importorskip("pandas")
    needs("microloan.loan-officer")
    from assesskit.frames import score_frame

    frame = pd.read_csv(LOAN_OFFICERS, dtype=str)
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        score_frame("microloan.loan-officer", frame, lang="fr")  # type: ignore[arg-type]


def test_the_arithmetic_and_the_slips_come_out_traditional(cli: Cli, tmp_path: Path) -> None:
    """explain's arithmetic and the slips are composed in simplified, then converted."""
    needs("microloan.loan-officer")
    args = [str(LOAN_OFFICERS), "--period", "2026-09", "--lang", "zh-Hant"]
    explained = cli("explain", "microloan.loan-officer", *args, "--entity", "王芳")
    assert explained.code == 0, explained.err
    assert "  計算過程:" in explained.out
    assert "    獎金 = 0.03 × 較大值(0, 127775 − 100000) = 833.25" in explained.out
    assert "        2026-07(總分 100.00):勞動紀律評分 97 <= 60:否" in explained.out
    page = tmp_path / "slips.html"
    assert cli("slips", "microloan.loan-officer", *args, "-o", str(page)).code == 0
    html = page.read_text(encoding="utf-8")
    assert '<html lang="zh-Hant">' in html
    assert "總分" in html
    assert "总分" not in html
    assert "王芳" in html  # a name is data: as written
