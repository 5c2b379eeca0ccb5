"""Dagster code location: the nightly pipeline as assets (optional extra `dagster`), wired to juesuan.pipeline.

    pip install -e '.[dagster]'
    JUESUAN_DB=warehouse/juesuan.duckdb JUESUAN_INPUT=/data/pdfs dagster dev -m orchestration.definitions

Assets, in the order of `juesuan.pipeline.STAGES`, each calling that stage: the `raw` tables (ingest of
every PDF under the input folder) -> every dbt node (dagster-dbt, `dbt build`) -> `audit/identity_findings`
(the Great Expectations checkpoint).
A daily schedule and a sensor on the input folder start the same job. Each step takes the
same lock as `juesuan run`, so Dagster and a cron job never write the warehouse at once.
"""

import hashlib
import os
import sys
from pathlib import Path

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetSelection,
    AssetSpec,
    ConfigurableResource,
    Definitions,
    Failure,
    MaterializeResult,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    asset,
    define_asset_job,
    multi_asset,
    sensor,
)
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from juesuan import pipeline

MANIFEST_TARGET = pipeline.PROJECT_DIR / "target" / "dagster"


class JuesuanSettings(ConfigurableResource):
    """Where the warehouse and the input PDFs are; defaults from the environment, as for the CLI."""

    db_path: str = os.environ.get("JUESUAN_DB", str(pipeline.PROJECT_DIR / pipeline.DEFAULT_DB))
    input_dir: str = os.environ.get("JUESUAN_INPUT", str(pipeline.EXAMPLES_DIR))
    jobs: int = int(os.environ.get("JUESUAN_JOBS", "1"))


def _manifest() -> Path:
    """dbt's manifest, parsed again when the dbt project's files changed (added, edited or deleted)."""
    manifest, stamp = MANIFEST_TARGET / "manifest.json", MANIFEST_TARGET / "project_hash"
    current = pipeline.project_hash()
    if not manifest.exists() or not stamp.exists() or stamp.read_text() != current:
        pipeline.dbt_parse(MANIFEST_TARGET)
        stamp.write_text(current)
    return manifest


dbt_project = DbtProject(project_dir=pipeline.PROJECT_DIR, profiles_dir=pipeline.PROJECT_DIR, target_path=MANIFEST_TARGET)
MANIFEST = _manifest()


def _raw_specs() -> list[AssetSpec]:
    """One asset per `raw` table the dbt sources read: the keys dagster-dbt gives those sources."""
    import json

    sources = [s for s in json.loads(MANIFEST.read_text())["sources"].values() if s["source_name"] == "raw"]
    return [AssetSpec(AssetKey([s["source_name"], s["name"]]), group_name="raw",
                      description=f"raw.{s['name']}, written by juesuan ingest")
            for s in sorted(sources, key=lambda s: s["name"])]


RAW_SPECS = _raw_specs()


@multi_asset(specs=RAW_SPECS, name="ingest_pdfs", can_subset=False)
def ingest_pdfs(context: AssetExecutionContext, settings: JuesuanSettings):
    """Extract every new or changed PDF under the input folder into `raw` (unchanged files are skipped)."""
    with pipeline.run_lock(settings.db_path):
        summary = pipeline.ingest(settings.db_path, [settings.input_dir], pipeline.IngestOptions(jobs=settings.jobs),
                                  out=context.log.info)
    counts = pipeline.ingest_counts(summary)
    for spec in RAW_SPECS:
        yield MaterializeResult(asset_key=spec.key, metadata=counts)


class _Translator(DagsterDbtTranslator):
    """The dbt source audit.identity_findings is the findings of the last validate, which the view
    marts.mart_unit_year reads when queried; keyed apart from the identity_findings asset (which runs
    after dbt), so the graph has no cycle."""

    def get_asset_key(self, dbt_resource_props):
        if dbt_resource_props.get("resource_type") == "source" and (
                dbt_resource_props.get("source_name"), dbt_resource_props.get("name")) == ("audit", "identity_findings"):
            return AssetKey(["audit", "identity_findings_last_validate"])
        return super().get_asset_key(dbt_resource_props)


@dbt_assets(manifest=MANIFEST, project=dbt_project, dagster_dbt_translator=_Translator())
def juesuan_dbt(context: AssetExecutionContext, dbt: DbtCliResource, settings: JuesuanSettings):
    """`dbt build` on the warehouse: staging, intermediate, marts, audit models and their tests."""
    # dbt's profile reads the warehouse path from JUESUAN_DB; the dbt child inherits this environment
    os.environ["JUESUAN_DB"] = os.path.abspath(settings.db_path)
    with pipeline.run_lock(settings.db_path):
        # as `juesuan build`: the first build after a model change rebuilds every model
        invocation = dbt.cli(pipeline.build_arguments(settings.db_path), context=context, raise_on_error=False)
        yield from invocation.stream()
        pipeline.build_finished(settings.db_path, invocation.get_artifact("run_results.json")["results"])
    if not invocation.is_successful():
        raise Failure(description="dbt build failed; see the dbt events above")


@asset(key=AssetKey(["audit", "identity_findings"]), deps=list(juesuan_dbt.keys), group_name="audit")
def identity_findings(context: AssetExecutionContext, settings: JuesuanSettings) -> MaterializeResult:
    """The Great Expectations checkpoint over the budget identities; findings in audit.identity_findings."""
    with pipeline.run_lock(settings.db_path):
        result = pipeline.validate(settings.db_path, out=context.log.info)
    return MaterializeResult(metadata={"findings": len(result.findings), "errors": result.count("error"),
                                       "warnings": result.count("warning")})


nightly_job = define_asset_job("juesuan_nightly", selection=AssetSelection.all())

nightly_schedule = ScheduleDefinition(name="juesuan_daily", job=nightly_job, cron_schedule="0 2 * * *",
                                      execution_timezone="Asia/Shanghai")


def input_fingerprint(folder: str) -> str:
    """Names, sizes and modification times of the PDFs under the folder: changes when a file does."""
    digest = hashlib.sha256()
    for path in pipeline.find_pdfs([folder]):
        stat = os.stat(path)
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "backslashreplace"))
    return digest.hexdigest()


@sensor(name="new_pdfs", job=nightly_job, minimum_interval_seconds=300)
def new_pdfs(context: SensorEvaluationContext, settings: JuesuanSettings):
    """Start the pipeline when a PDF is added to, changed in or removed from the input folder."""
    if not os.path.isdir(settings.input_dir):
        return SkipReason(f"input folder {settings.input_dir} does not exist")
    fingerprint = input_fingerprint(settings.input_dir)
    if fingerprint == context.cursor:
        return SkipReason(f"no PDF changed under {settings.input_dir}")
    context.update_cursor(fingerprint)
    # no run key: a folder back in an earlier state (a file moved out and in again) must run again
    return RunRequest()


# the stages of juesuan.pipeline this job runs, in its order (exports are the CLI's: `run --publish`, `export …`)
STAGE_ASSETS = {"ingest": ingest_pdfs, "build": juesuan_dbt, "validate": identity_findings}

defs = Definitions(
    assets=[STAGE_ASSETS[stage] for stage in pipeline.STAGES if stage in STAGE_ASSETS],
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    sensors=[new_pdfs],
    # dbt from this environment, which need not be on PATH (a cron job or a service)
    resources={"dbt": DbtCliResource(project_dir=dbt_project, profiles_dir=str(pipeline.PROJECT_DIR),
                                     dbt_executable=str(Path(sys.executable).parent / "dbt")),
               "settings": JuesuanSettings()},
)
