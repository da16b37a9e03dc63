"""schemathesis over the OpenAPI description, with a valid admin token: no 500s.

Bounded: a few examples per operation, no deadline, no example database.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.web.app import create_app

EXAMPLES = {GenerationMode.POSITIVE: 6, GenerationMode.NEGATIVE: 4}
BUDGET_S = 240


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[tuple[Workspace, str]]:
    ws = init_workspace(tmp_path / "ws", "retail-nl", Settings()).workspace
    secret = create_token(ws, "fuzz", Role.ADMIN, actor="t")[1]
    yield ws, secret
    ws.close()


def test_no_operation_answers_a_server_error(admin: tuple[Workspace, str]) -> None:
    ws, secret = admin
    auth = {"Authorization": f"Bearer {secret}"}
    app = create_app(ws.settings)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, headers=auth)
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    failures: list[str] = []
    statuses: list[int] = []
    for operation in operations:
        for mode, examples in EXAMPLES.items():

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: schemathesis.Case) -> None:
                response = case.call(headers=auth)
                if (
                    case.meta is None
                    or case.meta.generation.mode is GenerationMode.POSITIVE
                ):
                    statuses.append(response.status_code)
                if response.status_code >= 500:
                    failures.append(f"{case.operation.label}: {response.status_code}")
                case.validate_response(response, checks=[not_a_server_error])

            try:
                run()
            except Unsatisfiable:
                # Nothing to make invalid (no parameters, no body): fine.
                assert mode is GenerationMode.NEGATIVE, operation.label
        assert time.monotonic() - started < BUDGET_S
    assert failures == []
    assert len(statuses) > 50
    # The token opened the doors: valid requests got past the locks (negative
    # cases may drop the Authorization header on purpose, so they are not counted).
    assert statuses.count(200) >= 5 and 401 not in statuses and 403 not in statuses
