import pytest

from tests.conftest import run_artifacts

from .test_hostile_input import TRIED


@pytest.fixture(scope="session", autouse=True)
def _write_count(request):
    # xdist names its workers; a run without xdist is the one "master".
    worker_id = getattr(request.config, "workerinput", {}).get("workerid", "master")
    yield
    if TRIED["count"]:
        counts = run_artifacts("hostile")
        counts.mkdir(parents=True, exist_ok=True)
        (counts / f"{worker_id}.count").write_text(str(TRIED["count"]))
