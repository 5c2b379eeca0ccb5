"""Layout traits: the same ledger typeset with one layout choice at a time.

A :class:`Layout` overrides one choice of the family a unit belongs to (code columns, header
bands, ruling, orientation, continuation, money unit, zeros, 行次, column order, wrapped
headers, mixed fonts) while the content stays the same: one unit, year and seed give one
ledger, one narrative and one set of printed figures whatever the trait.  ``plain`` is the
family's own layout and the reference the others are compared with.

    from corpus import traits
    comp = traits.compose_trait("ruling_segments")
    synthetic.render_pdf(comp, "out/ruling_segments.pdf")

Every ledger value is a whole number of hundredths of 万元, i.e. whole hundreds of 元, so the
万元, 元 (two decimals) and whole-元 printings state exactly the same amounts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from corpus import synthetic

# The document every trait typesets: a Shandong-family unit (one 科目代码 column, 公开NN表,
# 0.00 zeros, 行次 columns, portrait pages), small enough for ~15 pages.
BASE_SEED = 1
BASE_UNITS = 250
BASE_UNIT_INDEX = 2
BASE_YEAR = 2024

LATIN_FONT = "Times-Roman"
# The digits' baseline sits this fraction of the font size below the Chinese text's: their pdfplumber
# ``top`` then differs by > 3 pt from 8 pt table cells up (~4.5 pt in 11 pt running text), as Times New
# Roman digits beside FangSong do in the real reports.
DIGIT_SHIFT = 0.46


@dataclass(frozen=True)
class Layout:
    """One trait; every field left at its default keeps the family's choice."""

    name: str
    what: str
    code_mode: str | None = None  # single | split | split_new | code_name | indent (synthetic.code_mode)
    labels_in_total: bool = False  # 类 | 款 | 项 printed in the 合计 row under one 科目编码 band
    ruling: str = "full"  # full | none | segments (render.Table.ruling)
    landscape: bool | None = None  # every table on landscape (True) or portrait (False) pages
    continuation: str = "repeat"  # repeat: header repeated | bare: no header | xubiao: 续表 line and header
    money: str = "wan"  # wan: 万元 2 decimals | yuan: 元 2 decimals | yuan_whole: whole 元
    zero: str | None = None  # blank | zero (0.00) | dash (-)
    line_numbers: bool | None = None  # 行次 columns of the summary tables
    reorder: bool = False  # amount columns of the coded tables in reverse order
    wrap_headers: bool = False  # header cells broken over two lines
    digits: tuple[str, float] | None = None  # (Latin font, baseline shift in ems): mixed fonts
    unpadded_codes: bool = False  # split 款 / 项 cells without their leading zero (301 | 2)
    overflow: bool = False  # a title and coded rows with figures kept below every page's bottom edge

    # -- hooks called by corpus.synthetic
    def family_of(self, family: synthetic.Family) -> synthetic.Family:
        if self.line_numbers is not None:
            family = replace(family, line_numbers=self.line_numbers)
        if self.wrap_headers:
            family = replace(family, code_header=_wrapped(family.code_header))
        if self.labels_in_total:
            family = replace(family, code_header="科目编码")
        return family

    @property
    def money_unit(self) -> str:
        return "万元" if self.money == "wan" else "元"

    def figure_text(self, cents: int, unit: str) -> str | None:
        """A figure's printed text, or None to print it the family's way."""
        if cents == 0 and self.zero is not None:
            return {"blank": "", "zero": synthetic.money(0, unit), "dash": "-"}[self.zero]
        if self.money == "yuan_whole":
            return f"{cents * 100:,}"
        return None

    def amount_columns(self, amounts):
        amounts = list(amounts)
        if self.reorder:
            amounts.reverse()
        if self.wrap_headers:
            amounts = [replace(a, leaf=_wrapped(a.leaf), band=_wrapped(a.band) if a.band else a.band) for a in amounts]
        return amounts

    # -- applied to the composed tables
    def finish(self, comp: synthetic.Composed) -> None:
        for model in comp.tables:
            table = model.table
            table.ruling = self.ruling
            if self.continuation == "bare":
                table.repeat_header = False
            elif self.continuation == "xubiao":
                table.repeat_header = True
                table.continued_label = "续表"
            if self.landscape is not None and self.landscape != model.landscape:
                model.landscape = self.landscape
                target = synthetic.LANDSCAPE_WIDTH if self.landscape else synthetic.PORTRAIT_WIDTH
                scale = target / sum(table.widths)
                if self.landscape or scale < 1:
                    table.widths = [w * scale for w in table.widths]


def _wrapped(text: str) -> str:
    """A header label broken in the middle (本年收入\\n合计); short labels stay whole."""
    plain = text.replace("\n", "")
    if len(plain) < 4:
        return plain
    half = math.ceil(len(plain) / 2)
    return plain[:half] + "\n" + plain[half:]


TRAITS: dict[str, Layout] = {t.name: t for t in (
    Layout("plain", "the family's layout: 3/5/7-digit codes in one column, ruled, portrait, header repeated, 万元, 0.00, 行次"),
    Layout("code_split_repeat", "类 | 款 | 项 code columns, parents repeated on every row", code_mode="split"),
    Layout("code_split_new", "类 | 款 | 项 code columns, 款 / 项 rows print only their own part", code_mode="split_new"),
    Layout("code_name_cell", "code and name in one cell (2010601 行政运行)", code_mode="code_name"),
    Layout("code_indent", "names only, 类 / 款 / 项 nested by x-indent", code_mode="indent"),
    Layout("header_labels_in_total", "类 | 款 | 项 | 合计 in one printed row under a merged 科目编码 (上海普陀 2024)",
           code_mode="split", labels_in_total=True),
    Layout("ruling_none", "no ruling lines at all", ruling="none"),
    Layout("ruling_segments", "every cell border drawn as short separate line pieces", ruling="segments"),
    Layout("landscape", "every table on landscape pages", landscape=True),
    Layout("continued_bare", "tables continued without a repeated header", landscape=True, continuation="bare"),
    Layout("continued_xubiao", "tables continued under a 续表 line and the repeated header", landscape=True,
           continuation="xubiao"),
    Layout("money_yuan", "figures in 元 with two decimals", money="yuan"),
    Layout("money_yuan_whole", "figures in whole 元", money="yuan_whole"),
    Layout("zero_blank", "zeros printed as empty cells", zero="blank"),
    Layout("zero_dash", "zeros printed as -", zero="dash"),
    Layout("no_line_numbers", "summary tables without 行次 columns", line_numbers=False),
    Layout("reordered_columns", "amount columns of the coded tables in reverse order", reorder=True),
    Layout("wrapped_headers", "header cells broken over two lines", wrap_headers=True),
    Layout("code_split_unpadded", "类 | 款 | 项 code columns whose 款 / 项 lost the leading zero (301 | 2, 上海普陀 2024)",
           code_mode="split", unpadded_codes=True),
    Layout("offpage_overflow", "a table title, header and coded rows with figures kept below each page's bottom edge "
                               "(Word export overflow, 江苏 2017)", overflow=True),
    Layout("mixed_fonts", f"digits in {LATIN_FONT}, baseline {DIGIT_SHIFT:g} em below the STSong Chinese "
                          "(tables, 情况说明, titles)", digits=(LATIN_FONT, DIGIT_SHIFT)),
)}
REFERENCE = "plain"


def base_document() -> tuple[synthetic.Unit, int, int]:
    """(unit, year, seed) of the document every trait typesets."""
    unit = synthetic.make_units(BASE_UNITS, BASE_SEED)[BASE_UNIT_INDEX]
    return unit, BASE_YEAR, BASE_SEED


def compose_trait(name: str, unit: synthetic.Unit | None = None, year: int | None = None,
                  seed: int | None = None) -> synthetic.Composed:
    """The base document (or ``unit``/``year``/``seed``) composed with trait ``name``."""
    base_unit, base_year, base_seed = base_document()
    unit, year, seed = unit or base_unit, year or base_year, seed if seed is not None else base_seed
    layout = TRAITS[name]
    comp = synthetic.compose(unit, year, seed, layout=layout)
    layout.finish(comp)
    comp.doc.file_name = f"trait_{name}.pdf"
    return comp


def render_traits(out_dir: str, names=None) -> dict[str, synthetic.Composed]:
    """Typeset the base document once per trait into ``out_dir`` (trait_NAME.pdf); figures know their pages."""
    import os

    os.makedirs(out_dir, exist_ok=True)
    out = {}
    for name in names or TRAITS:
        comp = compose_trait(name)
        synthetic.render_pdf(comp, os.path.join(out_dir, comp.file_name))
        out[name] = comp
    return out
