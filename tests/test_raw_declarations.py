"""The raw tables are declared once (ingestion/raw/tables.py): every raw table and column the docs name
(dbt's sources, docs/CONTRACT.md) is one that declaration holds, so the docs cannot drift from it."""

import re
from pathlib import Path

import yaml

from ingestion.raw.tables import TABLES

ROOT = Path(__file__).resolve().parent.parent


def test_dbt_sources_are_the_declared_tables_and_columns():
    sources = yaml.safe_load((ROOT / "models" / "staging" / "_sources.yml").read_text(encoding="utf-8"))
    raw = next(s for s in sources["sources"] if s["name"] == "raw")
    # raw.meta is the warehouse's own bookkeeping (schema version, built project), not a source of models
    assert {t["name"] for t in raw["tables"]} == set(TABLES) - {"meta"}
    named = [(t["name"], c["name"]) for t in raw["tables"] for c in t.get("columns", [])]
    assert len(named) >= 7  # documents and table_cells describe their keys
    assert [(t, c) for t, c in named if c not in TABLES[t].names] == []


def test_contract_names_only_declared_columns():
    text = (ROOT / "docs" / "CONTRACT.md").read_text(encoding="utf-8")
    section = text.split("## Raw tables others rely on", 1)[1].split("\n## ", 1)[0]
    described = dict(re.findall(r"^- `raw\.(\w+)`: (.*?)(?=^- |^Code:)", section, re.S | re.M))
    assert set(described) == {"documents", "ingest_errors"}
    for table, body in described.items():
        columns = set(re.findall(r"`(\w+)`", body))
        assert len(columns) >= 6, table
        assert columns - set(TABLES[table].names) == set(), table
