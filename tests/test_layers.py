"""The package's layout holds: imports run one way between layers, no module imports itself back
through others, and modules stay readable in size.

The layers, lowest first: the core records (version, errors, model, paths); reading files (load/,
and taxonomy/ for `catalog import`); planning/; turning records into text and text into files
(render/, write/); batch/, which drives those for many employees; the public API; the CLI; and the
package itself. A module imports only its own layer and the ones below it, even for type hints or
inside a function, so each layer can be read (and tested) without the ones that use it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "upskill"
MAX_LINES = 500  # CONTRIBUTING.md: no module over 500 lines

# Lowest first; the layers of one entry sit side by side and do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),  # version.py, errors.py, model.py (+ plan_records.py), paths.py
    ("load", "taxonomy"),  # files in: records, or a crosswalk and a catalog's YAML
    ("planning",),  # records -> a plan, a team, a fit
    ("render", "write"),  # records -> text; text -> files
    ("batch",),  # many employees: load -> planning -> render -> write, in workers
    ("api",),  # the public functions, over load, planning and render
    ("cli",),  # click, over all of it
    ("package",),  # upskill/__init__.py (the API's names, imported on first use) and __main__.py
)
CORE = {"version", "errors", "model", "plan_records", "paths"}
LEVEL = {layer: level for level, entry in enumerate(LAYERS) for layer in entry}


def module_names() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name, not `__init__`)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__init__", "__main__"):
        return "package"
    return "core" if parts[1] in CORE else parts[1]


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules `path` imports, anywhere in it (inside functions and `if TYPE_CHECKING:` too).

    `from upskill.batch import run` imports the module upskill.batch.run; `from upskill.render import
    PLAN_FORMATS` imports upskill.render (its __init__.py).
    """
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.split(".")[0] == "upskill")
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # the project uses absolute imports; a relative one would escape this check
                raise AssertionError(f"{path}: relative import of {node.module}")
            if node.module and node.module.split(".")[0] == "upskill":
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    names.add(sub if sub in known else node.module)
    return names


def test_every_folder_of_the_package_is_a_layer():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert folders, f"no packages under {PACKAGE}"
    assert not (folders | top) - set(LEVEL) - CORE, f"not in LAYERS: {sorted((folders | top) - set(LEVEL) - CORE)}"


def test_imports_run_one_way():
    """A module imports its own layer and those below it: never one above, nor one beside it."""
    known = module_names()
    wrong = []
    for module, path in known.items():
        level, mine = LEVEL[layer_of(module)], layer_of(module)
        for name in sorted(imports(path, known)):
            theirs = layer_of(name)
            if theirs != mine and LEVEL[theirs] >= level:
                wrong.append(f"{path.relative_to(PACKAGE.parent)} ({mine}) imports {name} ({theirs})")
    assert len(known) > 60
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("low", "high"),
    [("load", "planning"), ("load", "render"), ("planning", "render"), ("render", "batch"), ("write", "cli")],
)
def test_the_order_forbids_what_contributing_says(low, high):
    """CONTRIBUTING's rules in the order's terms: `load` never imports `planning`, and so on."""
    assert LEVEL[low] < LEVEL[high]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, as the modules along it (the first again at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycle():
    """No module imports itself back through others, even lazily or for type hints: a cycle makes the
    import order matter and ties the modules along it together (load/cache.py once imported
    `upskill` for its version, and so the whole API)."""
    known = module_names()
    graph = {module: imports(path, known) - {module} for module, path in known.items()}
    assert sum(map(len, graph.values())) > 100, "the import graph came out empty"
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_the_cycle_check_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_is_over_500_lines():
    assert len(list(PACKAGE.rglob("*.py"))) > 60, f"the package's modules are not under {PACKAGE}"
    long = [
        f"{path.relative_to(PACKAGE.parent)}: {n} lines"
        for path in sorted(PACKAGE.rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not long, "\n".join(long)
