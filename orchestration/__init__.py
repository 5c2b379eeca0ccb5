"""Optional orchestration of the juesuan pipeline (Dagster code location in definitions.py)."""
