"""The planning engine imports the standard library and nothing else (import-linter checks
named packages; this checks every import against Python's own list of stdlib modules)."""

import ast
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "src" / "makeline" / "engine"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_engine_imports_only_the_standard_library_and_itself() -> None:
    outside = {
        (path.name, name)
        for path in ENGINE.glob("*.py")
        for name in _imports(path)
        if not name.startswith("makeline.engine")
        and name.split(".")[0] not in sys.stdlib_module_names
    }
    assert outside == set()
