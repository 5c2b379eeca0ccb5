"""One 支出决算表 printed in different code forms, rulings and fonts reads to the same figures."""

import pytest

from ingestion.batch.runner import ingest
from tests import pdf_factory
from tests.conftest import query

FORMS = [(form, ruling, mixed) for form in ("single", "code_name", "split_new", "putuo")
         for ruling in ("full", "none", "segments") for mixed in (False, True)]


@pytest.mark.parametrize("form,ruling,mixed", FORMS)
def test_same_figures_in_every_form(tmp_path, form, ruling, mixed):
    pdf = pdf_factory.coded_expenditure(tmp_path / "t.pdf", form, ruling, mixed)
    db = tmp_path / "w.duckdb"
    assert ingest([str(pdf)], str(db), progress=False).count("failed") == 0
    read = query(db, "SELECT coalesce(subject_code, line_item), measure, value_text FROM raw.table_cells "
                     "WHERE status = 'number' AND table_name = 'expenditure'")
    assert sorted((k, m, t.replace(",", "")) for k, m, t in read) == pdf_factory.EXPENDITURE_FIGURES
    assert query(db, "SELECT count(*) FROM raw.ingest_errors") == [(0,)]
