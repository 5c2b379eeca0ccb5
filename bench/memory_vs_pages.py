"""Benchmark, run by hand: peak memory of one extraction worker against page count.

    .venv/bin/python bench/memory_vs_pages.py [--pages 25 100 400]

Typesets documents of N pages (each page a ruled 20-row coded table continued
from the previous page) and reads each in a fresh process with
ingestion.read.extract.extract_document, printing the child's peak RSS. Pages are
processed one at a time, so the peak should not grow with N beyond the records kept.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import resource, sys
from ingestion.read.extract import extract_document
result = extract_document(sys.argv[1], "bench")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{len(result.pages)} {len(result.cells)} {peak:.0f}")
"""


def make_document(path: Path, pages: int) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(150, 780, "上海市测试局2024年度部门决算")
    c.showPage()
    for page in range(pages):
        c.setFont("STSong-Light", 10)
        if page == 0:
            c.drawString(220, 800, "支出决算表")
        top = 780
        rows = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]] if page == 0 else []
        rows += [[f"{2010000 + page * 20 + i}", "事业运行", "12.34", "10.00", "2.34"] for i in range(20)]
        xs = [40, 120, 300, 400, 480, 560]
        for r, row in enumerate(rows):
            y = top - 30 * r
            for i, text in enumerate(row):
                c.drawString(xs[i] + 4, y - 20, text)
            c.line(xs[0], y, xs[-1], y)
        c.line(xs[0], top - 30 * len(rows), xs[-1], top - 30 * len(rows))
        for x in xs:
            c.line(x, top, x, top - 30 * len(rows))
        c.showPage()
    c.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[25, 100, 400])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for pages in args.pages:
            path = Path(tmp) / f"doc_{pages}.pdf"
            make_document(path, pages)
            out = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.split()
            print(f"{int(out[0]):5d} pages, {int(out[1]):6d} cells: worker peak RSS {out[2]} MB")


if __name__ == "__main__":
    main()
