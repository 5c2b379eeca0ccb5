"""Reading one PDF into plain records (no database): pages and lines, rulings and grids, unruled tables,
titles, headers, key columns and row keys, numbers, the cover, the narrative and the 绩效自评表 sheets;
`extract.extract_document` puts them together."""

from importlib import import_module

# The reader's declared interface (what test-data generation may use), each from the module holding it;
# loaded on first use, so importing one leaf module does not load the whole reader.
_INTERFACE = {
    "Extraction": "extract", "extract_document": "extract", "region_of": "cover", "read_contents": "narrative",
    "read_narrative": "narrative", "is_body_row": "row_kinds", "is_caption_row": "row_kinds",
}
__all__ = sorted(_INTERFACE)


def __getattr__(name: str):
    if name in _INTERFACE:
        return getattr(import_module(f"ingestion.read.{_INTERFACE[name]}"), name)
    raise AttributeError(f"module 'ingestion.read' has no attribute {name!r}")
