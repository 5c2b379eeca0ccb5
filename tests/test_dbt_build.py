"""`juesuan build` runs a real dbt build on a real warehouse."""

from tests.conftest import query


def test_build_creates_staging_views(examples_db, capsys):
    from ingestion.dbt_build import dbt_build

    assert dbt_build(str(examples_db)) == 0
    assert "0 failed" in capsys.readouterr().out
    assert query(examples_db, "SELECT unit_name FROM staging.stg_documents") == [("乐山市大数据中心",)]
    assert query(examples_db, "SELECT count(*) FROM staging.stg_table_cells WHERE table_name = 'income' "
                              "AND subject_code = '20899' AND value_text = '1.30'") == [(7 - 5,)]
