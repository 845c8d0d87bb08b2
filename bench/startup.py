"""Start-up to a usable main window: ``repat --db FILE`` in a fresh process, logged in through
``REPAT_EXIT_AFTER_START`` (the main window is shown with its rounds loaded, then it quits).
The baseline is a bare PySide6 window started the same way."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench.dataset import PASSWORD
from bench.measure import Result

STARTUP_TARGET = 1.5
REPO = Path(__file__).resolve().parent.parent
SHOWN = re.compile(r"main window shown ([0-9.]+) s after start")

# Seconds since the process started, measured as ui.main measures it (Linux), printed once the
# window is on screen.
BARE_WINDOW = textwrap.dedent("""
    import os, time
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    w = QMainWindow(); w.resize(1200, 800); w.show(); app.processEvents()
    with open("/proc/self/stat") as fh:
        start = int(fh.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as fh:
        uptime = float(fh.read().split()[0])
    print(f"shown {uptime - start / os.sysconf('SC_CLK_TCK'):.3f}", flush=True)
""")


def _repat_command() -> list[str]:
    script = Path(sys.executable).with_name("repat")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.launcher"]


def _env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false", "REPAT_DATA_DIR": data_dir,
        "REPAT_EXIT_AFTER_START": "1", "REPAT_USER": "ivan", "REPAT_PASSWORD": PASSWORD,
    })
    return env


def _one_start(db_path: Path, data_dir: str) -> tuple[float, float | None, str]:
    """(wall seconds until the process exited, seconds reported until the window was usable, output)"""
    started = time.perf_counter()
    res = subprocess.run(
        [*_repat_command(), "--db", str(db_path)], cwd=REPO, env=_env(data_dir), capture_output=True, text=True,
        timeout=120, check=False,
    )
    wall = time.perf_counter() - started
    found = SHOWN.search(res.stdout + res.stderr)
    return wall, (float(found.group(1)) if found else None), (res.stdout + res.stderr).strip()


def _bare_window() -> float:
    res = subprocess.run([sys.executable, "-c", BARE_WINDOW], env=_env(tempfile.gettempdir()), capture_output=True,
                         text=True, timeout=60, check=True)
    return float(res.stdout.split()[-1])


def bench_startup(db_path: Path, n: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="repat-bench-settings-") as data_dir:
        _one_start(db_path, data_dir)  # warm the file cache, as any second start would find it
        runs = [_one_start(db_path, data_dir) for _ in range(n)]
    shown = [s for _w, s, _o in runs if s is not None]
    baseline = [_bare_window() for _ in range(n)]
    if len(shown) == len(runs):
        return Result("start-up to a usable main window", "sqlite", shown, baseline, "bare Qt window",
                      STARTUP_TARGET, note="process start until the main window is shown with its rounds "
                      "loaded (includes the password check)")
    output = runs[-1][2].splitlines()[-3:]
    return _fallback(db_path, n, baseline, note=f"REPAT_EXIT_AFTER_START gave no figure ({' | '.join(output)}); "
                     "measured open_database + login + import of ui.shell.main_window instead")


def _fallback(db_path: Path, n: int, baseline: list[float], note: str) -> Result:
    code = textwrap.dedent(f"""
        import time
        t = time.perf_counter()
        from app.persistence.db import open_database
        from app.services.admin import accounts
        db = open_database({str(db_path)!r})
        accounts.login(db, "ivan", {PASSWORD!r})
        import ui.shell.main_window
        print(f"took {{time.perf_counter() - t:.3f}}")
    """)
    samples = []
    for _ in range(n):
        res = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=_env(tempfile.gettempdir()),
                             capture_output=True, text=True, timeout=120, check=True)
        samples.append(float(res.stdout.split()[-1]))
    return Result("start-up (open + login + import window)", "sqlite", samples, baseline, "bare Qt window",
                  STARTUP_TARGET, note=note)
