"""Word similarity benchmarks (precept, "Evaluation"; intrinsic).

Spearman's rank correlation between human scores of word pairs (WordSim-353, SimLex-999) and
the cosine similarity cos(u, v) = u·v / (‖u‖ ‖v‖) of their vectors, exactly as gensim's
``KeyedVectors.evaluate_word_pairs`` computes it (case-insensitive, ``restrict_vocab``).
Cosine similarity itself and nearest neighbours live in :mod:`wordvec_helpers.similarity`.

Introduced in notebook 07 (used from notebook 03 on).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
import scipy.stats

from .._validation import _show
from ._vectors import _check_vectors, _Lookup, _normalized, _restrict, _vocabulary_words


@dataclass(frozen=True)
class SimilarityResult:
    """Spearman's ρ between human scores and cosine similarities, and what it was based on.

    Attributes
    ----------
    spearman : float            Spearman's rank correlation ρ over the pairs used
    p_value : float             two-sided p-value of ρ (scipy)
    n_pairs : int               pairs in the benchmark
    n_used : int                pairs with both words in the vocabulary
    oov_pairs : list of (word1, word2)   the pairs left out, with at least one unknown word
    human_scores, model_similarities : ndarray of shape (n_used,)
    """

    spearman: float
    p_value: float
    n_pairs: int
    n_used: int
    oov_pairs: list[tuple[str, str]]
    human_scores: np.ndarray = field(repr=False)
    model_similarities: np.ndarray = field(repr=False)

    @property
    def coverage(self) -> float:
        """Fraction of the benchmark's pairs that could be scored."""
        return self.n_used / self.n_pairs

    def __repr__(self) -> str:
        return (
            f"Spearman ρ = {self.spearman:.3f} on {self.n_used} of {self.n_pairs} pairs "
            f"(coverage {self.coverage:.1%}; {len(self.oov_pairs)} pairs out of vocabulary)"
        )


def _check_pairs(pairs) -> list[tuple[str, str, float]]:
    if isinstance(pairs, str) or not isinstance(pairs, Sequence):
        raise TypeError(
            "pairs must be a list of (word1, word2, human score) tuples such as "
            f"datasets.wordsim353(), got {type(pairs).__name__}"
        )
    if len(pairs) == 0:
        raise ValueError("pairs is empty: give at least two (word1, word2, score) tuples")
    checked = []
    for i, pair in enumerate(pairs):
        ok = (
            isinstance(pair, Sequence)
            and len(pair) == 3
            and isinstance(pair[0], str)
            and isinstance(pair[1], str)
            and isinstance(pair[2], numbers.Real)
            and np.isfinite(pair[2])
        )
        if not ok:
            raise ValueError(
                f"pairs[{i}] must be (word1, word2, score) with a finite score, got {_show(pair)}"
            )
        checked.append((pair[0], pair[1], float(pair[2])))
    return checked


def evaluate_similarity(
    vectors, vocab, pairs, *, restrict_vocab: int | None = None, case_insensitive: bool = True
) -> SimilarityResult:
    """Spearman's ρ between human similarity scores and the cosine similarity of the vectors.

    ρ is the Pearson correlation of the *ranks* of the two lists, so only the order of the
    pairs matters, not the scale of the scores (scipy.stats.spearmanr; ties get average ranks).

    Parameters
    ----------
    vectors : ndarray or scipy.sparse matrix of shape (|V|, d)   row i is word i's vector
    vocab : Vocabulary or list of |V| words
    pairs : list of (word1, word2, human score), e.g. ``datasets.wordsim353()``
    restrict_vocab : int, optional   only the first ``restrict_vocab`` words count as known
    case_insensitive : bool          match words by their upper-case form, as gensim does

    Returns
    -------
    SimilarityResult
        ρ over the pairs whose two words are known; the other pairs are listed in
        ``oov_pairs`` and counted in ``coverage``, never silently dropped.

    Same numbers as gensim's ``KeyedVectors.evaluate_word_pairs(...)[1]`` and its OOV ratio.
    """
    words = _vocabulary_words(vocab)
    matrix = _check_vectors(vectors, len(words))
    pairs = _check_pairs(pairs)
    lookup = _Lookup(words, _restrict(restrict_vocab, len(words)), case_insensitive)
    first, second, human, oov = [], [], [], []
    for word1, word2, score in pairs:
        i, j = lookup.get(word1), lookup.get(word2)
        if i is None or j is None:
            oov.append((word1, word2))
            continue
        first.append(i)
        second.append(j)
        human.append(score)
    if len(human) < 2:
        raise ValueError(
            f"only {len(human)} of the {len(pairs)} pairs have both words in the vocabulary; "
            "a rank correlation needs at least 2 (is the vocabulary too small, or lowercase "
            "words matched against another case with case_insensitive=False?)"
        )
    normed = _normalized(matrix)
    a, b = normed[np.asarray(first)], normed[np.asarray(second)]
    if sp.issparse(a):
        model = np.asarray(a.multiply(b).sum(axis=1), dtype=np.float64).ravel()
    else:
        model = np.einsum("ij,ij->i", a, b).astype(np.float64)  # row-wise u·v, (n_used,)
    human = np.asarray(human)
    if np.ptp(model) == 0 or np.ptp(human) == 0:
        which = "the model gives" if np.ptp(model) == 0 else "the human scores give"
        raise ValueError(
            f"{which} every pair the same value, so the ranks are undefined "
            "(are all the vectors zero or identical?)"
        )
    rho, p_value = scipy.stats.spearmanr(human, model)
    return SimilarityResult(
        spearman=float(rho),
        p_value=float(p_value),
        n_pairs=len(pairs),
        n_used=len(human),
        oov_pairs=oov,
        human_scores=human,
        model_similarities=model,
    )
