"""Build step that pyproject.toml cannot express: the wheel carries resources/ (fonts,
translations, icons) and migrations/ inside the ``app`` package, as ``app/_bundled/``, so an
installed Repat (pip, pipx, any OS) can create and upgrade its database and print certificates.
A source checkout and an editable install read the folders at the project root instead."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("resources", "migrations")


class build_py_with_resources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in BUNDLED:
            shutil.copytree(
                ROOT / name,
                Path(self.build_lib) / "app" / "_bundled" / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts"),
            )


setup(cmdclass={"build_py": build_py_with_resources})
