"""Analogies "a is to b as c is to d" (precept, "Evaluation"; intrinsic).

Find d among the words x of the vocabulary with
  3CosAdd   argmax_x  cos(x, b) - cos(x, a) + cos(x, c)        (Mikolov et al. 2013)
  3CosMul   argmax_x  cos'(x, b) cos'(x, c) / (cos'(x, a) + ε),  cos' = (1 + cos) / 2
      (Levy & Goldberg 2014, "Linguistic Regularities in Sparse and Explicit Word
      Representations")
with a, b and c themselves excluded from the answers; same numbers as gensim's
``evaluate_word_analogies`` and ``most_similar_cosmul`` (case-insensitive, ``restrict_vocab``,
ε = 1e-6). Two baselines (Linzen 2016) show how much of the score the offset explains.

Introduced in notebook 07.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .._validation import _show, check_positive_float, check_positive_int
from ..tables import LabelledTable
from ._vectors import _check_vectors, _cosines, _Lookup, _normalized, _restrict, _vocabulary_words

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
    # 3CosMul with every cosine shifted to [0, 1] (Levy & Goldberg 2014, "Linguistic
    # Regularities in Sparse and Explicit Word Representations", footnote 7)
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
