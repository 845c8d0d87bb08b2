"""What every test of the user interface starts from: the application in English (the texts the
tests look for), and no background work of one test still running into the next."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ui import i18n
from ui.widgets import tasks


@pytest.fixture(autouse=True)
def _english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    i18n.install(i18n.ENGLISH)  # (tests/conftest.py puts English back after every test)
    yield


@pytest.fixture(autouse=True)
def _no_background_work_left() -> Iterator[None]:
    yield
    tasks.wait_for_all(10000)
