"""A published report without its title line (the body copied alone, the title an image): `--agency` and `--year`
complete it, and win over a title that says otherwise (with a note); the prose's year is only ever suggested."""

from __future__ import annotations

import json

import main
from importer import INFO, WARNING, import_text
from report import exchange

from ..conftest import FIXTURES, SHARED
from . import render, samples

SEED_TEXT = SHARED / "seeds" / "000_578647436011cd62.txt"
SEED_AGENCY = "西工区退役军人事务局"


def seed_body() -> str:
    text = SEED_TEXT.read_text(encoding="utf-8")
    return text[text.index("## 一、总体情况"):]


def fixture() -> dict:
    return json.loads((FIXTURES / "seed_2020_xigong.json").read_text(encoding="utf-8"))


def _without_stamps(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in ("exported_at", "generator")}


def test_without_title_the_prose_year_is_suggested_not_taken():
    result = import_text(seed_body())
    assert result.report is None and result.missing == ("agency", "year") and result.title_only
    assert result.year_hint == 2020  # 「2020年，退役军人事务局…」
    [year_note] = [n for n in result.errors if "无法确定报告年度" in n.message]
    assert "2020" in year_note.message and "核对" in year_note.message


def test_given_agency_and_year_complete_a_missing_title():
    result = import_text(seed_body(), agency=SEED_AGENCY, year=2020)
    assert result.report is not None and not result.errors
    assert exchange.to_dict(result.report) == fixture()
    said = [n for n in result.notes if "没有报告标题" in n.message]
    assert {n.level for n in said} == {INFO} and len(said) == 2


def test_other_errors_are_not_hidden_behind_the_missing_title():
    body = seed_body().replace("行政处罚\t", "某某神秘事项\t")
    result = import_text(body)
    assert result.missing == ("agency", "year") and not result.title_only  # asking would not be enough


def test_options_win_over_the_title_with_a_note():
    report = samples.full("2021", 2022)
    result = import_text(render.web_text(report), agency="某某市某某区财政局（本级）", year=2023)
    assert (result.report.agency, result.report.year) == ("某某市某某区财政局（本级）", 2023)
    [year_note] = [n for n in result.notes if "标题中的年度是 2022 年" in n.message]
    assert year_note.level == WARNING and "2023" in year_note.message
    assert any(n.level == INFO and f"「{report.agency}」" in n.message for n in result.notes)
    # The same values as the title: nothing to say.
    assert import_text(render.web_text(report), agency=report.agency, year=2022).clean


def test_cli_without_title_exits_2_and_says_which_options(tmp_path, capsys):
    source = tmp_path / "正文.txt"
    source.write_text(seed_body(), encoding="utf-8")
    out = tmp_path / "report.json"
    assert main.main(["import", str(source), "--to", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--agency" in err and "--year" in err and "2020" in err and "未写出任何文件" in err
    assert not out.exists()
    # Only the year given: the agency is still asked for, and only it.
    assert main.main(["import", str(source), "--to", str(out), "--year", "2020"]) == 2
    err = capsys.readouterr().err
    assert "--agency" in err and "--year 年度" not in err


def test_cli_with_agency_and_year_writes_the_report(tmp_path, capsys):
    source = tmp_path / "正文.txt"
    source.write_text(seed_body(), encoding="utf-8")
    out = tmp_path / "report.json"
    code = main.main(["import", str(source), "--to", str(out), "--agency", SEED_AGENCY, "--year", "2020"])
    assert code == 1  # the seed's blanks are findings
    assert f"已导入「{SEED_AGENCY}」2020 年度报告" in capsys.readouterr().out
    assert _without_stamps(json.loads(out.read_text(encoding="utf-8"))) == fixture()


def test_cli_year_differing_from_the_title_wins_and_is_said(tmp_path, capsys):
    report = samples.full("2021", 2022)
    source = tmp_path / "年报.txt"
    source.write_text(render.web_text(report), encoding="utf-8")
    out = tmp_path / "report.json"
    assert main.main(["import", str(source), "--to", str(out), "--year", "2023"]) == 1
    assert "标题中的年度是 2022 年" in capsys.readouterr().out
    assert exchange.read(out).year == 2023


def test_cli_bad_options_exit_2(tmp_path, capsys):
    source = tmp_path / "年报.txt"
    source.write_text(seed_body(), encoding="utf-8")
    out = tmp_path / "report.json"
    assert main.main(["import", str(source), "--to", str(out), "--agency", SEED_AGENCY, "--year", "1999"]) == 2
    assert "--year" in capsys.readouterr().err
    assert main.main(["import", str(source), "--to", str(out), "--agency", "  ", "--year", "2020"]) == 2
    assert "机关名称" in capsys.readouterr().err
    assert not out.exists()


def test_a_title_without_a_year_gives_the_agency_and_asks_only_for_the_year():
    for title in (f"{SEED_AGENCY}政府信息公开工作年度报告", f"{SEED_AGENCY}\n\n政府信息公开工作年度报告"):
        result = import_text(f"{title}\n\n{seed_body()}")
        assert result.report is None and result.missing == ("year",) and result.title_only, title
        assert result.year_hint == 2020
        result = import_text(f"{title}\n\n{seed_body()}", year=2020)
        assert result.report is not None and not result.errors, title
        assert exchange.to_dict(result.report) == fixture()  # the title is not read as a paragraph of 一
        said = [n.message for n in result.notes if "年度导入" in n.message]
        assert said == ["报告标题中没有年度，报告年度按指定的 2020 年度导入"]


def test_a_sentence_naming_the_report_is_not_a_title():
    sentence = "现将本机关政府信息公开工作年度报告"  # ends like a title, but has no agency of its own
    for text in ("本机关编制了政府信息公开工作年度报告", "根据条例，现公布如下：政府信息公开工作年度报告"):
        result = import_text(f"{text}\n\n{seed_body()}")
        assert result.missing == ("agency", "year"), text
    from importer.title import find_title

    assert find_title(sentence) is None
    assert find_title("某某市某某区财政局（本级）政府信息公开工作年度报告") == ("某某市某某区财政局（本级）", None)
    assert find_title("某某县某某镇人民政府政务公开工作年度报告") == ("某某县某某镇人民政府", None)
    assert find_title("2020年政府信息公开工作年度报告") is None
    assert find_title("政府信息公开工作年度报告") is None
    # A bracket of the name itself stays; one around the whole title goes.
    assert find_title("某某市某某区财政局（本级）2022年政府信息公开工作年度报告") == ("某某市某某区财政局（本级）", 2022)
    assert find_title("（某某区司法局2022年政府信息公开工作年度报告）") == ("某某区司法局", 2022)


def test_a_title_with_an_invisible_control_character_is_not_taken_as_the_agency():
    """A right-to-left override (U+202E) in the title's agency would reverse every title made from it: the
    name is asked for, as when there is no title, with the reason; given, it is used with a note."""
    report = samples.full("2021", 2022)
    text = render.web_text(report).replace(report.agency, report.agency[:2] + "\u202e" + report.agency[2:], 1)
    result = import_text(text)
    assert result.report is None and result.missing == ("agency",) and result.title_only
    [note] = [n for n in result.errors if "U+202E" in n.message]
    assert "不可见的控制字符" in note.message and "\u202e" not in note.message
    given = import_text(text, agency=report.agency)
    assert given.report is not None and given.report.agency == report.agency and not given.errors
    assert any(n.level == INFO and "U+202E" in n.message for n in given.notes)
