"""Small PDFs made in the tests themselves (no ../shared needed)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from corpus.build import build_leshan

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def leshan(path: Path) -> Path:
    build_leshan(str(path))
    return path


def tiny_report(path: Path, unit: str, total: str, encrypt: str | None = None, money_unit: str = "万元") -> Path:
    """A one-table 决算 report: a ruled 三公 table with one figure per column."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    c.setFont("STSong-Light", 16)
    c.drawString(100, 760, f"{unit}2024年度部门决算")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(200, 780, "财政拨款“三公”经费支出决算表")
    c.drawString(400, 762, f"单位：{money_unit}")
    headers = ["合计", "因公出国（境）费", "公务接待费"]
    x = [60, 220, 380, 540]
    for y in (750, 730, 710, 690):
        c.line(x[0], y, x[-1], y)
    for xi in x:
        c.line(xi, 750, xi, 690)
    for i, h in enumerate(headers):
        c.drawString(x[i] + 5, 736, h)
        c.drawString(x[i] + 5, 716, "决算数")
        c.drawString(x[i] + 5, 696, total if i == 0 else "0.00")
    c.showPage()
    c.save()
    return path


def text_only(path: Path, lines: list[str]) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 12)
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 16 * i, line)
    c.showPage()
    c.save()
    return path


def narrative_page(path: Path, lines: list[str]) -> Path:
    """One page of 情况说明 text in a CJK font, no table."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 11)
    for i, line in enumerate(lines):
        c.drawString(50, 780 - 18 * i, line)
    c.showPage()
    c.save()
    return path


def scanned(path: Path) -> Path:
    """An image-only page, as a scanner makes it."""
    from PIL import Image

    image = Image.new("RGB", (400, 300), "white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    from reportlab.lib.utils import ImageReader

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(buffer), 72, 400, width=400, height=300)
    c.showPage()
    c.save()
    return path


def decompression_bomb(path: Path, megabytes: int = 400) -> Path:
    """A page whose content stream inflates to ``megabytes`` of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    return _raw_pdf(path, b"/Filter /FlateDecode ", data)


def deeply_nested(path: Path, depth: int = 200_000) -> Path:
    return _raw_pdf(path, b"", b"[" * depth + b"]" * depth)


def _raw_pdf(path: Path, filter_spec: bytes, stream: bytes) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< " + filter_spec + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def unruled_report(path: Path, horizontal_rules: bool) -> Path:
    """A 支出决算表 drawn without vertical rulings (or with none at all), as some offices print it."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(150, 780, "上海市测试局2024年度部门决算")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(230, 800, "支出决算表")
    c.drawString(450, 780, "单位：万元")
    rows = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
            ["", "合计", "1,234.56", "1,000.00", "234.56"],
            ["201", "一般公共服务支出", "1,234.56", "1,000.00", "234.56"],
            ["20103", "政府办公厅（室）及相关机构事务", "1,234.56", "1,000.00", "234.56"],
            ["2010301", "行政运行", "1,000.00", "1,000.00", ""],
            ["2010302", "一般行政管理事务", "234.56", "", "234.56"]]
    xs = [40, 110, 300, 390, 480]
    c.setFont("STSong-Light", 10)
    for r, row in enumerate(rows):
        y = 750 - 22 * r
        for i, text in enumerate(row):
            if i >= 2:
                c.drawRightString(xs[i] + 70, y, text)
            else:
                c.drawString(xs[i], y, text)
        if horizontal_rules:
            c.line(35, y - 6, 560, y - 6)
    c.showPage()
    c.save()
    return path


def title_inside_table(path: Path) -> Path:
    """A 收入决算表 whose title and unit line are the first rows of its own ruled grid."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(150, 780, "上海市测试局2024年度部门决算")
    c.showPage()
    xs = [40, 110, 300, 420, 540]
    rows = [["收入决算表"], ["单位：万元"], ["科目编码", "科目名称", "本年收入合计", "财政拨款收入"],
            ["", "合计", "88.80", "88.80"], ["201", "一般公共服务支出", "88.80", "88.80"]]
    c.setFont("STSong-Light", 10)
    top = 780
    for r, row in enumerate(rows):
        y = top - 24 * r
        c.line(xs[0], y, xs[-1], y)
        if len(row) == 1:  # a caption row spans the whole width
            c.drawString(250 if r == 0 else 460, y - 16, row[0])
            c.line(xs[0], y, xs[0], y - 24)
            c.line(xs[-1], y, xs[-1], y - 24)
            continue
        for i, text in enumerate(row):
            c.drawString(xs[i] + 4, y - 16, text)
        for x in xs:
            c.line(x, y, x, y - 24)
    c.line(xs[0], top - 24 * len(rows), xs[-1], top - 24 * len(rows))
    c.showPage()
    c.save()
    return path


# A 支出决算表 in several printed forms; every form prints the same figures (EXPENDITURE_FIGURES).
_EXPENDITURE_ROWS = [
    ("", "合计", "1,245.38", "1,010.82", "234.56"),
    ("201", "一般公共服务支出", "1,234.56", "1,000.00", "234.56"),
    ("20103", "政府办公厅（室）及相关机构事务", "1,234.56", "1,000.00", "234.56"),
    ("2010301", "行政运行", "1,000.00", "1,000.00", ""),
    ("2010302", "一般行政管理事务", "234.56", "", "234.56"),
    ("208", "社会保障和就业支出", "10.82", "10.82", ""),
    ("20805", "行政事业单位养老支出", "10.82", "10.82", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "10.82", "10.82", ""),
]
EXPENDITURE_FIGURES = sorted(
    (code or "grand_total", measure, text.replace(",", ""))
    for code, _, *figures in _EXPENDITURE_ROWS
    for measure, text in zip(("total", "basic", "project"), figures) if text
)


def _key_cells(form: str, code: str, name: str, previous: str) -> list:
    """The key cells of one row: (text, colspan) pairs."""
    if form == "single":
        return [(code, 1), (name, 1)]
    if form == "code_name":
        return [(f"{code} {name}".strip(), 1)]
    parts = [code[:3], code[3:5], code[5:7]]
    if form == "split_new":  # only the part that is new on this row is printed
        parts = ["" if previous[: 3 + 2 * i] == code[: 3 + 2 * i] and len(code) > 3 + 2 * i else p
                 for i, p in enumerate(parts)]
    return [(p, 1) for p in parts] + [(name, 1)]


def coded_expenditure(path: Path, form: str, ruling: str = "full", mixed_fonts: bool = False) -> Path:
    """``form``: single | code_name | split_new | putuo (split, 类/款/项 labels in the 合计 row);
    ``ruling``: full | none | segments (every border drawn as 4 pt pieces, as Word exports do)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(150, 780, "上海市测试局2024年度部门决算")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(230, 800, "支出决算表")
    c.drawString(450, 780, "单位：万元")
    amounts = [("本年支出合计", 70), ("基本支出", 70), ("项目支出", 70)]
    if form == "single":
        keys, header = [("科目编码", 60), ("科目名称", 150)], [[("科目编码", 1), ("科目名称", 1)]]
    elif form == "code_name":
        keys, header = [("支出功能分类科目", 210)], [[("支出功能分类科目", 1)]]
    else:
        keys = [("类", 30), ("款", 30), ("项", 30), ("科目名称", 150)]
        header = [[("科目编码", 3), ("科目名称", 1)]] if form == "putuo" else [[("科目编码", 3), ("科目名称", 1)],
                                                                            [("类", 1), ("款", 1), ("项", 1), ("", 1)]]
    widths = [w for _, w in keys] + [w for _, w in amounts]
    rows = [cells + [(a, 1) for a, _ in amounts] if i == 0 else cells + [("", 1)] * 3 for i, cells in enumerate(header)]
    previous = ""
    for code, name, *figures in _EXPENDITURE_ROWS:
        cells = _key_cells(form, code, name, previous)
        if form == "putuo" and not code:
            cells = [("类", 1), ("款", 1), ("项", 1), (name, 1)]
        rows.append(cells + [(f, 1) for f in figures])
        previous = code or previous
    _draw_rows(c, rows, widths, 40, 760, ruling, mixed_fonts)
    c.showPage()
    c.save()
    return path


def _draw_rows(c, rows: list[list], widths: list[float], left: float, top: float, ruling: str, mixed_fonts: bool) -> None:
    height = 20
    xs = [left + sum(widths[:i]) for i in range(len(widths) + 1)]
    for r, cells in enumerate(rows):
        y, col = top - height * r, 0
        for text, span in cells:
            x0, x1 = xs[col], xs[col + span]
            figure = bool(text) and text.replace(",", "").replace(".", "").isdigit() and "." in text
            font, rise = ("Times-Roman", -4) if mixed_fonts and text[:1].isdigit() else ("STSong-Light", 0)
            c.setFont(font, 9)
            if figure:
                c.drawRightString(x1 - 3, y - 14 + rise, text)
            else:
                c.drawString(x0 + 3, y - 14 + rise, text)
            if ruling != "none":
                _rule(c, x0, y, x0, y - height, ruling)
            col += span
        if ruling != "none":
            _rule(c, xs[-1], y, xs[-1], y - height, ruling)
            _rule(c, xs[0], y, xs[-1], y, ruling)
    if ruling != "none":
        _rule(c, xs[0], top - height * len(rows), xs[-1], top - height * len(rows), ruling)


def _rule(c, x0: float, y0: float, x1: float, y1: float, ruling: str) -> None:
    if ruling == "full":
        c.line(x0, y0, x1, y1)
        return
    length = max(abs(x1 - x0), abs(y1 - y0))
    pieces = max(1, int(length // 4))
    for k in range(pieces):  # abutting 4 pt pieces
        a, b = k / pieces, (k + 1) / pieces
        c.line(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)


def three_public_report(path: Path, cover: list[str], title: str, header: list[list], figures: list[str],
                        narrative: tuple[str, ...] = ()) -> Path:
    """A report of one ruled 三公 table: a cover page (its lines), then ``title`` and the table
    (``header`` rows of (text, span) cells over one row of ``figures``), then a page of ``narrative``."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 16)
    for i, line in enumerate(cover):
        c.drawString(100, 760 - 24 * i, line)
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(150, 800, title)
    c.drawString(450, 780, "单位：万元")
    widths = [500 / len(figures)] * len(figures)
    _draw_rows(c, [*header, [(f, 1) for f in figures]], widths, 40, 760, "full", False)
    c.showPage()
    if narrative:
        c.setFont("STSong-Light", 11)
        for i, line in enumerate(narrative):
            c.drawString(50, 780 - 18 * i, line)
        c.showPage()
    c.save()
    return path
