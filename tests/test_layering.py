"""The architecture's rules, checked on the source of every module:

* ``app/`` never imports PySide6 (nor ``ui``), not even inside a function: the ``repat``
  launcher in ``ui/`` hands the window to the command line, never the reverse.
* ``ui/`` never touches the database: no SQLAlchemy, no ``app.persistence``, no Session,
  no unit of work — it calls ``app.services``.
* The arrows point down: each layer of ``app/`` and ``ui/`` imports only the layers below it
  (``LAYERS``), and no two modules, and no two feature packages, import each other (directly
  or round a longer circle, imports inside functions included).
* No file of ``app/`` or ``ui/`` is over 500 lines (``LONG_FILES`` names the exceptions and why).

The checks parse the files with ``ast`` (so comments and strings do not count) and include
self-checks on small synthetic sources, so they are known to be able to fail.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


FORBIDDEN_IN_APP = ("PySide6", "shiboken6", "ui")
FORBIDDEN_IN_UI = ("sqlalchemy", "alembic", "psycopg", "sqlite3", "app.persistence")
# Names that mean "I am holding a database session" when used in ui/.
SESSION_NAMES = frozenset({"Session", "sessionmaker", "scoped_session", "session_factory", "unit_of_work"})
SESSION_METHODS = frozenset({"session", "reading", "unit_of_work", "session_factory", "execute", "scalars", "scalar"})


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _one_per_line(problems: list[Violation]) -> list[Violation]:
    seen: set[tuple[str, int]] = set()
    kept = []
    for v in problems:
        if (v.path, v.line) not in seen:
            seen.add((v.path, v.line))
            kept.append(v)
    return kept


def _matches(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _resolve_relative(path: str, node: ast.ImportFrom) -> str:
    """The absolute module of ``from .x import y`` in the file at ``path``."""
    if not node.level:
        return node.module or ""
    package = Path(path).with_suffix("").parts[:-1]
    base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
    return ".".join([*base, *([node.module] if node.module else [])])


class _ImportCollector(ast.NodeVisitor):
    """Every module a source imports (statements, ``__import__`` and ``importlib.import_module``
    with a literal name), with the function it sits in."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.scope: list[str] = []
        self.found: list[tuple[int, str, str]] = []  # (line, function, module)

    def _add(self, node: ast.AST, module: str) -> None:
        self.found.append((getattr(node, "lineno", 0), ".".join(self.scope), module))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = _resolve_relative(self.path, node)
        self._add(node, module)
        for alias in node.names:  # ``from app import persistence`` imports app.persistence
            self._add(node, f"{module}.{alias.name}" if module else alias.name)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in {"__import__", "import_module"} and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                self._add(node, arg.value)
        self.generic_visit(node)


def imports_of(source: str, path: str) -> list[tuple[int, str, str]]:
    collector = _ImportCollector(path)
    collector.visit(ast.parse(source, filename=path))
    return collector.found


def app_violations(source: str, path: str) -> list[Violation]:
    problems = []
    for line, _function, module in imports_of(source, path):
        if not _matches(module, FORBIDDEN_IN_APP):
            continue
        problems.append(Violation(path, line, f"imports {module} (app/ must not depend on Qt or ui/)"))
    return _one_per_line(problems)


def ui_violations(source: str, path: str) -> list[Violation]:
    problems = [
        Violation(path, line, f"imports {module} (ui/ must go through app.services, e.g. app.services.database)")
        for line, _function, module in imports_of(source, path)
        if _matches(module, FORBIDDEN_IN_UI)
    ]
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Name) and node.id in SESSION_NAMES:
            problems.append(Violation(path, node.lineno, f"uses {node.id} (ui/ must not hold a database session)"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SESSION_METHODS
            and _looks_like_database(node.func.value)
        ):
            problems.append(
                Violation(path, node.lineno, f"calls .{node.func.attr}() on the database (ui/ must call app.services)")
            )
        elif isinstance(node, ast.Attribute) and node.attr in {"session_factory", "unit_of_work", "engine"}:
            problems.append(Violation(path, node.lineno, f"reaches for .{node.attr} (ui/ must call app.services)"))
    return _one_per_line(problems)


def _looks_like_database(node: ast.expr) -> bool:
    """``db``, ``self.db``, ``ctx``, ``self._ctx``, ``context.db``: the objects that hand out sessions."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name.lstrip("_") in {"db", "database", "ctx", "context", "app_context", "session", "s"}


def _sources(folder: str) -> list[Path]:
    return sorted(p for p in (REPO / folder).rglob("*.py") if "__pycache__" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


# --- the rules, on the real code -----------------------------------------------------------------


def test_app_never_imports_qt_or_ui() -> None:
    files = _sources("app")
    assert len(files) > 10, "the app/ package was not found"
    problems = [v for f in files for v in app_violations(f.read_text(encoding="utf-8"), _rel(f))]
    assert not problems, "\n".join(map(str, problems))


def test_the_window_is_handed_to_the_command_line_from_ui() -> None:
    """``repat`` starts in ``ui.launcher``, which gives ``app.cli`` the window to start: the
    console script names it, and ``app/cli`` has no import of ``ui`` at all."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'repat = "ui.launcher:main"' in pyproject
    found = imports_of((REPO / "ui/launcher.py").read_text(encoding="utf-8"), "ui/launcher.py")
    top_level = {module for _line, function, module in found if not function}
    assert "app.cli.main" in top_level and not _matches_any(top_level, ("PySide6", "ui.main"))


def test_ui_never_touches_the_database() -> None:
    files = _sources("ui")
    assert files, "the ui/ package was not found"
    problems = [v for f in files for v in ui_violations(f.read_text(encoding="utf-8"), _rel(f))]
    assert not problems, "\n".join(map(str, problems))


def test_no_app_module_pulls_in_qt_when_imported() -> None:
    """The same rule at run time: importing every app module loads no Qt."""
    import importlib
    import subprocess
    import sys

    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__") for p in _sources("app")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(','.join(bad))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "", f"importing app/ loaded: {res.stdout.strip()}"
    assert importlib.util.find_spec("app") is not None


# --- self-check: the rules catch what they should, and only that --------------------------------

BAD_APP_SOURCES = [
    "from PySide6.QtCore import QObject\n",
    "import PySide6\n",
    "import PySide6.QtWidgets as w\n",
    "def f():\n    from PySide6 import QtGui\n",
    "import importlib\nqt = importlib.import_module('PySide6.QtCore')\n",
    "qt = __import__('PySide6')\n",
    "from ui.cases.model import CaseTableModel\n",
    "from ui import main\n",
]
GOOD_APP_SOURCES = [
    "import sqlalchemy\nfrom app.services import cases\n",
    "# from PySide6 import QtCore\nx = 'import PySide6'\n",
    "import uid\nimport uimodule\n",
]
BAD_UI_SOURCES = [
    "from sqlalchemy import select\n",
    "import sqlalchemy.orm\n",
    "from app.persistence.models import Case\n",
    "from app.persistence import models\n",
    "from app import persistence\n",
    "from sqlalchemy.orm import Session\n",
    "def f(ctx):\n    with ctx.unit_of_work() as s:\n        pass\n",
    "def f(self):\n    with self.ctx.reading() as s:\n        s.execute(q)\n",
    "def f(self):\n    with self._db.session() as s:\n        pass\n",
    "def f(db):\n    s = db.session_factory()\n",
    "def f(db):\n    return db.engine.connect()\n",
]
GOOD_UI_SOURCES = [
    "from PySide6.QtWidgets import QWidget\nfrom app.services import cases\n"
    "def f(ctx):\n    return cases.list_cases(ctx, cases.CaseQuery())\n",
    "# from sqlalchemy import select\ntext = 'Session'\n",
    "from app.domain import Role\nfrom app.errors import RepatError\n",
]


@pytest.mark.parametrize("source", BAD_APP_SOURCES)
def test_self_check_app_rule_catches(source: str) -> None:
    assert app_violations(source, "app/services/example.py")


@pytest.mark.parametrize("source", GOOD_APP_SOURCES)
def test_self_check_app_rule_allows(source: str) -> None:
    assert app_violations(source, "app/services/example.py") == []


def test_self_check_no_import_of_ui_inside_a_function_either() -> None:
    assert app_violations("def main():\n    from ui.main import run_gui\n", "app/cli/main.py")


def test_self_check_relative_imports_are_resolved() -> None:
    assert _resolve_relative("ui/views/x.py", ast.parse("from ..tasks import run_task").body[0]) == "ui.tasks"  # type: ignore[arg-type]
    assert ui_violations("from .persistence import models\n", "app/x.py")  # app.persistence
    assert ui_violations("from .tasks import run_task\n", "ui/x.py") == []
    assert app_violations("from . import cases\n", "app/services/x.py") == []


@pytest.mark.parametrize("source", BAD_UI_SOURCES)
def test_self_check_ui_rule_catches(source: str) -> None:
    assert ui_violations(source, "ui/example.py")


@pytest.mark.parametrize("source", GOOD_UI_SOURCES)
def test_self_check_ui_rule_allows(source: str) -> None:
    assert ui_violations(source, "ui/example.py") == []


def _matches_any(modules: set[str], prefixes: tuple[str, ...]) -> bool:
    return any(_matches(m, prefixes) for m in modules)


# --- the arrows: layers, circles, and the length of files ----------------------------------------

# Lowest first. A module may import its own layer and the layers before it, never one after it.
# Within a layer the feature packages may use each other, but never in a circle.
LAYERS: list[tuple[str, ...]] = [
    ("app", "app.errors", "app.ids", "app.paths", "app.filelock", "app.progress", "app.csvsafe",
     "app.lookalikes", "app.domain"),
    ("app.persistence",),
    ("app.sync", "app.documents"),
    ("app.services",),
    ("app.reports",),
    ("app.cli",),
    ("ui", "ui.i18n"),
    ("ui.widgets",),
    ("ui.intake", "ui.cases", "ui.documents", "ui.rounds", "ui.sync", "ui.reconciliation", "ui.forensics",
     "ui.admin", "ui.register"),
    ("ui.shell",),
    ("ui.main",),
    ("ui.launcher",),
]
# The packages whose members must not import each other round a circle.
FEATURE_PARENTS = ("app", "app.services", "ui")

LINE_LIMIT = 500
# path -> why it may be longer (generated files and data lists only)
LONG_FILES: dict[str, str] = {}


def module_name(path: str) -> str:
    return ".".join(Path(path).with_suffix("").parts).removesuffix(".__init__")


def import_graph(sources: dict[str, str]) -> dict[str, dict[str, int]]:
    """module -> {imported module of ``sources``: line}, every import counted (also inside a
    function). ``from a.b import c`` is an arrow to ``a.b.c`` when that is a module, else to ``a.b``."""
    modules = {module_name(path): path for path in sources}
    graph: dict[str, dict[str, int]] = {name: {} for name in modules}
    for name, path in modules.items():
        for line, _function, target in imports_of(sources[path], path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                graph[name].setdefault(target, line)
    return graph


def circles(graph: dict[str, dict[str, int]] | dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def feature_of(module: str) -> str | None:
    """The feature package a module belongs to (``ui.sync.devices`` -> ``ui.sync``), for the
    parents in ``FEATURE_PARENTS``; the deepest parent wins."""
    for parent in sorted(FEATURE_PARENTS, key=len, reverse=True):
        if module.startswith(parent + "."):
            return ".".join(module.split(".")[: parent.count(".") + 2])
    return None


def package_graph(graph: dict[str, dict[str, int]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        for target in targets:
            a, b = feature_of(module), feature_of(target)
            if a and b and a != b and not b.startswith(a + ".") and not a.startswith(b + "."):
                packages.setdefault(a, set()).add(b)
                packages.setdefault(b, set())
    return packages


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for i, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (best is None or len(name) > best[1]):
                best = (i, len(name))
    return None if best is None else best[0]


def upward_arrows(graph: dict[str, dict[str, int]], paths: dict[str, str]) -> list[Violation]:
    problems = []
    for module, targets in sorted(graph.items()):
        mine = layer_of(module)
        for target, line in sorted(targets.items()):
            theirs = layer_of(target)
            if mine is not None and theirs is not None and theirs > mine:
                problems.append(Violation(paths[module], line, f"{module} imports {target}, a layer above it"))
    return problems


def long_files(sources: dict[str, str]) -> list[str]:
    return sorted(
        f"{path}: {text.count(chr(10))} lines"
        for path, text in sources.items()
        if text.count("\n") > LINE_LIMIT and path not in LONG_FILES
    )


def _real_sources() -> dict[str, str]:
    return {_rel(p): p.read_text(encoding="utf-8") for folder in ("app", "ui") for p in _sources(folder)}


def test_no_two_modules_import_each_other() -> None:
    found = circles(import_graph(_real_sources()))
    assert not found, "import circles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_no_two_feature_packages_import_each_other() -> None:
    found = circles(package_graph(import_graph(_real_sources())))
    assert not found, "packages in a circle:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_every_arrow_points_down_the_layers() -> None:
    sources = _real_sources()
    paths = {module_name(p): p for p in sources}
    unplaced = sorted(m for m in paths if layer_of(m) is None)
    assert not unplaced, f"modules in no layer (add them to LAYERS): {unplaced}"
    problems = upward_arrows(import_graph(sources), paths)
    assert not problems, "\n".join(map(str, problems))


def test_no_file_is_over_500_lines() -> None:
    found = long_files(_real_sources())
    assert not found, "split along a real seam:\n" + "\n".join(found)
    stale = sorted(p for p in LONG_FILES if not (REPO / p).exists())
    assert not stale, f"LONG_FILES names files that are gone: {stale}"


def test_every_package_says_what_lives_there() -> None:
    silent = sorted(
        _rel(p) for folder in ("app", "ui") for p in (REPO / folder).rglob("__init__.py")
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    )
    assert not silent, f"packages without a docstring: {silent}"


# --- self-check of the arrows ---------------------------------------------------------------------


def test_self_check_a_circle_is_found_also_through_a_function_and_round_three() -> None:
    two = {"ui/a.py": "from ui import b\n", "ui/b.py": "def f():\n    from ui.a import x\n"}
    assert circles(import_graph(two)) == [["ui.a", "ui.b"]]
    three = {"app/x.py": "import app.y\n", "app/y.py": "from app import z\n", "app/z.py": "from app.x import q\n"}
    assert circles(import_graph(three)) == [["app.x", "app.y", "app.z"]]
    line = {"app/x.py": "import app.y\n", "app/y.py": "import app.z\n", "app/z.py": "x = 1\n"}
    assert circles(import_graph(line)) == []


def test_self_check_packages_in_a_circle_are_found() -> None:
    sources = {"ui/sync/wizard.py": "from ui.shell.settings import app_settings\n",
               "ui/shell/settings.py": "x = 1\n", "ui/shell/window.py": "from ui.sync import wizard\n"}
    assert circles(import_graph(sources)) == []
    assert circles(package_graph(import_graph(sources))) == [["ui.shell", "ui.sync"]]


def test_self_check_an_upward_arrow_is_found() -> None:
    sources = {"app/services/cases/intake.py": "def f():\n    from app.cli import main\n", "app/cli/main.py": "",
               "app/persistence/db.py": "from app.services import context\n", "app/services/context.py": "",
               "ui/widgets/errors.py": "from ui.shell import settings\n", "ui/shell/settings.py": "",
               "ui/intake/form.py": "from ui.widgets import errors\nfrom app.services import context\n"}
    paths = {module_name(p): p for p in sources}
    found = [str(v) for v in upward_arrows(import_graph(sources), paths)]
    assert found == [
        "app/persistence/db.py:1: app.persistence.db imports app.services.context, a layer above it",
        "app/services/cases/intake.py:2: app.services.cases.intake imports app.cli.main, a layer above it",
        "ui/widgets/errors.py:1: ui.widgets.errors imports ui.shell.settings, a layer above it",
    ]


def test_self_check_a_long_file_is_found() -> None:
    assert long_files({"app/a.py": "x = 1\n" * 501, "app/b.py": "x = 1\n" * 500}) == ["app/a.py: 501 lines"]
