import pytest

from app.core.exchange.model import ExportData
from exporters_sample import sample_data


@pytest.fixture
def data() -> ExportData:
    return sample_data()
