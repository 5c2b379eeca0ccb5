"""The `raw` layer: every raw table declared once (`tables`), the warehouse connection (`warehouse`), its
upgrades (`migrations`), the one-transaction-per-document writer (`writer`) and raw Parquet (`parquet`)."""

from importlib import import_module

# The raw layer's declared interface (what test-data generation may use), loaded on first use.
_INTERFACE = {"TABLES": "tables", "connect": "warehouse", "sha256_of": "warehouse", "transaction": "warehouse", "write_document": "writer"}
__all__ = sorted(_INTERFACE)


def __getattr__(name: str):
    if name in _INTERFACE:
        return getattr(import_module(f"ingestion.raw.{_INTERFACE[name]}"), name)
    raise AttributeError(f"module 'ingestion.raw' has no attribute {name!r}")
