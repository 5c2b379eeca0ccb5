"""The Dagster code location (extra `dagster`): assets, lineage, schedule and sensor, run in-process."""

from __future__ import annotations

import shutil
from decimal import Decimal

from dagster import AssetKey, DagsterInstance, Definitions, RunRequest, SkipReason, build_sensor_context, materialize

from orchestration import definitions as code_location
from tests.conftest import EXAMPLES, query

LESHAN = "leshan_2024_unit_final_accounts.pdf"


def test_code_location_loads_with_the_whole_pipeline():
    defs = code_location.defs
    Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    # raw tables (ingest) -> dbt models -> the identity findings (Great Expectations)
    assert AssetKey(["raw", "table_cells"]) in graph.get(AssetKey(["staging", "stg_table_cells"])).parent_keys
    findings = graph.get(AssetKey(["audit", "identity_findings"]))
    assert AssetKey(["marts", "fct_budget_line"]) in findings.parent_keys
    ancestors, stack = set(), [AssetKey(["audit", "identity_findings"])]
    while stack:
        parents = graph.get(stack.pop()).parent_keys - ancestors
        ancestors |= parents
        stack += parents
    assert {AssetKey(["raw", "documents"]), AssetKey(["raw", "table_cells"])} <= ancestors
    schedule = defs.get_schedule_def("juesuan_daily")
    assert schedule.cron_schedule == "0 2 * * *" and schedule.job_name == "juesuan_nightly"
    assert defs.get_sensor_def("new_pdfs").job_name == "juesuan_nightly"


def test_sensor_fires_once_per_change_of_the_input_folder(tmp_path):
    inbox = tmp_path / "inbox"
    settings = code_location.JuesuanSettings(db_path=str(tmp_path / "w.duckdb"), input_dir=str(inbox))
    sensor = code_location.new_pdfs
    with DagsterInstance.ephemeral() as instance:
        missing = sensor(build_sensor_context(instance=instance, resources={"settings": settings}))
        assert isinstance(missing, SkipReason) and "does not exist" in missing.skip_message
        inbox.mkdir()
        shutil.copy(EXAMPLES / LESHAN, inbox / LESHAN)
        def tick(cursor):
            context = build_sensor_context(instance=instance, cursor=cursor, resources={"settings": settings})
            return sensor(context), context.cursor

        first, cursor = tick(None)
        assert isinstance(first, RunRequest) and cursor
        again, same = tick(cursor)
        assert isinstance(again, SkipReason) and "no PDF changed" in again.skip_message and same == cursor
        shutil.copy(EXAMPLES / "wuhan_2024_department_final_accounts.pdf", inbox / "new.pdf")
        added, after_add = tick(cursor)
        assert isinstance(added, RunRequest) and after_add != cursor
        (inbox / "new.pdf").unlink()  # a removed PDF is a change too, back to the first state
        removed, after_remove = tick(after_add)
        assert isinstance(removed, RunRequest) and after_remove == cursor
        assert removed.run_key is None  # so Dagster does not skip it as a run it has seen


def test_assets_materialize_the_warehouse_in_process(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLES / LESHAN, inbox / LESHAN)
    db = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("JUESUAN_DB", str(db))  # restored after the test: the dbt asset sets it for its child
    settings = code_location.JuesuanSettings(db_path=str(db), input_dir=str(inbox))
    resources = dict(code_location.defs.resources, settings=settings)
    assets = [code_location.ingest_pdfs, code_location.juesuan_dbt, code_location.identity_findings]
    with DagsterInstance.ephemeral() as instance:
        result = materialize(assets, resources=resources, instance=instance)
        assert result.success
        keys = {m.asset_key for m in result.get_asset_materialization_events() for m in [m.materialization]}
        assert {AssetKey(["raw", "documents"]), AssetKey(["marts", "fct_budget_line"]),
                AssetKey(["audit", "identity_findings"])} <= keys
        findings = [m.materialization for m in result.get_asset_materialization_events()
                    if m.materialization.asset_key == AssetKey(["audit", "identity_findings"])][0]
        assert findings.metadata["errors"].value >= 2
    # the figures of the PDF, and the report's own mistake with its page (收入决算表 208, p.38)
    assert query(db, "SELECT count(*) FROM raw.documents") == [(1,)]
    assert query(db, """SELECT amount_wan FROM marts.fct_budget_line WHERE table_name = 'income'
                        AND subject_code = '208' AND measure = 'total'""") == [(Decimal("16.14"),)]
    assert ("income.parent_equals_children", "208", 38, "error") in query(
        db, "SELECT check_name, row_key, page_number, severity FROM audit.identity_findings")
    # a second materialization with nothing new re-extracts nothing
    with DagsterInstance.ephemeral() as instance:
        assert materialize([code_location.ingest_pdfs], resources={"settings": settings}, instance=instance).success
    assert query(db, "SELECT count(*) FROM raw.documents") == [(1,)]


def test_fingerprint_of_an_empty_folder_differs_from_one_with_a_pdf(tmp_path):
    empty = tmp_path / "inbox"
    empty.mkdir()
    before = code_location.input_fingerprint(str(empty))
    shutil.copy(EXAMPLES / LESHAN, empty / "a.pdf")
    assert code_location.input_fingerprint(str(empty)) != before
