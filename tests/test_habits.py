"""The habits of the code base, held by tests: small functions, no assert for runtime
checks, every module placed in docs/architecture.md and in the layers contract."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
MAX_LINES = 60


def _functions() -> list[tuple[str, int]]:
    out = []
    for path in sorted(GENERATOR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
                out.append((f"{path.relative_to(ROOT)}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1))
    return out


def test_no_function_longer_than_60_lines() -> None:
    functions = _functions()
    assert len(functions) > 300  # the walk found the code base
    assert [(f, n) for f, n in functions if n > MAX_LINES] == []


def test_no_assert_for_runtime_checks() -> None:
    found = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in sorted(GENERATOR.rglob("*.py"))
             for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))) if isinstance(n, ast.Assert)]
    assert found == []


def _top_modules() -> set[str]:
    return {p.stem if p.is_file() else p.name for p in GENERATOR.iterdir()
            if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}


def test_every_module_is_placed_in_the_architecture_and_the_layers() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    layered = {m.strip("() ") for row in layers for m in row.split("|")}
    modules = _top_modules()
    assert {"reader", "passes", "amendments", "writers", "inline", "tree"} <= modules
    assert sorted(m for m in modules if not re.search(rf"\b{m}\b", doc)) == []
    assert sorted(modules - layered) == []
