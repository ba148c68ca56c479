import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch):
    """A private, empty corpus cache directory."""
    monkeypatch.setenv("WORDVEC_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"
