"""The project's Python import graph, read with ``ast`` (nothing is imported or run).

    python bench/import_graph.py [--root DIR]

Prints the module count, the largest modules, the internal import edges (package to package, and
with ``--edges`` module to module), import cycles between packages and between modules, and the
arrows pointing back up: an import from a lower stage to a higher one in the order of ``STAGES``
below. Works on the flat layout (``ingestion/*.py`` holding the reader and the application shell)
and on the layout of issue 17 (``ingestion/read``, ``ingestion/batch``, ``ingestion/raw``,
``juesuan/``): a module belongs to the stage of the longest ``STAGES`` prefix of its dotted name.

Every import statement counts, including those inside functions (a lazy import is still a
dependency) and under ``if TYPE_CHECKING`` (marked ``(typing)`` in the listing).
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# The packages parsed; a missing one (``juesuan`` before issue 17) is skipped.
PACKAGES = ("ingestion", "validation", "juesuan", "orchestration", "corpus", "bench")

# The one stage order: a module may import its own stage or a lower one; importing a higher stage
# is an arrow pointing back up. Ranks, lowest first. ``ingestion`` itself (its ``__init__`` and, in
# the flat layout, every module) sits below its sub-packages, which follow the data: pages read
# (read) < the batch that runs the reader (batch) < the raw layer it writes (raw).
STAGES: dict[str, int] = {
    "ingestion": 0,
    "ingestion.raw": 1,      # declares and writes the raw tables; imports no reader
    "ingestion.read": 2,     # one PDF into records (the sheet reader takes its record fields from raw)
    "ingestion.batch": 3,    # runs many: the reader in workers, the writer in the parent
    "validation": 4,
    "juesuan": 5,          # the application shell: cli, pipeline, build, run records, outputs
    "orchestration": 6,    # wires Dagster to the pipeline
}
# Outside the order: they may import anything, and nothing in the stages may import them.
OUTSIDE = ("bench", "tests")
# Test data generation may import only the reader's declared interfaces: these modules exactly
# (a package here means its ``__init__``: ``from ingestion.read import X``), nothing under them.
CORPUS = "corpus"
CORPUS_MAY_IMPORT = ("ingestion", "ingestion.read", "ingestion.raw")  # ingestion: EXTRACTOR_VERSION


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    typing_only: bool


def discover(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the project packages under ``root``."""
    modules = {}
    for package in PACKAGES:
        base = root / package
        if not (base / "__init__.py").is_file():
            continue
        for path in sorted(base.rglob("*.py")):
            if any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts):
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _is_package(name: str, modules: dict[str, Path]) -> bool:
    return modules[name].name == "__init__.py"


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module an imported dotted name lands in (longest existing prefix), else None."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _typing_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                for sub in ast.walk(child):
                    if hasattr(sub, "lineno"):
                        lines.add(sub.lineno)
    return lines


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> list[Edge]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    typing = _typing_lines(tree)
    package = module if _is_package(module, modules) else module.rpartition(".")[0]
    edges = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[:len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # ``from pkg import name``: a submodule when ``pkg.name`` is one, else a name of ``pkg``
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        for name in targets:
            target = _resolve(name, modules)
            if target and target != module:
                edges.append(Edge(module, target, node.lineno, node.lineno in typing))
    return sorted(set(edges), key=lambda e: (e.source, e.target, e.line))


def stage_of(module: str) -> str | None:
    """The longest ``STAGES`` prefix of ``module`` (None for corpus, bench and anything outside)."""
    best = None
    for stage in STAGES:
        if (module == stage or module.startswith(stage + ".")) and (best is None or len(stage) > len(best)):
            best = stage
    return best


def package_of(module: str) -> str:
    """The unit of the package graph: its stage, or its top-level package outside the stages."""
    return stage_of(module) or module.split(".")[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def back_arrows(edges: list[Edge]) -> list[tuple[Edge, str]]:
    """Imports pointing back up the stage order, and corpus imports past the declared interfaces."""
    found = []
    for edge in edges:
        top = edge.source.split(".")[0]
        if top in OUTSIDE:
            continue
        target_stage = stage_of(edge.target)
        if top == CORPUS:
            if edge.target.split(".")[0] != CORPUS and edge.target not in CORPUS_MAY_IMPORT:
                found.append((edge, "corpus past the reader's declared interfaces"))
            continue
        if edge.target.split(".")[0] in OUTSIDE + (CORPUS,):
            found.append((edge, f"{package_of(edge.source)} -> {edge.target.split('.')[0]} (outside the stages)"))
            continue
        source_stage = stage_of(edge.source)
        if source_stage and target_stage and STAGES[target_stage] > STAGES[source_stage]:
            found.append((edge, f"{source_stage} -> {target_stage}"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent), help="repository to read")
    parser.add_argument("--edges", action="store_true", help="also list every module-to-module edge")
    args = parser.parse_args(argv)
    root = Path(args.root)
    modules = discover(root)
    lines = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules.items()}
    edges = [edge for name, path in modules.items() for edge in imports_of(name, path, modules)]
    print(f"root: {root}")
    per_package = defaultdict(int)
    for name in modules:
        per_package[name.split(".")[0]] += 1
    print(f"modules: {len(modules)} ({', '.join(f'{p} {n}' for p, n in sorted(per_package.items()))}), "
          f"{sum(lines.values())} lines")
    print("largest modules: " + ", ".join(f"{name} {count}" for name, count in
                                           sorted(lines.items(), key=lambda kv: (-kv[1], kv[0]))[:5]))
    module_pairs = {(e.source, e.target) for e in edges}
    print(f"internal import edges: {len(module_pairs)} module -> module")
    package_edges: dict[tuple[str, str], int] = defaultdict(int)
    for source, target in module_pairs:
        if package_of(source) != package_of(target):
            package_edges[(package_of(source), package_of(target))] += 1
    print(f"package -> package ({len(package_edges)}):")
    for (source, target), count in sorted(package_edges.items()):
        print(f"  {source} -> {target}: {count}")
    package_graph: dict[str, set[str]] = defaultdict(set)
    for source, target in package_edges:
        package_graph[source].add(target)
    module_graph: dict[str, set[str]] = defaultdict(set)
    for source, target in module_pairs:
        module_graph[source].add(target)
    package_cycles, module_cycles = cycles(package_graph), cycles(module_graph)
    print(f"package cycles: {len(package_cycles)}")
    for component in package_cycles:
        print("  " + " <-> ".join(component))
    print(f"module cycles: {len(module_cycles)}")
    for component in module_cycles:
        print(f"  ({len(component)}) " + " <-> ".join(component))
    arrows = back_arrows(edges)
    print(f"arrows pointing back up: {len(arrows)} (stage order: "
          + " < ".join(sorted(STAGES, key=STAGES.get)) + f"; corpus may import only {', '.join(CORPUS_MAY_IMPORT)})")
    for edge, why in sorted(arrows, key=lambda a: (a[0].source, a[0].line, a[0].target)):
        mark = " (typing)" if edge.typing_only else ""
        print(f"  {edge.source}:{edge.line} -> {edge.target}  [{why}]{mark}")
    if args.edges:
        print("edges:")
        for edge in edges:
            print(f"  {edge.source}:{edge.line} -> {edge.target}" + (" (typing)" if edge.typing_only else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
