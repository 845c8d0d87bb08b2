"""Timing helpers and the result table."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


def percentile(samples: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(fn: Callable[[int], object], n: int, warmup: int = 3) -> list[float]:
    """Seconds taken by ``fn(i)`` for ``i`` in ``range(n)``, after ``warmup`` untimed calls."""
    for i in range(warmup):
        fn(-1 - i)
    samples = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - start)
    return samples


@dataclass
class Result:
    operation: str
    backend: str
    samples: list[float]
    baseline: list[float] | None
    baseline_label: str
    target: float | None  # seconds, compared with p95; None = for information
    note: str = ""

    @property
    def p50(self) -> float:
        return percentile(self.samples, 50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def baseline_p50(self) -> float | None:
        return percentile(self.baseline, 50) if self.baseline else None

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.p95 <= self.target


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f}" if seconds < 10 else f"{seconds:.1f} s"


def table(results: list[Result]) -> str:
    headers = ["operation", "db", "n", "p50 ms", "p95 ms", "baseline p50 ms", "ratio", "target (p95)", "result"]
    rows = []
    for r in results:
        base = r.baseline_p50
        ratio = f"{r.p50 / base:.1f}x" if base else "-"
        target = f"<= {r.target * 1000:.0f} ms" if r.target is not None else "-"
        verdict = {True: "PASS", False: "FAIL", None: "info"}[r.passed]
        rows.append([
            r.operation, r.backend, str(len(r.samples)), _ms(r.p50), _ms(r.p95),
            f"{_ms(base)} ({r.baseline_label})" if base is not None else "-", ratio, target, verdict,
        ])
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    right = {2, 3, 4, 6}

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    notes = [f"  {r.operation} [{r.backend}]: {r.note}" for r in results if r.note]
    if notes:
        out += ["", "Notes:", *notes]
    return "\n".join(out)
