"""Time-ordered identifiers and the hybrid logical clock.

Every synced row carries a UUIDv7 made on the device that created it; every row version carries
a hybrid logical clock (HLC) stamp. Both sort by time as text, so they compare the same way on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0


def uuid7() -> str:
    """A UUIDv7 (RFC 9562) as text, monotonic within this process."""
    global _last_ms, _last_rand
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            rand = _last_rand + 1
        else:
            rand = int.from_bytes(os.urandom(10), "big") >> 6  # 74 random bits
            rand &= ~(1 << 73)  # leave headroom so increments do not overflow
        _last_ms, _last_rand = ms, rand
    rand_a = (rand >> 62) & 0xFFF
    rand_b = rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= rand_a << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


MAX_COUNTER = 99_999  # five digits in a stamp


class HybridLogicalClock:
    """A hybrid logical clock whose stamps sort as text: ``MMMMMMMMMMMMM-CCCCC-DEVICE``.

    ``now()`` never returns a stamp lower than one it returned or observed before, even when the
    wall clock goes backwards (a laptop whose battery died and lost the time).
    """

    def __init__(self, device: str, wall_ms: int = 0, counter: int = 0) -> None:
        self.device = device
        self._ms = wall_ms
        self._counter = counter
        self._lock = threading.Lock()

    @staticmethod
    def parse(stamp: str) -> tuple[int, int, str]:
        ms, counter, device = stamp.split("-", 2)
        return int(ms), int(counter), device

    def _format(self) -> str:
        return f"{self._ms:013d}-{self._counter:05d}-{self.device}"

    def now(self) -> str:
        with self._lock:
            wall = time.time_ns() // 1_000_000
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._counter += 1
                if self._counter > MAX_COUNTER:
                    # Keep the stamp's fixed width (so text order stays time order): move the
                    # logical millisecond on instead of widening the counter.
                    self._ms, self._counter = self._ms + 1, 0
            return self._format()

    def observe(self, stamp: str) -> None:
        """Move the clock up to a stamp received from another device, so the next ``now()`` is
        later than it."""
        ms, counter, _ = self.parse(stamp)
        with self._lock:
            if (ms, counter) > (self._ms, self._counter):
                self._ms, self._counter = ms, min(counter, MAX_COUNTER)
