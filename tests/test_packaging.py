"""The wheel and the PyInstaller spec carry what an installed Repat needs: fonts, translations,
icons and migrations; and what the analysis cannot see (modules imported by migrations/env.py
or with exec())."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.children import REPO

sys.path.insert(0, str(REPO / "packaging"))
import spec_common  # noqa: E402

PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "repat"  # a clean copy: no build/ left from an earlier build
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    (found,) = out.glob("repat-*.whl")
    return found


def test_the_wheel_carries_resources_and_migrations(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for script in (REPO / "migrations" / "versions").glob("*.py"):
        assert f"app/_bundled/migrations/versions/{script.name}" in names
    for needed in ("migrations/env.py", "migrations/script.py.mako", "resources/fonts/DejaVuSans.ttf",
                   "resources/fonts/LICENSE-DejaVu.txt", "resources/translations/repat_uk.qm",
                   "resources/icons/repat.svg", "resources/icons/hicolor/256x256/apps/repat.png"):
        assert f"app/_bundled/{needed}" in names, needed


def test_an_installed_wheel_creates_a_database(wheel: Path, tmp_path: Path):
    """Unpacked without the source tree on the path, the wheel sets up a fresh database."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REPAT_", "PYTEST"))}
    env.update({"PYTHONPATH": str(site), "REPAT_DATA_DIR": str(tmp_path / "userdata"),
                "REPAT_PASSWORD": PASSWORD, "PYTHONDONTWRITEBYTECODE": "1"})
    code = """
import sys, app, app.paths
assert app.__file__.startswith(sys.argv[1]), app.__file__
assert (app.paths.resources_dir() / "fonts" / "DejaVuSans.ttf").is_file()
from app.cli.main import main
raise SystemExit(main(sys.argv[2:]))
"""
    db = tmp_path / "fresh.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", code, str(site), "--db", str(db), "init", "--device-code", "KH01",
         "--device-name", "Laptop", "--username", "olena", "--full-name", "Олена"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-c", code, str(site), "--db", str(db), "users", "list"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "olena" in done.stdout


def test_the_spec_names_what_the_analysis_cannot_see():
    env_py = (REPO / "migrations" / "env.py").read_text()
    assert "import logging.config" in env_py  # if this goes, so can the hidden import
    assert "logging.config" in spec_common.HIDDEN_IMPORTS
    assert "_rl_accel" in spec_common.HIDDEN_IMPORTS
    assert "app.cli.commands.core" in spec_common.HIDDEN_IMPORTS
    assert ("resources", "resources") in [(Path(src).name, dest) for src, dest in spec_common.DATAS]
    assert ("migrations", "migrations") in [(Path(src).name, dest) for src, dest in spec_common.DATAS]


def test_every_command_module_is_named_for_the_bundle():
    """app/cli/main.py imports the command modules by name: each must be a hidden import, or the
    installed ``repat`` would lack that command."""
    modules = {f"app.cli.commands.{p.stem}" for p in (REPO / "app" / "cli" / "commands").glob("*.py")
               if p.stem != "__init__"}
    assert "app.cli.commands.letter" in modules
    assert modules <= set(spec_common.HIDDEN_IMPORTS), sorted(modules - set(spec_common.HIDDEN_IMPORTS))


def test_the_bundle_leaves_out_qt_parts_repat_does_not_use():
    used = set()
    for path in [*(REPO / "ui").glob("*.py"), *(REPO / "app").rglob("*.py")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("from PySide6.Qt"):
                used.add(line.split()[1].split(".")[1])
    assert used, "ui/ imports Qt"
    assert not used & set(spec_common.QT_UNUSED)
    assert spec_common.is_unused("PySide6/Qt/lib/libQt6Quick.so.6")
    assert spec_common.is_unused("PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so")
    assert not spec_common.is_unused("PySide6/Qt/lib/libQt6Widgets.so.6")
    assert not spec_common.is_unused("PySide6/Qt/plugins/platforms/libqoffscreen.so")


def test_the_desktop_entry_names_an_icon_that_is_shipped():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(REPO / "packaging" / "repat.desktop", encoding="utf-8")
    icon = entry["Desktop Entry"]["Icon"]
    icons = REPO / "resources" / "icons"
    assert (icons / f"{icon}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (icons / "hicolor" / f"{size}x{size}" / "apps" / f"{icon}.png").is_file(), size
    assert (icons / f"{icon}.ico").is_file()


def test_the_windows_installer_packs_what_the_windows_spec_builds():
    """It cannot be built here: check that the spec, the installer script and the files they
    name agree (the programs, the folder, the icon), and that uninstalling leaves the user's data."""
    import re

    spec = (REPO / "packaging" / "repat-windows.spec").read_text(encoding="utf-8")
    iss = (REPO / "packaging" / "repat.iss").read_text(encoding="utf-8")
    programs = set(re.findall(r'name="([\w-]+)", console=(True|False)', spec))
    assert programs == {("repat-gui", "False"), ("repat", "True")}
    assert 'COLLECT(' in spec and 'name="repat")' in spec
    assert "spec_common.EXCLUDES" in spec and "spec_common.prune" in spec
    for launcher in re.findall(r'analysis\("([\w.]+)"\)', spec):
        assert (REPO / "packaging" / launcher).is_file(), launcher
    assert r'Source: "..\dist\repat\*"' in iss
    assert set(re.findall(r'\{app\}\\([\w-]+)\.exe', iss)) == {"repat-gui"}
    for name in re.findall(r"(?:SetupIconFile)=(.+)", iss):
        assert (REPO / "packaging" / name.strip().replace("\\", "/")).resolve().is_file(), name
    assert "{group}" in iss and "{uninstallexe}" in iss  # a Start-menu entry and its uninstaller
    assert "[UninstallDelete]" not in iss and "{localappdata}" not in iss and "{userappdata}" not in iss


def test_the_windowed_launcher_runs_without_a_console(tmp_path: Path):
    """A windowed Windows program starts with sys.stdout and sys.stderr set to None: the
    launcher gives them somewhere to go, so --version (and every message) does not fail."""
    db = tmp_path / "demo.sqlite3"
    for args in (["--version"], ["demo", "--db", str(db)], ["cases", "list", "--db", str(db)]):
        code = (
            f"import runpy, sys; sys.stdout = sys.stderr = None; sys.argv = ['repat-gui', *{args!r}]; "
            f"runpy.run_path({str(REPO / 'packaging' / 'launcher_gui.py')!r}, run_name='__main__')"
        )
        done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                              timeout=120, env={**os.environ, "REPAT_DATA_DIR": str(tmp_path)})
        assert done.returncode == 0, (args, done.stderr)
    assert db.is_file()
