"""Five reviewers and two drafters at once through gradio_client: no errors, no cross-talk."""

from evals.bench.load import run_load
from tests.browser import app_url  # noqa: F401  (fixture)


def test_concurrent_users_each_get_their_own_answers(app_url):  # noqa: F811
    result = run_load(app_url, reviewers=5, drafters=2, rounds=1)
    assert result["errors"] == []
    assert len(result["review"]) == 5 and len(result["draft"]) == 2
