"""The data this course uses: the precept's toy examples and real text, all offline.

The real text and benchmarks ship inside the gensim package (``gensim/test/test_data/``), so
nothing is downloaded. Cleaned corpora are cached under a user cache directory
(``$WORDVEC_CACHE_DIR``, else ``$XDG_CACHE_HOME/wordvec_helpers``, else
``~/.cache/wordvec_helpers``); a cache file that is corrupt, or was written from another
source file or by another tokenizer, is rebuilt rather than trusted.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from . import corpus

WIKIPEDIA_FILE = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
NEWS_FILE = "lee_background.cor"
WORDSIM353_FILE = "wordsim353.tsv"

# Bump when the cleaning changes in a way the tokenizer pattern does not capture.
_CACHE_FORMAT = 1


# --------------------------------------------------------------------------------------------
# The precept's toy examples
# --------------------------------------------------------------------------------------------


def precept_sentence() -> list[str]:
    """The precept's example sentence, as the slides write it: "I like cats and dogs"."""
    return ["I", "like", "cats", "and", "dogs"]


def precept_count_table() -> tuple[list[str], np.ndarray]:
    """The precept's 3-word co-occurrence table (rows and columns I, like, dogs).

    Returns
    -------
    words : list[str]              ["I", "like", "dogs"]
    counts : ndarray of shape (3, 3), int64, W[t, c] as on the slides (total 120)
    """
    words = ["I", "like", "dogs"]
    counts = np.array([[0, 10, 10], [10, 0, 40], [10, 40, 0]], dtype=np.int64)
    return words, counts


def jurafsky_martin_counts() -> tuple[list[str], list[str], np.ndarray]:
    """Jurafsky & Martin's (ch. 6) term-context counts from Wikipedia.

    Returns
    -------
    targets : list[str]   ["cherry", "strawberry", "digital", "information"]
    contexts : list[str]  ["computer", "data", "result", "pie", "sugar"]
    counts : ndarray of shape (4, 5), int64
    """
    targets = ["cherry", "strawberry", "digital", "information"]
    contexts = ["computer", "data", "result", "pie", "sugar"]
    counts = np.array(
        [
            [2, 8, 9, 442, 25],
            [0, 0, 1, 60, 19],
            [1670, 1683, 85, 5, 4],
            [3325, 3982, 378, 5, 13],
        ],
        dtype=np.int64,
    )
    return targets, contexts, counts


# --------------------------------------------------------------------------------------------
# Files shipped with gensim
# --------------------------------------------------------------------------------------------


def gensim_data_path(filename: str) -> Path:
    """Path of a file in gensim's bundled test data; a clear error if it is missing."""
    try:
        from gensim.test.utils import datapath
    except ImportError as exc:  # pragma: no cover - gensim is a dependency
        raise ImportError(
            "gensim is needed for the course data (it ships the files offline); "
            'install the project with `pip install -e ".[dev]"`'
        ) from exc
    path = Path(datapath(filename))
    if not path.is_file():
        raise FileNotFoundError(
            f"{filename} is missing from gensim's test data ({path.parent}); "
            "reinstall gensim (pip install --force-reinstall gensim)"
        )
    return path


def cache_dir() -> Path:
    """Where cleaned corpora are cached."""
    if os.environ.get("WORDVEC_CACHE_DIR"):
        return Path(os.environ["WORDVEC_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wordvec_helpers"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cache_key(source: Path) -> dict:
    return {
        "format": _CACHE_FORMAT,
        "source": source.name,
        "source_sha256": _sha256(source),
        "tokenizer": corpus._WORD.pattern + " " + corpus._POSSESSIVE.pattern,
    }


def _read_cache(path: Path, key: dict) -> list[list[str]] | None:
    """The cached sentences if the file is intact and matches ``key``, else None."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            payload = json.load(f)
        sentences = payload["sentences"]
        valid = (
            payload["key"] == key
            and isinstance(sentences, list)
            and all(isinstance(s, list) for s in sentences)
            and sum(map(len, sentences)) == payload["n_tokens"]
        )
    except (OSError, EOFError, ValueError, KeyError, TypeError):
        return None
    return sentences if valid else None


def _write_cache(path: Path, key: dict, sentences: list[list[str]]) -> None:
    payload = {"key": key, "n_tokens": sum(map(len, sentences)), "sentences": sentences}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as f:
            json.dump(payload, f)
        os.replace(tmp, path)  # atomic: a reader never sees a half-written file
    except OSError:
        pass  # an unwritable cache only costs time


def _cached(source: Path, name: str, clean) -> list[list[str]]:
    key = _cache_key(source)
    path = cache_dir() / f"{name}.json.gz"
    sentences = _read_cache(path, key)
    if sentences is None:
        sentences = clean(source)
        _write_cache(path, key, sentences)
    return sentences


def _clean_wikipedia(source: Path) -> list[list[str]]:
    from gensim.corpora.wikicorpus import extract_pages, filter_wiki

    articles = []
    with bz2.open(source) as dump:
        for _title, text, _page_id in extract_pages(dump, filter_namespaces=("0",)):
            if text.lstrip().lower().startswith("#redirect"):
                continue
            tokens = corpus.tokenize(filter_wiki(text))
            if tokens:
                articles.append(tokens)
    return articles


def _clean_lines(source: Path) -> list[list[str]]:
    lines = source.read_text(encoding="utf-8").splitlines()
    return [tokens for tokens in map(corpus.tokenize, lines) if tokens]


def wikipedia_sample() -> list[list[str]]:
    """A real Wikipedia sample: 107 articles (Anarchism, Achilles, ...), ~467k tokens.

    The wiki markup is removed with gensim's ``filter_wiki``; tokens come from
    :func:`wordvec_helpers.corpus.tokenize`. Returns one token list per article.
    """
    return _cached(gensim_data_path(WIKIPEDIA_FILE), "wikipedia_sample", _clean_wikipedia)


def news_sample() -> list[list[str]]:
    """The Lee news corpus (Australian Broadcasting Corporation): 300 lines, ~60k tokens."""
    return _cached(gensim_data_path(NEWS_FILE), "news_sample", _clean_lines)


# --------------------------------------------------------------------------------------------
# Word-similarity benchmarks
# --------------------------------------------------------------------------------------------


def wordsim353() -> list[tuple[str, str, float]]:
    """WordSim-353 (Finkelstein et al. 2002): 353 word pairs with human relatedness scores
    from 0 to 10, lowercased. Returns a list of (word1, word2, score)."""
    path = gensim_data_path(WORDSIM353_FILE)
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            if len(fields) != 3:
                raise ValueError(f"expected 3 tab-separated fields, found {len(fields)}")
            score = float(fields[2])
        except ValueError as exc:
            raise ValueError(f"{path.name} line {number} is malformed ({exc}): {line!r}") from None
        pairs.append((fields[0].lower(), fields[1].lower(), score))
    if not pairs:
        raise ValueError(f"{path.name} holds no word pairs")
    return pairs
