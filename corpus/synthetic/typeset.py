"""PDF rendering of a composed document: page layout, pagination of tables, and page tracking."""

from __future__ import annotations

import io
from collections.abc import Sequence

from corpus.render import (
    FOOTER_Y,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Document,
    Table,
    continued_height,
    draw_table,
    row_heights,
    table_left,
    wrap,
)
from corpus.synthetic.composition import Composed
from corpus.synthetic.tables import TableModel

# --------------------------------------------------------------------------- PDF rendering

# What a Word export leaves below a page's bottom edge (a table's overflow, printed again on the
# next page): a title, a header and coded rows with figures, none of which any viewer shows.
OVERFLOW_LINES = ("一般公共预算财政拨款基本支出决算表", "单位：万元", "科目编码 科目名称 决算数", "合计 9,999.99",
                  "301 工资福利支出 8,888.88", "30101 基本工资 7,777.77", "收入决算表", "201 一般公共服务支出 666.66",
                  "本年收入合计9,999.99万元，本年支出合计9,999.99万元。")


class SynDocument(Document):
    """render.Document with landscape pages for the wide tables (Shanghai, Shanxi 06)."""

    def __init__(self, target, title: str, author: str = ""):
        super().__init__(target, title, author)
        self.landscape = False
        self.size = (PAGE_WIDTH, PAGE_HEIGHT)
        self.page_sizes: list[tuple[float, float]] = []
        self.overflow = False

    @property
    def width(self) -> float:
        return self.size[0] - 2 * MARGIN_X

    def page_room(self) -> float:
        return self.size[1] - MARGIN_TOP - MARGIN_BOTTOM

    def new_page(self) -> None:
        """Finish the page; the next one takes the orientation set by :meth:`orient`."""
        self._footer()
        if self.overflow:  # corpus.traits' overflow: text kept below the bottom edge, shown nowhere
            for i, line in enumerate(OVERFLOW_LINES):
                self.text_at(line, 9, MARGIN_X, -20.0 - 14 * i, "l")
        self.page_sizes.append(self.size)
        self.canvas.showPage()
        self.page += 1
        self.size = (PAGE_HEIGHT, PAGE_WIDTH) if self.landscape else (PAGE_WIDTH, PAGE_HEIGHT)
        self.canvas.setPageSize(self.size)
        self.y = self.size[1] - MARGIN_TOP

    def orient(self, landscape: bool) -> None:
        self.landscape = landscape

    def close(self) -> None:
        self.page_sizes.append(self.size)
        super().close()

    def _footer(self) -> None:
        self.text_at(str(self.page), 9, self.size[0] / 2, FOOTER_Y, "c")


def paginate(table: Table, first_room: float, next_room: float) -> list[int]:
    """Page offset of each body row; forced breaks make render.draw_table follow the same plan."""
    header_h = sum(row_heights(table.widths, table.header, table.font_size))
    heights = row_heights(table.widths, table.body, table.font_size)
    offsets, page, room, on_page = [], 0, first_room - header_h, 0
    for h in heights:
        if on_page and h > room - 1.0:  # a point of slack: break no later than render would
            page += 1
            room = next_room - (header_h if table.repeat_header else 0) - continued_height(table)
            on_page = 0
        offsets.append(page)
        room -= h
        on_page += 1
    table.break_after = frozenset(i for i in range(len(offsets) - 1) if offsets[i + 1] != offsets[i])
    return offsets


class Renderer:
    """Typesets a composed document; records where every figure lands."""

    def __init__(self, comp: Composed, target, anchors: dict[str, int] | None = None):
        self.comp = comp
        word = "决算" if comp.kind == "final_accounts" else "预算"
        self.doc = SynDocument(target, title=f"{comp.doc.year} 年度{comp.doc.unit.name}{word}", author=comp.doc.unit.name)
        self.anchors: dict[str, int] = {}
        self.printed_anchors = anchors
        self.part = ""
        if comp.doc.layout is not None:  # corpus.traits' mixed fonts: digits in a Latin font, shifted
            self.doc.digits = comp.doc.layout.digits
            self.doc.overflow = getattr(comp.doc.layout, "overflow", False)

    def run(self) -> None:
        self._cover()
        self._contents()
        for step in self.comp.flow:
            getattr(self, "_" + step[0])(*step[1:])
        self.doc.close()

    # -- front matter
    def _cover(self) -> None:
        doc = self.doc
        doc.skip(180)
        for text, size in self.comp.cover:
            doc.line(text, size, "c", leading=2.0)

    def _contents(self) -> None:
        doc, fam = self.doc, self.comp.doc.family.key
        doc.new_page()
        doc.line("目 录", 18, "c", leading=2.0)
        if fam == "sichuan":
            doc.line(f"公开时间：{self.comp.doc.year + 1} 年 9 月 26 日", 11, "c", leading=2.0)
        numbered = fam in ("sichuan", "shanxi")
        for text, level, anchor in self.comp.contents:
            self.comp.contents_pages[anchor] = doc.page
            if numbered:
                page = str((self.printed_anchors or {}).get(anchor, ""))
                doc.leader_line(text, page, 11, indent=2 * level)
            else:
                doc.line(("    " * level) + text, 11, "l", leading=1.8)

    # -- body
    def _part(self, title: str, anchor: str) -> None:
        self.doc.orient(False)
        self.doc.new_page()
        self.anchors[anchor] = self.doc.page
        self.part = anchor
        self.doc.line(title, 16, "c", leading=2.4)

    def _section(self, text: str) -> None:
        self.anchors[f"{self.part}:{text}"] = self.doc.page
        self.doc.skip(4)
        self.doc.line(text, 13, "l", leading=1.9)

    def _blocks(self, blocks: Sequence[tuple[str, str]]) -> None:
        for kind, text in blocks:
            if kind == "section":
                self._section(text)
            elif kind == "composition":
                self.doc.skip(6)
                draw_table(self.doc, self.comp.composition_table)
            else:
                self.paragraph(text)

    def paragraph(self, text: str, size: float = 11) -> list[tuple[str, int]]:
        """Render.Document.paragraph, keeping each line's page."""
        doc = self.doc
        out = []
        for i, line in enumerate(wrap("\u3000\u3000" + text, size, doc.width)):
            doc.ensure(size * 1.6)
            x = doc.left + (2 * size if i == 0 else 0)
            doc.text_at(line.lstrip("\u3000"), size, x, doc.y - size, "l")
            doc.y -= size * 1.6
            out.append((line, doc.page))
        doc.y -= size * 0.4
        return out

    def _narrative(self) -> None:
        narrative = self.comp.narrative
        lines_of: dict[int, list[tuple[str, int]]] = {}
        for index, (kind, text) in enumerate(narrative.blocks):
            if kind == "section":
                self._section(text)
            elif kind == "text":
                lines_of[index] = self.paragraph(text)
                self.comp.block_pages[index] = lines_of[index][0][1]
        for fig in narrative.figures:
            fig.page = _page_of_occurrence(lines_of[fig.block], fig.text, fig.occurrence)

    def _tables(self) -> None:
        for n, model in enumerate(self.comp.tables):
            self.table_page(model, first=n == 0)

    def _sheets(self) -> None:
        for n, sheet in enumerate(self.comp.sheets):
            if n:
                self.doc.new_page()
            for text, size, align in sheet.heading:
                self.doc.line(text, size, align, leading=1.7)
            draw_table(self.doc, sheet.table)
            self.doc.skip(4)
            for line in sheet.after:
                self.doc.paragraph(line, 9, indent=0, leading=1.5, after=0)

    # -- one standard table
    def table_page(self, model: TableModel, first: bool) -> None:
        doc, ctx = self.doc, self.comp.doc
        doc.orient(model.landscape)
        doc.new_page()
        self.anchors[f"table:{model.canonical}"] = doc.page
        if first and ctx.family.key == "shanghai":
            doc.line(f"{model.unit_label or ctx.unit.name} {ctx.year} 年度部门决算表", 14, "c", leading=2.0)
        self._title_block(model)
        offsets = paginate(model.table, doc.room(), doc.page_room())
        model.first_page = doc.page
        model.row_pages = [model.first_page + o for o in offsets]
        draw_table(doc, model.table)
        if model.row_pages and doc.page != model.row_pages[-1]:  # figure pages would be wrong: fail loudly
            raise RuntimeError(f"{self.comp.file_name} {model.canonical}: page breaks differ from render.draw_table's")
        for fig in model.figures:
            fig.page = model.row_pages[fig.row]
        doc.skip(6)
        for i, note in enumerate(model.notes):
            doc.paragraph(note, 9, indent=0 if i == 0 else 2, leading=1.5, after=0)

    def _title_block(self, model: TableModel) -> None:
        doc, ctx = self.doc, self.comp.doc
        fam, name, y = ctx.family.key, model.unit_label or ctx.unit.name, ctx.year
        x0, width = table_left(doc, model.table), sum(model.table.widths)
        unit_word = f"单位：{model.money_unit}"
        if fam == "sichuan":
            doc.spread("", "", model.number, 9, x0, width)
            doc.line(model.title, 16, "c", leading=1.8)
            doc.spread(f"单位名称：{name}", f"{y}年度", unit_word, 9, x0, width)
        elif fam == "hubei":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread("", "", model.number, 9, x0, width)
            doc.spread(f"部门：{name}", "", unit_word, 9, x0, width)
        elif fam == "shandong":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread("", "", model.number, 9, x0, width)
            doc.spread(f"单位：{name}", "", f"金额{unit_word}", 9, x0, width)
        elif fam == "shanxi":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread("", "", model.number, 9, x0, width)
            doc.spread(f"部门名称：{name}", f"{y}年度", f"金额{unit_word}", 9, x0, width)
        elif fam == "budget_shanghai":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread(f"编制部门：{name}", "", unit_word, 9, x0, width)
        elif fam == "budget_jiangsu":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread(f"部门：{name}", "", unit_word, 9, x0, width)
        else:
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread("", "", unit_word, 9, x0, width)


def _page_of_occurrence(lines: list[tuple[str, int]], needle: str, occurrence: int) -> int:
    seen = 0
    for line, page in lines:
        count = line.count(needle)
        if seen + count > occurrence:
            return page
        seen += count
    return lines[-1][1] if lines else 0


def render_pdf(comp: Composed, path: str) -> None:
    """Typeset ``comp`` to ``path``; families whose contents print page numbers take two passes."""
    anchors = None
    if comp.doc.family.key in ("sichuan", "shanxi"):  # every pass computes the same layout
        first = Renderer(comp, io.BytesIO())
        first.run()
        anchors = first.anchors
    Renderer(comp, path, anchors).run()
