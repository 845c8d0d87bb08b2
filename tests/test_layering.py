"""The architecture's two rules, checked on the source of every module:

* ``app/`` never imports PySide6 (nor ``ui``); the one exception is the lazy
  ``from ui.main import run_gui`` inside ``app/cli.py:main``, which starts the GUI.
* ``ui/`` never touches the database: no SQLAlchemy, no ``app.persistence``, no Session,
  no unit of work — it calls ``app.services``.

The checks parse the files with ``ast`` (so comments and strings do not count) and include a
self-check on small synthetic sources, so they are known to be able to fail.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# (module path relative to the repository, enclosing function, imported module and its names)
ALLOWED_APP_IMPORTS = {("app/cli/main.py", "main", "ui.main")}

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
    for line, function, module in imports_of(source, path):
        if not _matches(module, FORBIDDEN_IN_APP):
            continue
        if any(path == p and function == f and _matches(module, (m,)) for p, f, m in ALLOWED_APP_IMPORTS):
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


def test_the_cli_starts_the_gui_only_lazily() -> None:
    """The one exception exists and stays inside ``main`` (not at module level)."""
    found = imports_of((REPO / "app/cli/main.py").read_text(encoding="utf-8"), "app/cli/main.py")
    ui_imports = [(function, module) for _line, function, module in found if _matches(module, ("ui",))]
    assert ui_imports and all(function == "main" for function, _ in ui_imports)


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


def test_self_check_the_cli_exception_is_narrow() -> None:
    lazy = "def main():\n    from ui.main import run_gui\n"
    assert app_violations(lazy, "app/cli/main.py") == []
    assert app_violations("from ui.main import run_gui\n", "app/cli/main.py")  # at module level
    assert app_violations("def other():\n    from ui.main import run_gui\n", "app/cli/main.py")
    assert app_violations(lazy, "app/services/cases.py")  # only in the CLI


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
