"""juesuan ingestion: 决算 and 预算 report PDFs -> DuckDB ``raw`` schema."""

# Bumped whenever extraction output changes, so that a re-run re-extracts
# documents ingested by an older extractor (see ingestion/batch/runner.py).
EXTRACTOR_VERSION = "15"
