"""Hostile inputs for the importer, generated (never committed as big files): shapes found by fuzzing that once
took tens of seconds. Shared by tests/importer/test_hostile.py (outcome) and bench/import_hostile.py (seconds).

Each shape is text as a clerk might paste or a broken page might give: `scale` 1 is the size measured as slow."""

from __future__ import annotations

import random
from pathlib import Path

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_578647436011cd62.txt"

# Words and labels of a report, so that the junk looks like rows and headings to the importer.
_LABELS = ["规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购",
           "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "予以公开",
           "部分公开", "不予公开", "属于国家秘密", "无法提供", "不予处理", "维持", "纠正", "尚未审结",
           "行政复议", "行政诉讼", "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量"]
_HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def _rows() -> list[str]:
    """The rows of a real report's text (the seed), for copies of them."""
    if SEED.is_file():
        return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [f"{label}\t0\t0\t0" for label in _LABELS]


def junk_lines(scale: float = 1.0) -> str:
    """Many lines of junk with digits and report labels mixed in (20,000 lines at scale 1)."""
    rnd = random.Random(1)
    out = []
    for i in range(int(20_000 * scale)):
        kind = i % 5
        if kind == 0:
            out.append(f"{rnd.choice(_LABELS)}\t{rnd.randint(0, 999)}\t{rnd.randint(0, 99)}")
        elif kind == 1:
            out.append("".join(rnd.choice("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")
                                for _ in range(rnd.randint(5, 60))))
        elif kind == 2:
            out.append(" ".join(str(rnd.randint(0, 10 ** rnd.randint(1, 8))) for _ in range(rnd.randint(1, 12))))
        elif kind == 3:
            out.append(rnd.choice(_LABELS) + rnd.choice(["", "：", "（", "情况", "数量"]) + str(rnd.randint(0, 50)))
        else:
            out.append(rnd.choice(_HEADINGS) if rnd.random() < 0.05 else rnd.choice(_LABELS))
    return "\n".join(out)


def huge_line(scale: float = 1.0) -> str:
    """One line of 200,000 tab-separated cells at scale 1, labels and figures."""
    rnd = random.Random(2)
    cells = [rnd.choice(_LABELS) if i % 3 == 0 else str(rnd.randint(0, 99)) for i in range(int(200_000 * scale))]
    return "\t".join(cells)


def repeated_headings(scale: float = 1.0) -> str:
    """The six section headings over and over, each with a little prose (20,000 lines at scale 1)."""
    out = []
    for i in range(int(10_000 * scale)):
        out.append(_HEADINGS[i % len(_HEADINGS)])
        out.append("本机关认真落实条例，全年主动公开政府信息" + str(i) + "条。")
    return "\n".join(out)


def piped_lines(scale: float = 1.0) -> str:
    """Lines of 「|」 cells, as an archived page gives a table (20,000 lines at scale 1), bare bars mixed in."""
    rnd = random.Random(3)
    out = []
    for i in range(int(20_000 * scale)):
        if i % 7 == 0:
            out.append("|")
        else:
            out.append("| " + rnd.choice(_LABELS) + " | " + " | ".join(str(rnd.randint(0, 9)) for _ in range(3)) + " |")
    return "\n".join(out)


def copied_rows(scale: float = 1.0) -> str:
    """A real report's text copied over and over (some 20,000 lines at scale 1)."""
    rows = _rows()
    return "\n".join(rows * max(1, int(20_000 * scale) // len(rows)))


SHAPES = {"junk lines": junk_lines, "one huge line": huge_line, "repeated headings": repeated_headings,
          "piped lines": piped_lines, "copied report rows": copied_rows}
