"""Sentences as features for the extrinsic task (precept, "Evaluation"; extrinsic).

A sentence is the average of its word vectors; the bag-of-words counts are the baseline the
vectors have to beat. :mod:`.classifier` then predicts the sentence's polarity.

Introduced in notebook 07.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .._validation import _show
from ..corpus import Vocabulary
from ._vectors import _check_vectors, _vocabulary_words


def _check_sentences(sentences) -> list[Sequence[str]]:
    if isinstance(sentences, str) or not isinstance(sentences, Sequence):
        raise TypeError(f"sentences must be a list of token lists, got {type(sentences).__name__}")
    if len(sentences) == 0:
        raise ValueError("sentences is empty: give at least one token list")
    for i, sentence in enumerate(sentences):
        if isinstance(sentence, str) or not isinstance(sentence, Sequence):
            raise TypeError(
                f"sentences[{i}] must be a list of tokens (e.g. tokenize(text)), "
                f"got {_show(sentence)}"
            )
    return sentences


def sentence_vectors(sentences, vectors, vocab) -> np.ndarray:
    """Represent each sentence by the average of the vectors of its words.

    x_s = (1 / n_s) Σ_{w in s, w in V} u_w        (n_s = number of known tokens of s)

    Words not in the vocabulary are skipped; a sentence with no known word gets the zero
    vector.

    Parameters
    ----------
    sentences : list of token lists
    vectors : ndarray or scipy.sparse matrix of shape (|V|, d)
    vocab : Vocabulary or list of |V| words

    Returns
    -------
    X : ndarray of shape (n_sentences, d), float64
    """
    words = _vocabulary_words(vocab)
    matrix = _check_vectors(vectors, len(words))
    sentences = _check_sentences(sentences)
    index = {w: i for i, w in enumerate(words)}
    rows, cols = [], []
    for s, sentence in enumerate(sentences):
        known = [index[t] for t in sentence if t in index]
        rows.extend([s] * len(known))
        cols.extend(known)
    counts = np.bincount(np.asarray(rows, dtype=np.int64), minlength=len(sentences))
    weights = 1.0 / np.maximum(counts, 1)  # 1 / n_s
    # averaging matrix A, (n_sentences, |V|): A[s, w] = (count of w in s) / n_s
    averaging = sp.csr_matrix(
        (weights[rows], (rows, cols)), shape=(len(sentences), len(words)), dtype=np.float64
    )
    X = averaging @ matrix  # (n_sentences, |V|) @ (|V|, d) -> (n_sentences, d)
    return X.toarray() if sp.issparse(X) else np.asarray(X, dtype=np.float64)


def bag_of_words(sentences, vocab: Vocabulary | None = None) -> tuple[np.ndarray, Vocabulary]:
    """The bag-of-words baseline: one count per word of the vocabulary.

    Parameters
    ----------
    sentences : list of token lists
    vocab : Vocabulary, optional   default: every word of ``sentences``

    Returns
    -------
    X : ndarray of shape (n_sentences, |V|), float64   X[s, w] = count of word w in sentence s
    vocab : the Vocabulary of the columns

    Building the vocabulary from all sentences, test folds included, does not leak labels:
    a word seen only in a test fold has an all-zero training column, so an L2-regularised
    model gives it weight 0.
    """
    sentences = _check_sentences(sentences)
    if vocab is None:
        vocab = Vocabulary.build(sentences)
    rows, cols = [], []
    for s, sentence in enumerate(sentences):
        ids = vocab.encode(sentence, on_unknown="drop")
        rows.extend([s] * len(ids))
        cols.extend(ids.tolist())
    X = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(sentences), len(vocab))
    ).toarray()  # duplicates are summed: counts
    return X, vocab
