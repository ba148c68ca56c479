"""Word vectors to and from word2vec's text format, the format gensim, fastText and most tools
read.

    <|V|> <d>
    <word_0> <x_00> <x_01> ... <x_0,d-1>
    <word_1> ...

one line per word, most frequent first, fields separated by single spaces, UTF-8. What we save
gensim's ``KeyedVectors.load_word2vec_format(path)`` loads, and we load what gensim's
``save_word2vec_format(path)`` writes (text, not ``binary=True``).

Introduced in notebook 07.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .corpus import Vocabulary
from .evaluation import _check_vectors, _vocabulary_words

__all__ = ["load_word2vec_format", "save_word2vec_format"]


def _format_rows(vectors: np.ndarray):
    """Each row as text, every number written so that reading it back gives the same value:
    float64 with Python's shortest round-trip ``repr``, float32 with its own (numpy's ``str``,
    as gensim writes it), so 0.1 is "0.1", not "0.10000000149011612"."""
    if vectors.dtype == np.float32:
        for row in vectors:
            yield " ".join(map(str, row))
    else:
        for row in vectors.tolist():
            yield " ".join(map(repr, row))


def save_word2vec_format(path, vectors, vocab) -> Path:
    """Write word vectors in word2vec's text format.

    Parameters
    ----------
    path : str or Path   the file to write (overwritten); parent directories must exist
    vectors : ndarray of shape (|V|, d)   row i is the vector of word i (float32 or float64)
    vocab : Vocabulary, list of |V| words, or gensim's ``index_to_key``

    Returns
    -------
    Path of the file written.

    Words may not contain whitespace and may not be empty (the format separates fields by
    spaces); sparse matrices must be made dense first (or reduced with SVD: a |V|-dimensional
    count vector per word makes a huge text file).
    """
    words = _vocabulary_words(vocab)
    if sp.issparse(vectors):
        raise TypeError(
            "vectors is a sparse matrix; the text format stores dense rows — call .toarray() "
            "if it is small, or save SVD or skip-gram vectors instead"
        )
    matrix = _check_vectors(vectors, len(words))
    for i, word in enumerate(words):
        if not word or any(ch.isspace() for ch in word):
            raise ValueError(
                f"word {i} is {word!r}: words in the word2vec text format cannot be empty or "
                "contain whitespace (spaces separate the fields)"
            )
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"{matrix.shape[0]} {matrix.shape[1]}\n")
        for word, row in zip(words, _format_rows(matrix), strict=True):
            f.write(f"{word} {row}\n")
    return path


def load_word2vec_format(path, *, dtype=np.float64) -> tuple[np.ndarray, Vocabulary]:
    """Read word vectors in word2vec's text format.

    Parameters
    ----------
    path : str or Path
    dtype : np.float64 (default) or np.float32 (what gensim uses)

    Returns
    -------
    vectors : ndarray of shape (|V|, d)
    vocab : Vocabulary of the |V| words in file order. The format stores no counts, so, as
        gensim does, the counts are made up in decreasing order (|V|, |V| - 1, ..., 1): they
        keep the file's order, "most frequent first", and mean nothing else.

    Raises
    ------
    FileNotFoundError, or ValueError naming the line for a malformed file: a header that is
    not two positive integers, a line without a word and exactly d numbers, a number that
    does not parse or is not finite, a repeated word, or fewer or more lines than the header
    announces.
    """
    if np.dtype(dtype) not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise ValueError(f"dtype must be np.float32 or np.float64, got {dtype!r}")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no word-vector file at {os.fspath(path)!r}")
    name = path.name
    with open(path, encoding="utf-8") as f:
        try:
            lines = f.read().split("\n")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{name} is not UTF-8 text ({exc})") from None
    while lines and not lines[-1].strip():
        lines.pop()  # a final newline or trailing blank lines
    if not lines:
        raise ValueError(f"{name} is empty; a word2vec text file starts with '<|V|> <d>'")
    header = lines[0].split()
    if len(header) != 2 or not all(h.isdigit() and int(h) > 0 for h in header):
        raise ValueError(
            f"{name} line 1 must be the header '<number of words> <dimension>' (two positive "
            f"integers), found {lines[0][:60]!r}"
        )
    n_words, dim = int(header[0]), int(header[1])
    if len(lines) - 1 != n_words:
        raise ValueError(
            f"{name}: the header announces {n_words} words but the file has "
            f"{len(lines) - 1} lines of vectors"
        )
    words: list[str] = []
    seen: dict[str, int] = {}
    vectors = np.empty((n_words, dim), dtype=dtype)
    for i, line in enumerate(lines[1:]):
        number = i + 2
        fields = line.rstrip().split(" ")
        if len(fields) != dim + 1 or not fields[0]:
            raise ValueError(
                f"{name} line {number} is malformed: expected a word and {dim} numbers "
                f"separated by single spaces, found {len(fields) - 1} fields after "
                f"{fields[0][:30]!r}"
            )
        word = fields[0]
        if word in seen:
            raise ValueError(
                f"{name} line {number}: the word {word!r} appears again (first on line "
                f"{seen[word]}); every word needs exactly one vector"
            )
        try:
            vectors[i] = np.array(fields[1:], dtype=np.float64)
        except ValueError:
            bad = next(x for x in fields[1:] if not _is_number(x))
            raise ValueError(
                f"{name} line {number} (word {word!r}): {bad[:30]!r} is not a number"
            ) from None
        if not np.all(np.isfinite(vectors[i])):
            raise ValueError(f"{name} line {number} (word {word!r}) has a NaN or infinite value")
        seen[word] = number
        words.append(word)
    return vectors, Vocabulary(words, np.arange(n_words, 0, -1))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
