"""四川省大数据技术服务中心 2023 年度单位决算, transcribed from seed 004_07b9a714efa061d4.txt.

The report is the narrative, the 名词解释 and 18 部门预算项目支出绩效自评表 in 第四部分 附件.
Its 目录 names thirteen 附表 and 第五部分 附表 lists twelve of them, but no table is printed:
the PDF keeps exactly that (a list, no tables).  The charts (图 1 … 图 6) are not in the seed,
only their captions, so only the captions are printed.

Every figure and text is as printed, the report's own slips included, e.g.:

* 项目支出 55.85 + 基本支出 84.05 + 经营支出 1854.98 = 1994.88 while 本年收入合计 is 766.53.
* 四川天府健康同文旅管理平台 (sic), two indicators both named 一年快速通行人数 and two named
  同城化数据价值, 0.00% executed while the conclusion speaks of a 预算执行率低.
* Several sheets leave 得分 and 合计 blank, or keep the template's hints (（100字以内）…).

Conversion artefacts of the seed are undone: HTML/markdown markers, shifted cells, cells
split by a page break (``2. 项目实施内\\n\\n容及过程概述``) and spaces that mark line breaks.
Run ``python -m corpus.sichuan_province_2023 OUT_DIR`` to write the PDF.

What the report prints is in ``corpus/seed_data/sichuan_province_2023.yaml`` (read by :func:`corpus.seed_data.load`);
this module holds how it is typeset.
"""

from __future__ import annotations

import sys
from pathlib import Path

from corpus import seed_data
from corpus.render import Document
from corpus.sichuan_sheets import Layout, Sheet, draw_sheets

FILE_NAME = "sichuan_province_2023_unit_final_accounts.pdf"

_DATA = seed_data.load("sichuan_province_2023", Layout, Sheet)
UNIT = _DATA["unit"]
YEAR = _DATA["year"]
COVER_LINES = _DATA["cover_lines"]
PUBLISHED = _DATA["published"]
CONTENTS = _DATA["contents"]
NARRATIVE = _DATA["narrative"]
SCHEDULE_LIST = _DATA["schedule_list"]
TITLE_SPACED = _DATA["title_spaced"]
SHEETS = _DATA["sheets"]


# --------------------------------------------------------------------------- build

BODY_SIZE = 11


def _cover(doc: Document) -> None:
    doc.skip(200)
    for text in COVER_LINES:
        doc.line(text, 24, "c", leading=2.2)


def _contents(doc: Document) -> None:
    doc.new_page()
    doc.line("目录", 18, "c", leading=2.0)
    doc.line(PUBLISHED, BODY_SIZE, "c", leading=2.2)
    for text, level in CONTENTS:
        doc.paragraph(text, BODY_SIZE, indent=2 * level, leading=1.7, after=0)


def _narrative(doc: Document) -> None:
    for kind, text in NARRATIVE:
        if kind == "part":
            # Each 部分 starts a page, as in the printed report.
            doc.new_page()
            doc.line(text, 16, "c", leading=2.4)
        elif kind == "section":
            doc.skip(4)
            doc.line(text, 13, "l", leading=1.9)
        elif kind == "subsection":
            doc.line(text, BODY_SIZE, "l", leading=1.8)
        elif kind == "figure":
            # The chart itself is not in the seed; its caption is.
            doc.line(text, 10, "c", leading=2.2)
        else:
            doc.paragraph(text, BODY_SIZE)


def _annex(doc: Document) -> list[int]:
    doc.new_page()
    doc.line("第四部分 附件", 16, "c", leading=2.4)
    # The annex repeats the sheet title as its own heading before the first sheet.
    doc.line(TITLE_SPACED, 13, "l", leading=2.0)
    return draw_sheets(doc, SHEETS, first_on_current_page=True)


def _schedules(doc: Document) -> None:
    doc.new_page()
    doc.line("第五部分 附表", 16, "c", leading=2.4)
    for text in SCHEDULE_LIST:
        doc.paragraph(text, BODY_SIZE, indent=2, leading=1.8, after=0)


def build_sichuan_province(path: str | Path) -> Path:
    """Typeset the 四川省大数据技术服务中心 2023 单位决算 to ``path`` and return it."""
    path = Path(path)
    doc = Document(str(path), title=f"{YEAR} 年度{UNIT}单位决算", author=UNIT)
    _cover(doc)
    _contents(doc)
    _narrative(doc)
    _annex(doc)
    _schedules(doc)
    doc.close()
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m corpus.sichuan_province_2023 OUT_DIR", file=sys.stderr)
        return 2
    out_dir = Path(args[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    print(build_sichuan_province(out_dir / FILE_NAME))
    return 0


if __name__ == "__main__":
    sys.exit(main())
