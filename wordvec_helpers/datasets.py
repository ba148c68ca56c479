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
SIMLEX999_FILE = "simlex999.txt"
ANALOGIES_FILE = "questions-words.txt"
POLARITY_FILE = "pang_lee_polarity.cor"

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
    """A real Wikipedia sample: 106 articles (Anarchism, Achilles, ...), ~467k tokens.

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


def _benchmark_path(path, default_name: str) -> Path:
    """``path`` if given (it must exist), else the file shipped with gensim."""
    if path is None:
        return gensim_data_path(default_name)
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path.name} not found: no such file {str(path)!r}")
    return path


def _read_lines(path: Path, encoding: str = "utf-8") -> list[str]:
    try:
        return path.read_text(encoding=encoding).splitlines()
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path.name} is not {encoding} text ({exc})") from None


def _read_word_pairs(path: Path) -> list[tuple[str, str, float]]:
    """Parse a word-pair file: ``word1<TAB>word2<TAB>score`` per line, ``#`` comment lines.

    Words are lowercased. A line with another number of fields, or a score that is not a
    finite number, raises a ValueError naming the file and the line.
    """
    pairs = []
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            if len(fields) != 3:
                raise ValueError(f"expected 3 tab-separated fields, found {len(fields)}")
            if not fields[0].strip() or not fields[1].strip():
                raise ValueError("a word is empty")
            score = float(fields[2])
            if not np.isfinite(score):
                raise ValueError(f"the score {fields[2]!r} is not a finite number")
        except ValueError as exc:
            raise ValueError(f"{path.name} line {number} is malformed ({exc}): {line!r}") from None
        pairs.append((fields[0].strip().lower(), fields[1].strip().lower(), score))
    if not pairs:
        raise ValueError(f"{path.name} holds no word pairs")
    return pairs


def wordsim353(path=None) -> list[tuple[str, str, float]]:
    """WordSim-353 (Finkelstein et al. 2002): 353 word pairs with human relatedness scores
    from 0 to 10, lowercased. Returns a list of (word1, word2, score).

    ``path`` reads another file in the same format instead of the one gensim ships.
    """
    return _read_word_pairs(_benchmark_path(path, WORDSIM353_FILE))


def simlex999(path=None) -> list[tuple[str, str, float]]:
    """SimLex-999 (Hill, Reichart & Korhonen 2015): 999 word pairs with human *similarity*
    scores from 0 to 10, lowercased. Returns a list of (word1, word2, score).

    Unlike WordSim-353, SimLex-999 rates similarity, not relatedness: "coffee" and "cup" are
    related but not similar, so they score low here. Introduced in notebook 07.
    """
    return _read_word_pairs(_benchmark_path(path, SIMLEX999_FILE))


def google_analogies(path=None) -> dict[str, list[tuple[str, str, str, str]]]:
    """The Google analogy questions (Mikolov et al. 2013, ``questions-words.txt``).

    19,544 questions "a is to b as c is to d" in 14 sections (5 semantic ones such as
    ``capital-common-countries``, 9 syntactic ones named ``gram1-...`` to ``gram9-...``).

    Returns
    -------
    dict mapping each section name, in file order, to its list of (a, b, c, d) questions,
    lowercased (evaluation is case-insensitive anyway, as in gensim).

    A question line before the first ``: section`` line, a line without exactly 4 words, a
    repeated or empty section raises a ValueError naming the file and the line.
    Introduced in notebook 07.
    """
    path = _benchmark_path(path, ANALOGIES_FILE)
    sections: dict[str, list[tuple[str, str, str, str]]] = {}
    current = None
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        if line.startswith(":"):
            name = line[1:].strip()
            if not name:
                raise ValueError(f"{path.name} line {number}: a section header needs a name")
            if name in sections:
                raise ValueError(f"{path.name} line {number}: section {name!r} appears twice")
            if current is not None and not sections[current]:
                raise ValueError(f"{path.name}: section {current!r} has no questions")
            sections[name] = []
            current = name
            continue
        if current is None:
            raise ValueError(
                f"{path.name} line {number}: a question before the first ': section' line: "
                f"{line!r}"
            )
        words = line.split()
        if len(words) != 4:
            raise ValueError(
                f"{path.name} line {number} is malformed (expected 4 words a b c d, "
                f"found {len(words)}): {line!r}"
            )
        a, b, c, d = (word.lower() for word in words)
        sections[current].append((a, b, c, d))
    if not sections:
        raise ValueError(f"{path.name} holds no ': section' lines and no questions")
    if not sections[current]:
        raise ValueError(f"{path.name}: section {current!r} has no questions")
    return sections


_POLARITY_LABELS = {"__label__neg": 0, "__label__pos": 1}


def movie_polarity(path=None) -> tuple[list[list[str]], np.ndarray]:
    """Movie-review sentences labelled positive or negative (Pang & Lee 2005): the 200
    sentences (100 of each) that gensim ships as ``pang_lee_polarity.cor``.

    Returns
    -------
    sentences : list of 200 token lists, tokenized by :func:`wordvec_helpers.corpus.tokenize`
        (the same tokenizer as the training corpora, so words match the vocabulary)
    labels : ndarray of shape (200,), int64: 1 = positive, 0 = negative

    Every line must be ``__label__pos`` or ``__label__neg`` followed by the sentence; any
    other line raises a ValueError naming the file and the line. Introduced in notebook 07.
    """
    path = _benchmark_path(path, POLARITY_FILE)
    sentences, labels = [], []
    # The original Pang & Lee files are Windows-1252 ("clichés"; an em dash is the byte 0x97).
    for number, line in enumerate(_read_lines(path, "cp1252"), start=1):
        if not line.strip():
            continue
        label, _, text = line.strip().partition(" ")
        if label not in _POLARITY_LABELS:
            raise ValueError(
                f"{path.name} line {number} is malformed (it must start with __label__pos or "
                f"__label__neg, found {label!r}): {line[:60]!r}"
            )
        tokens = corpus.tokenize(text)
        if not tokens:
            raise ValueError(f"{path.name} line {number} has a label but no words: {line!r}")
        sentences.append(tokens)
        labels.append(_POLARITY_LABELS[label])
    if not sentences:
        raise ValueError(f"{path.name} holds no labelled sentences")
    return sentences, np.asarray(labels, dtype=np.int64)
