"""Tables drawn without rulings are read by text alignment below their title."""

from decimal import Decimal

import pytest

from ingestion.batch.runner import ingest
from tests import pdf_factory
from tests.conftest import query


@pytest.mark.parametrize("horizontal_rules", [False, True])
def test_unruled_table_read_by_alignment(tmp_path, horizontal_rules):
    pdf = pdf_factory.unruled_report(tmp_path / "unruled.pdf", horizontal_rules)
    db = tmp_path / "warehouse.duckdb"
    assert ingest([str(pdf)], str(db), progress=False).count("failed") == 0
    assert query(db, "SELECT table_name, figure_count FROM raw.table_instances") == [("expenditure", 13)]
    cells = query(db, "SELECT coalesce(subject_code, line_item), measure, value FROM raw.table_cells "
                      "WHERE status = 'number' ORDER BY row_index, col_index")
    assert cells[:3] == [("grand_total", "total", Decimal("1234.56")), ("grand_total", "basic", Decimal("1000.00")),
                         ("grand_total", "project", Decimal("234.56"))]
    assert ("2010302", "project", Decimal("234.56")) in cells
    assert ("2010301", "project", Decimal("234.56")) not in cells
    # the long name stays whole
    assert query(db, "SELECT DISTINCT row_label FROM raw.table_cells WHERE subject_code = '20103'") == [
        ("政府办公厅（室）及相关机构事务",)]


def test_title_drawn_inside_the_ruled_grid(tmp_path):
    pdf = pdf_factory.title_inside_table(tmp_path / "inside.pdf")
    db = tmp_path / "warehouse.duckdb"
    assert ingest([str(pdf)], str(db), progress=False).count("failed") == 0
    assert query(db, "SELECT table_name, amount_unit, figure_count FROM raw.table_instances") == [("income", "万元", 4)]
    assert query(db, "SELECT coalesce(subject_code, line_item), measure, value FROM raw.table_cells "
                     "WHERE status = 'number' ORDER BY row_index, col_index") == [
        ("grand_total", "total", Decimal("88.80")), ("grand_total", "fiscal_appropriation", Decimal("88.80")),
        ("201", "total", Decimal("88.80")), ("201", "fiscal_appropriation", Decimal("88.80"))]
