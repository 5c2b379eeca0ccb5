"""乐山市大数据中心 2024: the 14 部门预算项目支出绩效自评表 of 第四部分 附件 (seed 000).

Transcribed from 000_c1da4880e1a4d03c.txt (lines ~236-813); :func:`draw_leshan_sheets` draws
them with :mod:`corpus.sichuan_sheets`.  Every figure and text is as printed, the report's
own slips included, which the ingestion checks must report rather than hide:

* 一网通办: 执行率 6.45% in the table, 32.24% in the 评价结论; 合计 得分 printed ``## ###``
  (a spreadsheet's overflow marks); 155.099998 printed in a cell too narrow for it.
* 乐智游: 合计 95 / 90 while its weights add up to 95 and its scores to 87.
* 满意度 weighted 100 (数据共享交换平台, 数字政府重点项目), 数字政府综合 weights adding up to 75,
  ``65`` 天 for a 365-day hotline, 9039 in one text and 9040 in another.

The seed's conversion artefacts are undone: HTML (``<p>``, ``<ol>``) and LaTeX (``\\geq``)
markers, letter-spaced OCR text (``数 量 指 标``), shifted cells, rows and texts cut by page
breaks, and paragraphs split mid-word (``工</p> <p>作``).  Several pages were left-clipped in
the conversion, cells losing their first character (``重`` for 权重, ``算执行情况`` for
预算执行情况, ``前归集`` for 目前归集; on the 政府网站检测 and 网络中心 pages ``0`` for 10,
``00`` for 100, ``钟`` for 分钟): where the missing character is certain it is restored.  What
the seed lost outright stays blank: the 网络中心 sheet's weights, units and signs, the middle
of one of its indicator names (``网`` … ``支撑``), the 一级指标 of two sheets.

What the report prints is in ``corpus/seed_data/leshan_2024_sheets.yaml`` (read by :func:`corpus.seed_data.load`);
this module holds how it is typeset.
"""

from __future__ import annotations

from corpus import seed_data
from corpus.render import Document
from corpus.sichuan_sheets import Layout, Sheet, draw_sheets

_DATA = seed_data.load("leshan_2024_sheets", Layout, Sheet)
SHEETS = _DATA["sheets"]


def draw_leshan_sheets(doc: Document, part_title: bool = True) -> list[int]:
    """Draw 第四部分 附件 (附件 1 and the 14 sheets) from a fresh page; returns each sheet's first page.

    Pass ``part_title=False`` when the narrative has already printed the 第四部分 附件 heading.
    """
    doc.new_page()
    if part_title:
        doc.line("第四部分 附件", 16, "c", leading=2.4)
    doc.line("附件 1", 13, "l", leading=2.0)
    return draw_sheets(doc, SHEETS, first_on_current_page=True)
