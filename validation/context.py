"""The Great Expectations file data context of the repository (``gx/``).

Suites are committed files, one per identity family; the checkpoint validates
one dataframe of identity-check instances (dbt model audit_identity_checks),
each suite selecting its family with a row condition.

What a run produces (validation results, Data Docs) belongs to its warehouse, not to the
checkout: ``gx/great_expectations.yml`` points both stores at ``${juesuan_results_dir}``, which
``get_context`` sets to ``<warehouse>.gx/`` beside the warehouse file. That folder is juesuan's own
(marker file inside); a folder of that name without the marker is refused, never written into.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ingestion.raw.warehouse import WarehouseError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GX_DIR = PROJECT_ROOT / "gx"
RESULTS_MARKER = ".juesuan-gx"

# family -> what its suite checks: the list of dbt_project.yml's vars.identity_families, written there only
FAMILIES = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]["identity_families"]
DATA_SOURCE = "warehouse"
ASSET = "identity_checks"
BATCH = "all_check_instances"
CHECKPOINT = "budget_identities"


def results_dir(db_path: str) -> Path:
    """Where the validation results and Data Docs of the warehouse ``db_path`` live."""
    return Path(os.path.abspath(db_path) + ".gx")


def data_docs_index(db_path: str) -> Path:
    return results_dir(db_path) / "data_docs" / "index.html"


def _claim_results_dir(db_path: str) -> Path:
    """The warehouse's results folder, made (with its marker) when new or empty; one that holds
    anything else is not juesuan's and is refused (nothing written)."""
    folder = results_dir(db_path)
    marker = folder / RESULTS_MARKER
    if folder.exists() and not marker.exists():
        if not folder.is_dir() or any(folder.iterdir()):
            raise WarehouseError(f"{folder} exists and is not the Great Expectations folder juesuan keeps beside "
                                 f"{os.path.basename(db_path)}; nothing was validated (move it away)")
    folder.mkdir(parents=True, exist_ok=True)
    if not marker.exists():
        marker.write_text(f"validation results and Data Docs of {os.path.basename(db_path)}, written by "
                          "juesuan validate; safe to delete (the next validate starts afresh)\n", encoding="utf-8")
    return folder


def get_context(db_path: str):
    """The repository's context (suites, checkpoint) with this warehouse's results folder as the
    validation results store and Data Docs site."""
    import great_expectations as gx

    folder = _claim_results_dir(db_path)
    return gx.get_context(mode="file", project_root_dir=str(PROJECT_ROOT),
                          runtime_environment={"juesuan_results_dir": str(folder)})


def ensure_objects(context) -> object:
    """Create the data source, suites and checkpoint if the repository lacks them; return the checkpoint."""
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    try:
        return context.checkpoints.get(CHECKPOINT)
    except Exception:  # noqa: BLE001 (GX raises its own not-found types)
        pass
    source = context.data_sources.add_or_update_pandas(DATA_SOURCE)
    asset = source.add_dataframe_asset(ASSET)
    batch = asset.add_batch_definition_whole_dataframe(BATCH)
    definitions = []
    for family, meaning in FAMILIES.items():
        suite = gx.ExpectationSuite(name=f"identities_{family}", meta={"notes": meaning})
        # excess_over_bound = (|actual − expected| − tolerance) in 10⁻⁸ 万元 (0.0001 元), exact integers.
        suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(
            column="excess_over_bound", max_value=0, row_condition=Column("family") == family,
            meta={"notes": meaning},
        ))
        suite = context.suites.add_or_update(suite)
        definitions.append(context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"identities_{family}", data=batch, suite=suite)))
    return context.checkpoints.add_or_update(gx.Checkpoint(
        name=CHECKPOINT,
        validation_definitions=definitions,
        actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["check_id"]},
    ))
