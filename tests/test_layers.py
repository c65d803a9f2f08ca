"""The package's layout holds: imports run one way between layers, and modules stay readable in size.

load/ and planning/ are the core (files in, plans out); render/ turns their records into text;
write/ puts files on disk; batch/ and cli/ drive the others. A layer never imports one above it,
even for type hints, so each can be read (and tested) without the ones that use it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "upskill"
MAX_LINES = 500  # CONTRIBUTING.md: no module over 500 lines

# layer -> the layers it must not import
FORBIDDEN = {
    "render": ("upskill.batch", "upskill.cli"),
    "load": ("upskill.render", "upskill.batch", "upskill.write", "upskill.cli"),
    "planning": ("upskill.render", "upskill.batch", "upskill.write", "upskill.cli"),
    "taxonomy": ("upskill.render", "upskill.batch", "upskill.write", "upskill.cli"),  # files in, catalog text out
}


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).glob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in it (inside functions and `if TYPE_CHECKING:` too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:  # the project uses absolute imports; a relative one would escape this check
                names.add(f"<relative import of {node.module}>")
            else:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)  # `from upskill import batch`
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_run_one_way(layer):
    assert modules(layer), f"no modules in upskill/{layer}/"
    wrong = []
    for path in modules(layer):
        for name in sorted(imported(path)):
            if name.startswith("<relative") or any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                wrong.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_no_module_is_over_500_lines():
    assert len(list(PACKAGE.rglob("*.py"))) > 60, f"the package's modules are not under {PACKAGE}"
    long = [
        f"{path.relative_to(PACKAGE.parent)}: {n} lines"
        for path in sorted(PACKAGE.rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not long, "\n".join(long)
