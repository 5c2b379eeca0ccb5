"""乐山市大数据中心 2024 年度单位决算, transcribed from seed 000_c1da4880e1a4d03c.txt.

Every figure and name is kept exactly as printed, including the report's own mistakes, which
the ingestion checks are expected to find rather than hide:

* 收入决算表 20899 = 1.30 (and 2089999 = 1.30) while 208 = 16.14 needs 1.38; the 支出决算表
  and table 06 print 1.38.
* 支出决算表 基本支出 合计 = 117.86 while table 06, the narrative and 人员经费 + 公用经费 say 117.88.
* 2210201 is 住房租金支出 in the 收入决算表 but 住房公积金 in the 支出决算表 and table 06.
* 21208 / 2120899 say 国有土地使用者 in the 收入决算表 but 国有土地使用权 in the 支出决算表.
* 收入支出决算总表 skips 行次 30 and 61 (总计 is 31 / 62), as printed.

Amounts are strings as printed (万元).  Coded rows are ``(code, name, *amounts)`` with the
full 3/5/7-digit code; the 合计 row has an empty code.

What the report prints is in ``corpus/seed_data/leshan_2024.yaml`` (read by :func:`corpus.seed_data.load`);
this module holds how it is typeset.
"""

from __future__ import annotations

from corpus import seed_data

_DATA = seed_data.load("leshan_2024")
UNIT = _DATA["unit"]
YEAR = _DATA["year"]
UNIT_LINE = _DATA["unit_line"]
YEAR_LINE = _DATA["year_line"]
MONEY_UNIT = _DATA["money_unit"]
COVER_LINES = _DATA["cover_lines"]
PUBLISHED = _DATA["published"]
CONTENTS = _DATA["contents"]
NARRATIVE = _DATA["narrative"]
NOTES = _DATA["notes"]
SUMMARY_ROWS = _DATA["summary_rows"]
INCOME_ROWS = _DATA["income_rows"]
EXPENDITURE_ROWS = _DATA["expenditure_rows"]
FISCAL_SUMMARY_ROWS = _DATA["fiscal_summary_rows"]
GENERAL_BUDGET_ROWS = _DATA["general_budget_rows"]
SCHEDULE_PART = _DATA["schedule_part"]
SCHEDULE_HEADINGS = _DATA["schedule_headings"]


# 财决公开13表 财政拨款“三公”经费支出决算表: the seed prints its header band and its 注 but
# no figures, no 财决公开13表 numbering and no 单位名称 line; YEAR_LINE stands in the header band
# between 预算科目 and 决算科目 (see corpus.sichuan.three_public_table).
