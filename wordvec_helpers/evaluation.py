"""How good are the word vectors? Intrinsic and extrinsic evaluation (precept, "Evaluation").

Intrinsic: evaluate the vectors directly on "similarity"-based tasks.

* Word similarity: Spearman's rank correlation between human scores of word pairs and the
  cosine similarity cos(u, v) = u·v / (‖u‖ ‖v‖) of their vectors.
* Analogies "a is to b as c is to d": find d among the words x of the vocabulary with
  3CosAdd   argmax_x  cos(x, b) - cos(x, a) + cos(x, c)        (Mikolov et al. 2013)
  3CosMul   argmax_x  cos'(x, b) cos'(x, c) / (cos'(x, a) + ε),  cos' = (1 + cos) / 2
                                                                 (Levy & Goldberg 2014)
  with a, b and c themselves excluded from the answers.

Both follow gensim's ``KeyedVectors.evaluate_word_pairs`` / ``evaluate_word_analogies`` /
``most_similar_cosmul`` exactly (case-insensitive, ``restrict_vocab``, ε = 1e-6), and the
tests check that they give the same numbers.

Extrinsic: evaluate a model built on top of the vectors. A sentence is the average of its
word vectors; a logistic regression written in numpy predicts its polarity (positive or
negative); stratified k-fold cross-validation gives the accuracy and its spread; a
bag-of-words model is the baseline the vectors have to beat.

Vectors may be a dense ndarray or a ``scipy.sparse`` matrix (raw counts and PPMI rows).
Introduced in notebook 07.
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from math import comb

import numpy as np
import scipy.sparse as sp
import scipy.stats
from scipy.special import expit

from ._validation import _show, check_positive_float, check_positive_int
from .corpus import Vocabulary
from .tables import LabelledTable

__all__ = [
    "AnalogyResult",
    "CrossValidationResult",
    "LogisticRegression",
    "PairedDifference",
    "SectionScore",
    "SimilarityResult",
    "Spread",
    "WeatResult",
    "analogy",
    "bag_of_words",
    "cross_validate",
    "evaluate_analogies",
    "evaluate_similarity",
    "fit_logistic_regression",
    "neighbour_overlap",
    "paired_difference",
    "split_benchmark",
    "spread",
    "weat",
    "logistic_loss_and_gradient",
    "sentence_vectors",
    "stratified_folds",
]

METHODS = ("3cosadd", "3cosmul")
BASELINES = ("only-c", "ignore-a")
"""Two analogy baselines (Linzen 2016), accepted as a ``method`` too: "only-c", the nearest
neighbour of c (Linzen's ONLY-B: he writes a : a* :: b : ?), and "ignore-a",
cos(x, b) + cos(x, c)."""
COSMUL_EPSILON = 1e-6  # gensim's most_similar_cosmul; Levy & Goldberg used 0.001
# Analogies: the cosine table (distinct question words x |V|) is at most ~16 M numbers, and a
# batch of scores (questions x |V|) ~250,000 float32 numbers, small enough for the CPU cache.
_TABLE_ENTRIES = 16_000_000
_BATCH_ENTRIES = 262_144


# --------------------------------------------------------------------------------------------
# Arguments shared by every evaluation
# --------------------------------------------------------------------------------------------


def _vocabulary_words(vocab) -> list[str]:
    """The word of each row: a Vocabulary, gensim's ``index_to_key`` or a list of words."""
    if isinstance(vocab, Vocabulary):
        return vocab.words
    words = getattr(vocab, "index_to_key", vocab)  # a gensim KeyedVectors works too
    if isinstance(words, str) or not isinstance(words, Sequence):
        raise TypeError(
            "vocab must be a Vocabulary or a list of words (row i of vectors is the vector of "
            f"word i), got {type(vocab).__name__}"
        )
    words = list(words)
    bad = next((w for w in words if not isinstance(w, str)), None)
    if bad is not None:
        raise TypeError(f"vocab must hold words (str), found {_show(bad)}")
    if len(set(words)) != len(words):
        seen = set()
        duplicate = next(w for w in words if w in seen or seen.add(w))
        raise ValueError(f"vocab words must be unique; {duplicate!r} appears more than once")
    return words


def _check_vectors(vectors, n_words: int):
    """A 2-D float matrix (dense or CSR) with one finite row per vocabulary word.

    float32 stays float32 (as in gensim), anything else becomes float64.
    """
    if sp.issparse(vectors):
        dtype = np.float32 if vectors.dtype == np.float32 else np.float64
        matrix = sp.csr_matrix(vectors, dtype=dtype)
        values = matrix.data
    else:
        try:
            matrix = np.asarray(vectors)
            dtype = np.float32 if matrix.dtype == np.float32 else np.float64
            matrix = matrix.astype(dtype, copy=False)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"vectors must be a 2-D array of numbers, got {_show(vectors)}"
            ) from exc
        values = matrix
    if matrix.ndim != 2 or matrix.shape[1] == 0:
        raise ValueError(
            f"vectors must be a matrix of shape (|V|, d) with one row per word, got shape "
            f"{matrix.shape}"
        )
    if matrix.shape[0] != n_words:
        raise ValueError(
            f"vectors and vocabulary have different sizes: vectors has {matrix.shape[0]} rows "
            f"but the vocabulary has {n_words} words (row i must be the vector of word i)"
        )
    if not np.all(np.isfinite(values)):
        raise ValueError("vectors contains NaN or infinite values")
    return matrix


def _normalized(matrix):
    """Rows scaled to unit length; an all-zero row stays zero (cosine 0 with everything)."""
    if sp.issparse(matrix):
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        return sp.csr_matrix(sp.diags(inverse.astype(matrix.dtype)) @ matrix)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _restrict(restrict_vocab, n_words: int) -> int:
    if restrict_vocab is None:
        return n_words
    return min(check_positive_int("restrict_vocab", restrict_vocab), n_words)


class _Lookup:
    """Find words as gensim does: among the first ``restrict`` words only, and (if
    ``case_insensitive``) by their upper-case form, taking the first, most frequent, variant.

    Attributes
    ----------
    index : dict key -> word id
    canonical : ndarray of shape (restrict,)   id of the variant a word's key maps to
    variants : ndarray   ids whose key maps to another (more frequent) word
    """

    def __init__(self, words: list[str], restrict: int, case_insensitive: bool):
        self.case_insensitive = bool(case_insensitive)
        self.index: dict[str, int] = {}
        for i in range(restrict - 1, -1, -1):  # the first occurrence wins
            self.index[self.key(words[i])] = i
        self.canonical = np.fromiter(
            (self.index[self.key(w)] for w in words[:restrict]), dtype=np.int64, count=restrict
        )
        self.variants = np.flatnonzero(self.canonical != np.arange(restrict))
        self.words = words

    def key(self, word: str) -> str:
        return word.upper() if self.case_insensitive else word

    def get(self, word: str) -> int | None:
        return self.index.get(self.key(word))

    def __getitem__(self, word: str) -> int:
        i = self.get(word) if isinstance(word, str) else None
        if i is None:
            close = difflib.get_close_matches(word.lower(), self.words, n=5, cutoff=0.6)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"{word!r} is not in the vocabulary (|V|={len(self.words)}){hint}")
        return i


def _cosines(normed, rows: np.ndarray, n_candidates: int) -> np.ndarray:
    """cos(w, x) for the words ``rows`` and every candidate x < n_candidates.

    Returns an ndarray of shape (len(rows), n_candidates), in the dtype of ``normed``.
    """
    candidates = normed[:n_candidates]
    if sp.issparse(normed):
        # sparse (n_candidates, D) @ dense (D, len(rows)): cost nnz x len(rows), no |V| x |V|
        queries = normed[rows].toarray()  # (len(rows), D)
        return np.ascontiguousarray(np.asarray(candidates @ queries.T).T)
    return normed[rows] @ candidates.T  # (len(rows), d) @ (d, n_candidates)


# --------------------------------------------------------------------------------------------
# Word similarity
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Analogies
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionScore:
    """Analogy accuracy and coverage on one section of questions (or on all of them).

    accuracy = n_correct / n_evaluated (NaN when no question could be evaluated: the accuracy
    is then undefined, not 0); coverage = n_evaluated / n_questions.
    """

    name: str
    n_correct: int
    n_evaluated: int
    n_questions: int

    @property
    def accuracy(self) -> float:
        return self.n_correct / self.n_evaluated if self.n_evaluated else float("nan")

    @property
    def coverage(self) -> float:
        return self.n_evaluated / self.n_questions if self.n_questions else float("nan")

    def __repr__(self) -> str:
        accuracy = f"{self.accuracy:.3f}" if self.n_evaluated else "n/a"
        return (
            f"{self.name}: accuracy {accuracy} ({self.n_correct}/{self.n_evaluated}), "
            f"coverage {self.coverage:.1%} of {self.n_questions} questions"
        )


@dataclass(frozen=True)
class AnalogyResult:
    """Analogy accuracy overall and per section.

    Attributes
    ----------
    method : "3cosadd" or "3cosmul"
    sections : list of SectionScore, in the order of the questions
    total : SectionScore over every question
    predictions : list of ((a, b, c, d), predicted word) for every evaluated question
    """

    method: str
    sections: list[SectionScore]
    total: SectionScore
    predictions: list[tuple[tuple[str, str, str, str], str]] = field(repr=False)

    @property
    def accuracy(self) -> float:
        return self.total.accuracy

    @property
    def coverage(self) -> float:
        return self.total.coverage

    def section_table(self) -> LabelledTable:
        """Accuracy and coverage per section (and in total) as a labelled table."""
        rows = [*self.sections, self.total]
        values = np.array([[s.accuracy, s.coverage, s.n_evaluated] for s in rows])
        return LabelledTable(
            values,
            [s.name for s in rows],
            ["accuracy", "coverage", "questions used"],
            fmt=lambda x: "n/a" if np.isnan(x) else (f"{x:.0f}" if x > 1 else f"{x:.3f}"),
        )

    def __repr__(self) -> str:
        accuracy = f"{self.accuracy:.3f}" if self.total.n_evaluated else "n/a"
        return (
            f"{self.method}: accuracy {accuracy} ({self.total.n_correct}/"
            f"{self.total.n_evaluated}) on {self.total.n_evaluated} of "
            f"{self.total.n_questions} questions (coverage {self.coverage:.1%})"
        )


def _check_method(method) -> str:
    name = method.lower() if isinstance(method, str) else method
    if name not in METHODS + BASELINES:
        raise ValueError(f"method must be one of {METHODS + BASELINES}, got {method!r}")
    return name


def _check_questions(questions) -> dict[str, list[tuple[str, str, str, str]]]:
    if isinstance(questions, Mapping):
        sections = {str(name): list(qs) for name, qs in questions.items()}
    elif isinstance(questions, Sequence) and not isinstance(questions, str):
        sections = {"questions": list(questions)}
    else:
        raise TypeError(
            "questions must map section names to lists of (a, b, c, d) tuples, as "
            "datasets.google_analogies() does, or be one such list; "
            f"got {type(questions).__name__}"
        )
    if sum(map(len, sections.values())) == 0:
        raise ValueError("questions is empty: give at least one (a, b, c, d) question")
    for name, section in sections.items():
        for i, question in enumerate(section):
            if not (
                isinstance(question, Sequence)
                and not isinstance(question, str)
                and len(question) == 4
                and all(isinstance(w, str) for w in question)
            ):
                raise ValueError(
                    f"question {i} of section {name!r} must be 4 words (a, b, c, d), "
                    f"got {_show(question)}"
                )
    return sections


def _analogy_scores(cos_a, cos_b, cos_c, method: str, epsilon: float) -> np.ndarray:
    """The 3CosAdd or 3CosMul score of every candidate x, from the three cosines.

    cos_a, cos_b, cos_c : ndarrays of the same shape (..., n_candidates)
    """
    if method == "3cosadd":
        scores = cos_b + cos_c
        scores -= cos_a
        return scores
    if method == "only-c":
        return np.array(cos_c, copy=True)
    if method == "ignore-a":
        return cos_b + cos_c
    # 3CosMul with every cosine shifted to [0, 1] (Levy & Goldberg 2014, footnote 7)
    scores = (1 + cos_b) / 2
    scores *= (1 + cos_c) / 2
    scores /= (1 + cos_a) / 2 + epsilon
    return scores


def evaluate_analogies(
    vectors,
    vocab,
    questions,
    method: str = "3cosadd",
    restrict_vocab: int | None = None,
    *,
    exclude_question_words: bool = True,
    case_insensitive: bool = True,
    epsilon: float = COSMUL_EPSILON,
    batch_size: int | None = None,
) -> AnalogyResult:
    """Accuracy on analogy questions "a is to b as c is to d", overall and per section.

    For each question the answer is the word x (among the first ``restrict_vocab`` words)
    with the highest score, a, b and c excluded:

        3CosAdd   cos(x, b) - cos(x, a) + cos(x, c)
        3CosMul   cos'(x, b) cos'(x, c) / (cos'(x, a) + ε),   cos' = (1 + cos) / 2

    Parameters
    ----------
    vectors : ndarray or scipy.sparse matrix of shape (|V|, d)   row i is word i's vector
    vocab : Vocabulary or list of |V| words, most frequent first
    questions : dict section -> list of (a, b, c, d), e.g. ``datasets.google_analogies()``,
        or a single list of (a, b, c, d)
    method : "3cosadd" or "3cosmul", or a baseline (Linzen 2016): "only-c", the nearest
        neighbour of c, or "ignore-a", cos(x, b) + cos(x, c)
    restrict_vocab : int, optional
        Only the first ``restrict_vocab`` words are known: a question with a word outside them
        is not evaluated (it lowers the coverage, not the accuracy), and answers come from
        them only.
    exclude_question_words : bool
        Leave a, b and c out of the answers (True, as everyone does); False shows why.
    case_insensitive : bool   match words by their upper-case form, as gensim does
    epsilon : float           ε of 3CosMul (gensim's 1e-6; Levy & Goldberg used 0.001)
    batch_size : int, optional   questions scored at once (default: ~250,000 scores, 1 MB)

    Returns
    -------
    AnalogyResult

    Vectorised: one matrix product gives the cosine of every distinct question word with every
    candidate, a table of shape (n_words, |V|) = (n_words, d) @ (d, |V|) (the 19,544 Google
    questions use only ~900 distinct words). The scores of a batch of questions, shape
    (batch, |V|), are sums or products of rows of that table, and one ``argmax`` per batch
    picks the answers. Same numbers as gensim's ``evaluate_word_analogies`` (3CosAdd) and as
    ``most_similar_cosmul`` over the restricted vocabulary (3CosMul).
    """
    method = _check_method(method)
    words = _vocabulary_words(vocab)
    matrix = _check_vectors(vectors, len(words))
    sections = _check_questions(questions)
    epsilon = check_positive_float("epsilon", epsilon)
    n_candidates = _restrict(restrict_vocab, len(words))
    lookup = _Lookup(words, n_candidates, case_insensitive)

    # ids of the evaluated questions, (n, 4), and the section each one belongs to
    ids, section_of, evaluated = [], [], []
    for s, section in enumerate(sections.values()):
        for question in section:
            question_ids = [lookup.get(w) for w in question]
            if None not in question_ids:
                ids.append(question_ids)
                section_of.append(s)
                evaluated.append(tuple(question))
    ids = np.asarray(ids, dtype=np.int64).reshape(-1, 4)
    section_of = np.asarray(section_of, dtype=np.int64)

    if batch_size is None:
        batch_size = max(1, _BATCH_ENTRIES // n_candidates)
    batch_size = check_positive_int("batch_size", batch_size)
    predicted = np.zeros(len(ids), dtype=np.int64)
    if len(ids):
        normed = _normalized(matrix)
        for chunk in _chunks_with_small_tables(ids[:, :3], _TABLE_ENTRIES // n_candidates):
            predicted[chunk] = _solve(
                normed,
                ids[chunk, :3],
                n_candidates,
                lookup,
                method,
                epsilon,
                exclude_question_words,
                batch_size,
            )
    correct = lookup.canonical[predicted] == ids[:, 3] if len(ids) else np.zeros(0, bool)

    n_correct = np.bincount(section_of[correct], minlength=len(sections))
    n_evaluated = np.bincount(section_of, minlength=len(sections))
    scores = [
        SectionScore(name, int(n_correct[s]), int(n_evaluated[s]), len(section))
        for s, (name, section) in enumerate(sections.items())
    ]
    total = SectionScore(
        "total",
        int(n_correct.sum()),
        int(n_evaluated.sum()),
        sum(s.n_questions for s in scores),
    )
    predictions = [(q, words[i]) for q, i in zip(evaluated, predicted.tolist(), strict=True)]
    return AnalogyResult(method, scores, total, predictions)


def _chunks_with_small_tables(abc: np.ndarray, max_words: int):
    """Split the questions into slices whose distinct words number at most ``max_words``
    (halving until they do), so that no cosine table grows beyond ``_TABLE_ENTRIES``."""
    pending = [slice(0, len(abc))]
    while pending:
        part = pending.pop()
        n = part.stop - part.start
        if n == 1 or np.unique(abc[part]).size <= max(max_words, 1):
            yield part
        else:
            middle = part.start + n // 2
            pending += [slice(middle, part.stop), slice(part.start, middle)]


def _solve(normed, abc, n_candidates, lookup, method, epsilon, exclude, batch_size) -> np.ndarray:
    """The best candidate for each question; abc has shape (n_questions, 3) (ids of a, b, c)."""
    distinct, where = np.unique(abc, return_inverse=True)
    where = where.reshape(abc.shape)  # (n_questions, 3), the row of each word in `table`
    # Scores are combined in float32, as gensim computes them: half the memory traffic of
    # float64, and the answers differ only where two candidates tie to ~7 digits.
    table = _cosines(normed, distinct, n_candidates).astype(np.float32, copy=False)
    if method == "3cosmul":
        table = (1 + table) / 2  # cos' = (1 + cos) / 2, in [0, 1]
    # Two score buffers, reused by every batch (no fresh memory to fault in each time).
    size = min(batch_size, len(abc))
    scores_buffer = np.empty((size, n_candidates), dtype=table.dtype)
    other_buffer = np.empty_like(scores_buffer)
    if exclude and lookup.variants.size:  # other-case variants of a, b, c ("Paris", "paris")
        variant_of = lookup.canonical[lookup.variants]  # (n_variants,)
    predicted = np.empty(len(abc), dtype=np.int64)
    for start in range(0, len(abc), batch_size):
        rows = where[start : start + batch_size]  # (n, 3)
        n = len(rows)
        scores, other = scores_buffer[:n], other_buffer[:n]  # (n, |V|) each
        np.take(table, rows[:, 1], axis=0, out=scores)  # cos(x, b)
        if method == "3cosadd":
            np.take(table, rows[:, 2], axis=0, out=other)
            scores += other  # + cos(x, c)
            np.take(table, rows[:, 0], axis=0, out=other)
            scores -= other  # - cos(x, a)
        elif method == "only-c":
            np.take(table, rows[:, 2], axis=0, out=scores)  # cos(x, c) alone
        elif method == "ignore-a":
            np.take(table, rows[:, 2], axis=0, out=other)
            scores += other  # cos(x, b) + cos(x, c)
        else:
            np.take(table, rows[:, 2], axis=0, out=other)
            scores *= other  # cos'(x, b) cos'(x, c)
            np.take(table, rows[:, 0], axis=0, out=other)
            other += epsilon
            scores /= other  # / (cos'(x, a) + ε)
        if exclude:
            questions = abc[start : start + n]  # (n, 3), vocabulary ids
            scores[np.arange(n)[:, None], questions] = -np.inf
            if lookup.variants.size:
                hit = (variant_of[None, :, None] == questions[:, None, :]).any(axis=2)
                scores[:, lookup.variants] = np.where(hit, -np.inf, scores[:, lookup.variants])
        predicted[start : start + n] = scores.argmax(axis=1)
    return predicted


def analogy(
    vectors,
    vocab,
    a: str,
    b: str,
    c: str,
    *,
    method: str = "3cosadd",
    topn: int = 5,
    exclude_question_words: bool = True,
    restrict_vocab: int | None = None,
    case_insensitive: bool = True,
    epsilon: float = COSMUL_EPSILON,
) -> list[tuple[str, float]]:
    """Answer one analogy "a is to b as c is to ?": the ``topn`` best words and their scores.

    Scores as in :func:`evaluate_analogies`. An unknown word raises a KeyError that suggests
    close words. Ties are broken by word id (the more frequent word first).

    >>> analogy(vectors, vocab, "man", "king", "woman")  # doctest: +SKIP
    [('queen', 0.71), ...]
    """
    method = _check_method(method)
    words = _vocabulary_words(vocab)
    matrix = _check_vectors(vectors, len(words))
    topn = check_positive_int("topn", topn)
    epsilon = check_positive_float("epsilon", epsilon)
    n_candidates = _restrict(restrict_vocab, len(words))
    lookup = _Lookup(words, n_candidates, case_insensitive)
    abc = np.array([lookup[a], lookup[b], lookup[c]])
    table = _cosines(_normalized(matrix), abc, n_candidates)  # (3, n_candidates)
    scores = _analogy_scores(table[0], table[1], table[2], method, epsilon).astype(np.float64)
    if exclude_question_words:
        scores[np.isin(lookup.canonical, abc)] = -np.inf
    order = np.lexsort((np.arange(n_candidates), -scores))[: min(topn, n_candidates)]
    return [(words[i], float(scores[i])) for i in order if np.isfinite(scores[i])]


# --------------------------------------------------------------------------------------------
# Extrinsic evaluation: sentence polarity
# --------------------------------------------------------------------------------------------


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


def _check_design(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X must be a matrix of shape (n, f) with n >= 1, got shape {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(
            f"y must hold one label per row of X: X has {X.shape[0]} rows, y has shape {y.shape}"
        )
    if not np.all(np.isin(y, (0, 1))):
        raise ValueError(f"y must hold labels 0 and 1 only, found {np.unique(y)[:5]}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinite values")
    return X, y.astype(np.float64)


def logistic_loss_and_gradient(weights, bias: float, X, y, l2: float = 0.0):
    """Mean cross-entropy of a logistic regression, with an L2 penalty, and its gradient.

        z = X w + b                       (scores, one per row of X)
        L = -(1/n) Σ_i [y_i log σ(z_i) + (1 - y_i) log σ(-z_i)]  +  (λ/2) ‖w‖²

        ∂L/∂z = (σ(z) - y) / n            (σ(z) - y: predicted minus true probability)
        ∂L/∂w = Xᵀ ∂L/∂z + λ w            (precept, "Matrix Calculus": z = Xw, so the
        ∂L/∂b = Σ_i ∂L/∂z_i                gradient w.r.t. w is Xᵀ times that w.r.t. z)

    log σ is computed as -log(1 + exp(-z)) with ``np.logaddexp``, which never overflows.
    The bias is not penalised.

    Parameters
    ----------
    weights : ndarray of shape (f,)   w
    bias : float                      b
    X : ndarray of shape (n, f)       one row of features per example
    y : ndarray of shape (n,)         labels in {0, 1}
    l2 : float                        λ >= 0

    Returns
    -------
    loss : float
    grad_weights : ndarray of shape (f,)
    grad_bias : float
    """
    X, y = _check_design(X, y)
    weights = np.asarray(weights, dtype=np.float64)
    if weights.shape != (X.shape[1],):
        raise ValueError(
            f"weights must have shape ({X.shape[1]},), one per column of X, got {weights.shape}"
        )
    l2 = check_positive_float("l2", l2, allow_zero=True)
    return _loss_and_gradient(weights, float(bias), X, y, l2)


def _mean_cross_entropy(z, y) -> float:
    # -[y log σ(z) + (1 - y) log σ(-z)] = y log(1 + e^-z) + (1 - y) log(1 + e^z)
    return float(np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)))


def _loss_and_gradient(weights, bias, X, y, l2):
    """:func:`logistic_loss_and_gradient` without the argument checks (the training loop)."""
    z = X @ weights + bias  # (n, f) @ (f,) -> (n,)
    loss = _mean_cross_entropy(z, y) + 0.5 * l2 * float(weights @ weights)
    grad_z = (expit(z) - y) / len(y)  # (n,)
    grad_weights = X.T @ grad_z + l2 * weights  # (f, n) @ (n,) -> (f,)
    return float(loss), grad_weights, float(grad_z.sum())


@dataclass(frozen=True)
class LogisticRegression:
    """A fitted logistic regression: P(y = 1 | x) = σ(x·w + b).

    Attributes: ``weights`` (f,), ``bias``, ``losses`` (the training loss at every step).
    """

    weights: np.ndarray
    bias: float
    losses: np.ndarray = field(repr=False)

    def predict_proba(self, X) -> np.ndarray:
        """P(y = 1 | x) for every row of X, shape (n,)."""
        return expit(np.asarray(X, dtype=np.float64) @ self.weights + self.bias)

    def predict(self, X) -> np.ndarray:
        """Labels 0/1, shape (n,)."""
        return (self.predict_proba(X) > 0.5).astype(np.int64)


def fit_logistic_regression(
    X, y, *, l2: float = 0.1, n_steps: int = 300, learning_rate: float | None = None
) -> LogisticRegression:
    """Fit w and b by full-batch gradient descent on :func:`logistic_loss_and_gradient`.

    Starts from w = 0, b = 0 (no randomness). The default step is 1 / L with
    L = ‖X‖₂² / (4n) + λ, a bound on the curvature of the loss, for which every step
    decreases the loss.

    With more features than examples (f > n: bag of words, |V|-dimensional count vectors)
    the same steps run in the n-dimensional "dual" form, which is exact, not an
    approximation: every gradient Xᵀ∂L/∂z + λw lies in the span of the rows of X, so starting
    from 0, w = Xᵀα throughout, and the step w ← w - η(Xᵀg + λw) is α ← (1 - ηλ)α - ηg with
    z = Kα + b, K = XXᵀ (n x n), ‖w‖² = αᵀKα. A step then costs n² instead of nf.

    Parameters
    ----------
    X : ndarray of shape (n, f); y : ndarray of shape (n,) in {0, 1}
    l2 : float         λ, the L2 penalty
    n_steps : int      gradient steps
    learning_rate : float, optional   default 1 / L

    Returns
    -------
    LogisticRegression
    """
    X, y = _check_design(X, y)
    l2 = check_positive_float("l2", l2, allow_zero=True)
    n_steps = check_positive_int("n_steps", n_steps)
    if learning_rate is None:
        # ‖X‖₂² is the largest eigenvalue of XᵀX, or of the smaller XXᵀ (same non-zero ones)
        gram = X @ X.T if X.shape[0] < X.shape[1] else X.T @ X
        curvature = np.linalg.eigvalsh(gram)[-1] / (4 * len(y)) + l2
        learning_rate = 1.0 / curvature if curvature > 0 else 1.0
    learning_rate = check_positive_float("learning_rate", learning_rate)
    bias, losses = 0.0, np.empty(n_steps)
    if X.shape[1] > X.shape[0]:  # the dual form, w = Xᵀα
        kernel = X @ X.T  # (n, n)
        alpha = np.zeros(len(y))
        for step in range(n_steps):
            kernel_alpha = kernel @ alpha  # X w, (n,)
            z = kernel_alpha + bias
            losses[step] = _mean_cross_entropy(z, y) + 0.5 * l2 * float(alpha @ kernel_alpha)
            grad_z = (expit(z) - y) / len(y)  # (n,)
            alpha = (1 - learning_rate * l2) * alpha - learning_rate * grad_z
            bias -= learning_rate * float(grad_z.sum())
        return LogisticRegression(X.T @ alpha, bias, losses)
    weights = np.zeros(X.shape[1])
    for step in range(n_steps):
        losses[step], grad_weights, grad_bias = _loss_and_gradient(weights, bias, X, y, l2)
        weights -= learning_rate * grad_weights
        bias -= learning_rate * grad_bias
    return LogisticRegression(weights, bias, losses)


def stratified_folds(labels, k: int = 5, *, rng: np.random.Generator) -> list[np.ndarray]:
    """Split example indices into ``k`` folds with (nearly) the same share of each label.

    The examples of each label are shuffled with ``rng`` and dealt out in k nearly equal parts;
    fold i is the union of part i of every label.

    Returns
    -------
    list of k sorted int64 arrays: the test indices of each fold (together: every index once)
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(f"labels must be a non-empty 1-D array, got shape {labels.shape}")
    k = check_positive_int("k", k, minimum=2)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a np.random.Generator, got {type(rng).__name__}")
    classes, counts = np.unique(labels, return_counts=True)
    if counts.min() < k:
        raise ValueError(
            f"k = {k} folds need at least k examples of each label; "
            f"label {classes[counts.argmin()].item()!r} has only {counts.min()}"
        )
    parts = [[] for _ in range(k)]
    for label in classes:
        members = rng.permutation(np.flatnonzero(labels == label))
        for fold, chunk in enumerate(np.array_split(members, k)):
            parts[fold].append(chunk)
    return [np.sort(np.concatenate(p)).astype(np.int64) for p in parts]


@dataclass(frozen=True)
class CrossValidationResult:
    """Accuracy on each held-out fold; ``mean``, ``std`` (sample standard deviation) and
    ``standard_error`` of the mean."""

    fold_accuracies: np.ndarray

    @property
    def mean(self) -> float:
        return float(self.fold_accuracies.mean())

    @property
    def std(self) -> float:
        return float(self.fold_accuracies.std(ddof=1))

    @property
    def standard_error(self) -> float:
        """std / √k: how far the mean of k folds typically lies from the mean one would get
        with endless folds of the same size (notebook 07). The folds share training
        sentences, so it is, if anything, too small."""
        return self.std / float(np.sqrt(len(self.fold_accuracies)))

    def __repr__(self) -> str:
        return (
            f"accuracy {self.mean:.3f} ± {self.std:.3f} "
            f"(mean ± std over {len(self.fold_accuracies)} folds)"
        )


def cross_validate(
    features,
    labels,
    folds: Sequence[np.ndarray],
    *,
    l2: float = 0.1,
    n_steps: int = 300,
    standardize: bool = True,
) -> CrossValidationResult:
    """k-fold cross-validated accuracy of a logistic regression on ``features``.

    For each fold: standardise every feature with the mean and standard deviation of the
    *training* folds (a constant feature is left unscaled), fit
    :func:`fit_logistic_regression` on them, and score the accuracy on the held-out fold.
    Pass the same ``folds`` (from :func:`stratified_folds`) to compare representations on the
    same splits.

    Parameters
    ----------
    features : ndarray of shape (n, f), e.g. from :func:`sentence_vectors` or :func:`bag_of_words`
    labels : ndarray of shape (n,) in {0, 1}
    folds : list of k arrays of test indices that together cover 0..n-1 once
    l2, n_steps : see :func:`fit_logistic_regression`
    standardize : bool

    Returns
    -------
    CrossValidationResult
    """
    X, y = _check_design(features, labels)
    folds = [np.asarray(f, dtype=np.int64) for f in folds]
    if len(folds) < 2:
        raise ValueError(f"folds must hold at least 2 folds, got {len(folds)}")
    covered = np.sort(np.concatenate(folds))
    if not np.array_equal(covered, np.arange(len(y))):
        raise ValueError(
            f"folds must cover every example 0..{len(y) - 1} exactly once "
            "(use stratified_folds(labels, k, rng=rng))"
        )
    accuracies = []
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        X_train, X_test = X[train], X[test]
        if standardize:
            mean, std = X_train.mean(axis=0), X_train.std(axis=0)
            std[std == 0] = 1.0
            X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
        model = fit_logistic_regression(X_train, y[train], l2=l2, n_steps=n_steps)
        accuracies.append(float(np.mean(model.predict(X_test) == y[test])))
    return CrossValidationResult(np.asarray(accuracies))


# --------------------------------------------------------------------------------------------
# Comparing methods fairly: dev/test splits, spreads over seeds, paired differences
# --------------------------------------------------------------------------------------------


def split_benchmark(benchmark, vocab, *, rng: np.random.Generator, case_insensitive=True):
    """Split the items of a benchmark that ``vocab`` covers into a development and a test half.

    Tune on the development half (choose epochs, p, α, ...), report on the test half: a
    configuration chosen on the test items would flatter whichever method had more
    configurations to choose from.

    Parameters
    ----------
    benchmark : list of (word1, word2, score) pairs, e.g. ``datasets.wordsim353()``, or a dict
        section -> list of (a, b, c, d) questions, e.g. ``datasets.google_analogies()``
    vocab : Vocabulary or list of words; only items whose words are all in it are kept
    rng : np.random.Generator   draws the halves
    case_insensitive : bool     match words as :func:`evaluate_similarity` does

    Returns
    -------
    (development, test), of the same kind as ``benchmark``: the covered items, shuffled into
    two halves (the development half gets the smaller one when their number is odd; a dict is
    split section by section), each half in the benchmark's order.

    Introduced in notebook 07.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a np.random.Generator, got {type(rng).__name__}")
    words = _vocabulary_words(vocab)
    lookup = _Lookup(words, len(words), case_insensitive)

    def halves(items, n_words):
        covered = [
            item for item in items if all(lookup.get(w) is not None for w in item[:n_words])
        ]
        order = rng.permutation(len(covered))
        development = np.sort(order[: len(covered) // 2])
        test = np.sort(order[len(covered) // 2 :])
        return [covered[i] for i in development], [covered[i] for i in test]

    if isinstance(benchmark, Mapping):
        sections = _check_questions(benchmark)
        split = {name: halves(questions, 4) for name, questions in sections.items()}
        return {n: d for n, (d, _) in split.items()}, {n: t for n, (_, t) in split.items()}
    return halves(_check_pairs(benchmark), 2)


@dataclass(frozen=True)
class Spread:
    """A score over several runs (seeds): its ``mean``, ``low`` (min) and ``high`` (max).

    Displays as "mean [min–max]", e.g. "0.493 [0.476–0.537]"; a single run as its value.
    """

    values: np.ndarray

    @property
    def mean(self) -> float:
        return float(np.mean(self.values))

    @property
    def low(self) -> float:
        return float(np.min(self.values))

    @property
    def high(self) -> float:
        return float(np.max(self.values))

    def format(self, digits: int = 3) -> str:
        """The spread as text with ``digits`` decimals."""
        if len(self.values) == 1:
            return f"{self.mean:.{digits}f}"
        return f"{self.mean:.{digits}f} [{self.low:.{digits}f}–{self.high:.{digits}f}]"

    def __repr__(self) -> str:
        return self.format()


def spread(values) -> Spread:
    """:class:`Spread` of a score over runs: ``spread([0.49, 0.51, 0.50])`` shows
    "0.500 [0.490–0.510]". Introduced in notebook 07."""
    values = np.asarray(values, dtype=np.float64).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise ValueError(f"values must be one or more finite numbers, got {_show(values)}")
    return Spread(values)


@dataclass(frozen=True)
class PairedDifference:
    """Fold-by-fold difference of two cross-validated accuracies on the same folds.

    Attributes
    ----------
    differences : ndarray of shape (k,)   accuracy of the first minus that of the second
    mean : float                          mean difference
    standard_error : float                std of the differences / √k
    """

    differences: np.ndarray

    @property
    def mean(self) -> float:
        return float(self.differences.mean())

    @property
    def standard_error(self) -> float:
        return float(self.differences.std(ddof=1) / np.sqrt(len(self.differences)))

    def __repr__(self) -> str:
        return (
            f"difference {self.mean:+.3f} ± {self.standard_error:.3f} "
            f"(mean ± standard error over {len(self.differences)} paired folds)"
        )


def paired_difference(first: CrossValidationResult, second: CrossValidationResult):
    """Compare two methods scored on the same folds, fold by fold.

    Differences d_i = acc_first_i - acc_second_i; their mean and standard error
    std(d) / √k. A fold that is hard for one method is often hard for the other, so the
    paired differences vary less than either method's accuracies, and the standard error of
    their mean is the yardstick for "is the first better?", not the fold-to-fold std of
    either method. Introduced in notebook 07.

    Returns
    -------
    PairedDifference
    """
    for name, result in (("first", first), ("second", second)):
        if not isinstance(result, CrossValidationResult):
            raise TypeError(
                f"{name} must be a CrossValidationResult from cross_validate, "
                f"got {type(result).__name__}"
            )
    if len(first.fold_accuracies) != len(second.fold_accuracies):
        raise ValueError(
            "first and second must be scored on the same folds, got "
            f"{len(first.fold_accuracies)} and {len(second.fold_accuracies)} folds"
        )
    return PairedDifference(first.fold_accuracies - second.fold_accuracies)


# --------------------------------------------------------------------------------------------
# Neighbour stability and association tests
# --------------------------------------------------------------------------------------------


def _top_neighbours(normed, rows: np.ndarray, k: int) -> np.ndarray:
    """Ids of the k nearest neighbours (cosine) of each word in ``rows``, itself excluded."""
    cosines = _cosines(normed, rows, normed.shape[0]).astype(np.float64)  # (len(rows), |V|)
    cosines[np.arange(len(rows)), rows] = -np.inf
    return np.argsort(-cosines, axis=1, kind="stable")[:, :k]


def neighbour_overlap(first, second, vocab, words, k: int = 10) -> np.ndarray:
    """For each word, the fraction of its k nearest neighbours that two sets of vectors share.

    overlap(w) = |N_k(w; first) ∩ N_k(w; second)| / k, N_k = the k words of highest cosine
    with w, w itself excluded (Antoniak & Mimno 2018 measure the stability of embeddings
    this way across random seeds).

    Parameters
    ----------
    first, second : ndarrays or sparse matrices of shape (|V|, d1) and (|V|, d2), rows in the
        order of ``vocab``
    vocab : Vocabulary or list of |V| words
    words : list of words to probe
    k : int >= 1

    Returns
    -------
    ndarray of shape (len(words),), values in {0, 1/k, ..., 1}

    Introduced in notebook 07.
    """
    names = _vocabulary_words(vocab)
    k = check_positive_int("k", k)
    if k >= len(names):
        raise ValueError(f"k must be smaller than |V| = {len(names)}, got {k}")
    lookup = _Lookup(names, len(names), case_insensitive=False)
    if isinstance(words, str):
        raise TypeError(f"words must be a list of words, got the string {words!r}")
    rows = np.array([lookup[w] for w in words], dtype=np.int64)
    neighbours = [
        _top_neighbours(_normalized(_check_vectors(vectors, len(names))), rows, k)
        for vectors in (first, second)
    ]
    return np.array(
        [len(set(a) & set(b)) / k for a, b in zip(*neighbours, strict=True)], dtype=np.float64
    )


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
