import pytest

from app.core.nlp.pipelines import installed_pipelines

TRAINED = [n for n, _ in installed_pipelines("en")]
PIPELINES = ["blank", *TRAINED[:1]]


@pytest.fixture(params=PIPELINES)
def pipeline(request):
    """Each test runs with the blank (rules-only) pipeline and, when installed, a trained one."""
    return request.param
