import gzip
import json

import numpy as np
import pytest

from wordvec_helpers import datasets


def test_precept_toy_data():
    assert datasets.precept_sentence() == ["I", "like", "cats", "and", "dogs"]
    words, W = datasets.precept_count_table()
    assert words == ["I", "like", "dogs"] and W.sum() == 120
    np.testing.assert_array_equal(W.sum(axis=1), [20, 50, 50])
    targets, contexts, counts = datasets.jurafsky_martin_counts()
    assert counts.shape == (len(targets), len(contexts)) == (4, 5)


def test_wikipedia_sample_is_real_clean_text(isolated_cache):
    articles = datasets.wikipedia_sample()
    n_tokens = sum(map(len, articles))
    assert len(articles) > 100 and 400_000 < n_tokens < 500_000
    assert articles[0][:4] == ["anarchism", "is", "a", "political"]
    assert all(t == t.lower() and "[" not in t and "|" not in t for a in articles for t in a)
    assert list(isolated_cache.glob("wikipedia_sample*"))  # cached for the next call
    assert datasets.wikipedia_sample() == articles


def test_news_sample(isolated_cache):
    lines = datasets.news_sample()
    assert len(lines) == 300 and 50_000 < sum(map(len, lines)) < 70_000


def _cache_file(cache):
    return next(cache.glob("news_sample*"))


def test_corrupt_cache_is_rebuilt(isolated_cache):
    expected = datasets.news_sample()
    _cache_file(isolated_cache).write_bytes(b"not gzip at all")
    assert datasets.news_sample() == expected
    with gzip.open(_cache_file(isolated_cache), "rt") as f:
        assert json.load(f)["n_tokens"] == sum(map(len, expected))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p: p["key"].update(format=-1),  # another cache format
        lambda p: p["key"].update(source_sha256="0" * 64),  # another source file
        lambda p: p["key"].update(tokenizer="old"),  # another tokenizer
        lambda p: p["sentences"][0].append("extra"),  # truncated or edited content
        lambda p: p.pop("sentences"),
    ],
)
def test_stale_or_tampered_cache_is_not_trusted(isolated_cache, tamper):
    expected = datasets.news_sample()
    path = _cache_file(isolated_cache)
    with gzip.open(path, "rt") as f:
        payload = json.load(f)
    payload["sentences"][0] = ["tampered"]
    payload["n_tokens"] = sum(map(len, payload["sentences"]))
    tamper(payload)
    with gzip.open(path, "wt") as f:
        json.dump(payload, f)
    assert datasets.news_sample() == expected


def test_intact_cache_is_used(isolated_cache):
    """The control for the test above: a valid cache file is read, not rebuilt."""
    datasets.news_sample()
    path = _cache_file(isolated_cache)
    with gzip.open(path, "rt") as f:
        payload = json.load(f)
    payload["sentences"][0] = ["from", "the", "cache"]
    payload["n_tokens"] = sum(map(len, payload["sentences"]))
    with gzip.open(path, "wt") as f:
        json.dump(payload, f)
    assert datasets.news_sample()[0] == ["from", "the", "cache"]


def test_unwritable_cache_still_returns_the_data(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("WORDVEC_CACHE_DIR", str(blocker / "cache"))
    assert len(datasets.news_sample()) == 300


def test_wordsim353():
    pairs = datasets.wordsim353()
    assert len(pairs) == 353
    assert pairs[0] == ("love", "sex", 6.77)
    assert all(0 <= score <= 10 for *_, score in pairs)


def test_missing_gensim_file_is_explained():
    with pytest.raises(FileNotFoundError, match="no-such-file.txt is missing from gensim"):
        datasets.gensim_data_path("no-such-file.txt")
