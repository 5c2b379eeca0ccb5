"""Read a seed report's printed content from ``corpus/seed_data/<report>.yaml``.

The seed modules (:mod:`corpus.jincheng_2023`, …) hold how a report is typeset; the YAML files
hold what it prints, every figure and text as a string exactly as printed.  The loader gives back
the structures the family typesetters take: a YAML sequence becomes a tuple, a mapping tagged
``!Name`` becomes the dataclass ``Name`` passed to :func:`load` (fields left out keep their
defaults), and an alias (``*notes``) repeats the value anchored as ``&notes``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "seed_data"


class _Loader(yaml.SafeLoader):
    """SafeLoader whose sequences are tuples (the typesetters' rows are tuples)."""


def _tuple(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> tuple[Any, ...]:
    return tuple(loader.construct_sequence(node, deep=True))


_Loader.add_constructor("tag:yaml.org,2002:seq", _tuple)


def _dataclass_constructor(cls: type) -> Any:
    def construct(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
        return cls(**loader.construct_mapping(node, deep=True))

    return construct


def load(report: str, *types: type) -> dict[str, Any]:
    """The top-level mapping of ``seed_data/<report>.yaml``; ``types`` are the dataclasses it tags."""
    loader = type("_ReportLoader", (_Loader,), {"yaml_constructors": dict(_Loader.yaml_constructors)})
    for cls in types:
        loader.add_constructor(f"!{cls.__name__}", _dataclass_constructor(cls))
    with (DATA_DIR / f"{report}.yaml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - SafeLoader plus the named dataclasses
