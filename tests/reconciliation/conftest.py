"""Fixtures: the injected-discrepancy scenario on each backend."""

from __future__ import annotations

import pytest

from app.domain import Role
from app.services.context import AppContext
from tests.reconciliation.scenario import Scenario, build, contexts_of


@pytest.fixture
def scenario(contexts: dict[Role, AppContext]) -> Scenario:
    return build(*contexts_of(contexts))
