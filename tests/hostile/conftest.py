import os

import pytest

from .test_hostile_input import TRIED

COUNTS = os.path.join(os.path.dirname(__file__), "..", "..", "test-artifacts", "hostile")


@pytest.fixture(scope="session", autouse=True)
def _write_count(request):
    # xdist names its workers; a run without xdist is the one "master".
    worker_id = getattr(request.config, "workerinput", {}).get("workerid", "master")
    yield
    if TRIED["count"]:
        os.makedirs(COUNTS, exist_ok=True)
        with open(os.path.join(COUNTS, f"{worker_id}.count"), "w") as handle:
            handle.write(str(TRIED["count"]))
