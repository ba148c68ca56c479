"""Bias in word vectors: the word-embedding association test (WEAT; Caliskan et al. 2017),
an effect size and a permutation test.

Introduced in notebook 07.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np

from .._validation import _show, check_positive_int
from ._vectors import _check_vectors, _cosines, _Lookup, _normalized, _vocabulary_words


@dataclass(frozen=True)
class WeatResult:
    """A word-embedding association test (Caliskan et al. 2017) and what it was based on.

    Attributes
    ----------
    effect_size : float      d = (mean_x s(x) - mean_y s(y)) / std_{w in X ∪ Y} s(w)
    p_value : float          one-sided: the share of equal-size re-partitions of X ∪ Y whose
                             difference of means is at least the observed one
    n_partitions : int       re-partitions used (all of them when ``exact``)
    exact : bool             every partition enumerated (else a random sample of them)
    used : dict set name -> list of words found in the vocabulary
    missing : dict set name -> list of words not in the vocabulary (left out)
    """

    effect_size: float
    p_value: float
    n_partitions: int
    exact: bool
    used: dict[str, list[str]]
    missing: dict[str, list[str]]

    def __repr__(self) -> str:
        how = "all" if self.exact else "a sample of"
        n_used = sum(len(v) for v in self.used.values())
        n_all = n_used + sum(len(v) for v in self.missing.values())
        return (
            f"effect size d = {self.effect_size:+.2f}, one-sided p = {self.p_value:.3f} "
            f"({how} {self.n_partitions:,} partitions; {n_used} of {n_all} words in the "
            "vocabulary)"
        )


def weat(
    vectors,
    vocab,
    targets_x,
    targets_y,
    attributes_a,
    attributes_b,
    *,
    max_partitions: int = 20_000,
    rng: np.random.Generator | None = None,
) -> WeatResult:
    """Word-embedding association test (WEAT; Caliskan et al. 2017; J&M 3rd ed. §6.11).

        s(w) = mean_{a in A} cos(w, a) - mean_{b in B} cos(w, b)
        effect size d = (mean_{x in X} s(x) - mean_{y in Y} s(y)) / std_{w in X ∪ Y} s(w)

    and a permutation test: over the equal-size splits (X', Y') of X ∪ Y, the share whose
    mean_{X'} s - mean_{Y'} s is at least the observed one (one-sided p-value). Words missing
    from the vocabulary are left out and reported; the two target sets are then truncated to
    the same size (the last words dropped), as the test needs equal sizes.

    Parameters
    ----------
    vectors : ndarray or sparse matrix of shape (|V|, d);  vocab : Vocabulary or list of words
    targets_x, targets_y : lists of words (e.g. male and female terms)
    attributes_a, attributes_b : lists of words (e.g. career and family terms)
    max_partitions : int   enumerate every partition when there are at most this many,
        else sample this many at random with ``rng`` (then required)
    rng : np.random.Generator, optional

    Returns
    -------
    WeatResult

    Introduced in notebook 07.
    """
    names = _vocabulary_words(vocab)
    matrix = _check_vectors(vectors, len(names))
    max_partitions = check_positive_int("max_partitions", max_partitions)
    lookup = _Lookup(names, len(names), case_insensitive=False)
    sets = {"X": targets_x, "Y": targets_y, "A": attributes_a, "B": attributes_b}
    used, missing = {}, {}
    for key, words in sets.items():
        if isinstance(words, str) or not isinstance(words, Sequence):
            raise TypeError(f"targets and attributes must be lists of words, got {_show(words)}")
        used[key] = [w for w in words if lookup.get(w) is not None]
        missing[key] = [w for w in words if lookup.get(w) is None]
    size = min(len(used["X"]), len(used["Y"]))
    for key in ("X", "Y"):
        missing[key] += used[key][size:]
        used[key] = used[key][:size]
    if size < 2 or not used["A"] or not used["B"]:
        counts = ", ".join(f"{k}: {len(v)}" for k, v in used.items())
        raise ValueError(
            "too few words in the vocabulary for an association test: need at least 2 "
            f"target words in each of X and Y and 1 attribute word in each of A and B, got "
            f"{counts}"
        )
    normed = _normalized(matrix)
    targets = np.array([lookup[w] for w in used["X"] + used["Y"]])
    attributes = np.array([lookup[w] for w in used["A"] + used["B"]])
    cosines = _cosines(normed, targets, len(names))[:, attributes].astype(np.float64)
    n_a = len(used["A"])
    association = cosines[:, :n_a].mean(axis=1) - cosines[:, n_a:].mean(axis=1)  # s(w)
    observed = association[:size].mean() - association[size:].mean()
    effect = observed / association.std(ddof=1)
    total = association.sum()
    n_splits = comb(2 * size, size)
    if n_splits <= max_partitions:
        members = np.array(list(combinations(range(2 * size), size)))  # (n_splits, size)
        exact = True
    else:
        if not isinstance(rng, np.random.Generator):
            raise TypeError(
                f"{n_splits:,} partitions are more than max_partitions = {max_partitions:,}: "
                "pass rng (a np.random.Generator) to sample them"
            )
        members = np.argsort(rng.random((max_partitions, 2 * size)), axis=1)[:, :size]
        exact = False
    first = association[members].sum(axis=1)
    differences = first / size - (total - first) / size
    p_value = float(np.mean(differences >= observed - 1e-12))
    return WeatResult(float(effect), p_value, len(members), exact, used, missing)
