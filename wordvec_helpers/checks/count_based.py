"""Checks for the count-based exercises (notebooks 01-03).

Every check runs the student's function on small tables of real words that the notebook did not
show, compares the answer with the package's own implementation and, when they differ, names the
mistake the answer matches: each check's catalogue (``check.mistakes``) lists them. A diagnosis
names words ("W[I, cats] is 0 in yours, 1 expected"), never ids or indices.

When an exercise calls an earlier one (``my_pmi`` calls ``my_probabilities``, ``my_ppmi`` calls
``my_pmi``), the check runs the student's function twice: once with the package's reference in
place of the earlier exercise and once as written. If only the second run is wrong, the earlier
exercise is at fault, and the check says so.
"""

from __future__ import annotations

import types
from collections.abc import Callable

import numpy as np

from .. import datasets
from ..cooccurrence import cooccurrence_matrix
from ..corpus import Vocabulary
from ..pmi import pmi, ppmi, probabilities
from ..svd import _flip_signs
from ._core import CheckResult, Mistake, _Stop, as_array, call, close, names_mistakes, run_check

# --------------------------------------------------------------------------------------------
# Shared helpers: numbers without "-0", the first differing cell named by its words
# --------------------------------------------------------------------------------------------


def _number(value: float) -> str:
    """A number for a student to read: 4 significant digits, "-inf", never "-0"."""
    value = float(value)
    if np.isnan(value):
        return "NaN"
    if np.isinf(value):
        return "-inf" if value < 0 else "inf"
    if abs(value) < 1e-10:  # rounding noise, e.g. 1.5e-16, reads as 0
        return "0"
    return f"{value:.4g}"


def _cell(entry: str, rows, cols, index) -> str:
    """``entry`` (e.g. "W[{t}, {c}]") filled with the words of a cell, or a position."""
    if len(index) == 2 and rows is not None:
        column = cols[index[1]] if cols is not None else index[1] + 1
        return entry.format(t=rows[index[0]], c=column)
    if len(index) == 1 and rows is not None:
        return entry.format(t=rows[index[0]], c="")
    return "the value"


def _example(got: np.ndarray, want: np.ndarray, rows, cols, entry: str) -> str:
    """ "For example, W[I, cats] is 0 in yours, 1 expected." (the first cell that differs)"""
    if got.shape != want.shape or got.dtype == object:
        return ""
    with np.errstate(invalid="ignore"):
        same = np.isclose(got, want, rtol=1e-6, atol=1e-9) | (np.isnan(got) & np.isnan(want))
    if same.all():
        return ""
    if got.ndim == 0:
        return f" Yours is {_number(got)}, expected {_number(want)}."
    differ = ~same
    if (differ & np.isfinite(want)).any():  # a finite cell says more than a -inf one
        differ &= np.isfinite(want)
    index = tuple(int(i) for i in np.argwhere(differ)[0])
    where = _cell(entry, rows, cols, index)
    yours, expected = _number(got[index]), _number(want[index])
    return f" For example, {where} is {yours} in yours, {expected} expected."


def _say(name: str, case: str, text: str, mistake: Mistake | None = None):
    where = f" ({case})" if case else ""
    raise _Stop(
        CheckResult(False, f"{name}{where}: {text}", mistake=mistake.id if mistake else None)
    )


def _compare(
    name: str,
    answer,
    expected,
    mistakes=(),
    *,
    case: str = "",
    rows=None,
    cols=None,
    entry: str = "[{t}, {c}]",
    what: str = "values",
    shape_note: str = "",
    rtol: float = 1e-6,
) -> None:
    """Stop the check with a diagnosis in words unless ``answer`` equals ``expected``.

    ``mistakes`` holds (Mistake, wrong) pairs: ``wrong`` is the value the mistake gives, or a
    predicate ``wrong(got) -> bool``. A matched mistake's diagnosis is followed by the first cell
    that differs, named by its words (``rows``/``cols`` label the axes; ``entry`` formats a cell).
    """
    got, want = as_array(answer), as_array(expected)
    if close(got, want, rtol=rtol):
        return
    for mistake, wrong in mistakes:
        if callable(wrong):
            matched = bool(wrong(got))
        else:
            matched = close(got, as_array(wrong), rtol=rtol, equal_nan=True)
        if matched:
            _say(name, case, mistake.diagnosis + _example(got, want, rows, cols, entry), mistake)
    if got.dtype == object:
        _say(name, case, f"expected an array of numbers, got {type(answer).__name__}")
    if got.shape != want.shape:
        note = f" ({shape_note})" if shape_note else ""
        _say(name, case, f"expected shape {want.shape}{note}, got {got.shape}")
    if np.isnan(got).any() and not np.isnan(want).any():
        index = tuple(int(i) for i in np.argwhere(np.isnan(got))[0])
        where = _cell(entry, rows, cols, index)
        _say(name, case, f"{where} is NaN in yours, {_number(want[index])} expected")
    with np.errstate(invalid="ignore"):
        bad = ~(np.isclose(got, want, rtol=rtol, atol=1e-9) | (np.isnan(got) & np.isnan(want)))
    count = f"{int(bad.sum())} of {want.size} {what} differ." if want.ndim else "it differs."
    _say(name, case, count + _example(got, want, rows, cols, entry))


def _has_shape(shape: tuple, unless: tuple | None = None) -> Callable[[np.ndarray], bool]:
    """A matcher for a mistake recognised by its shape alone."""

    def matches(got: np.ndarray) -> bool:
        return got.shape == tuple(shape) and got.shape != unless

    return matches


def _global_names(code: types.CodeType) -> set[str]:
    """Every global name a function's code (and the code nested in it) refers to."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _global_names(constant)
    return names


def _with_references(function, references: dict[str, Callable]):
    """``function`` with each earlier exercise it calls by name (e.g. ``my_probabilities``)
    replaced by the package's reference, and the names it replaced. The student's namespace is
    not touched: the copy gets its own globals."""
    if not isinstance(function, types.FunctionType):
        return function, []
    used = _global_names(function.__code__)
    found = [
        name
        for name in references
        if name in used and isinstance(function.__globals__.get(name), types.FunctionType)
    ]
    if not found:
        return function, []
    namespace = dict(function.__globals__)
    namespace.update({name: references[name] for name in found})
    copy = types.FunctionType(
        function.__code__,
        namespace,
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    return copy, found


def _blame_earlier_exercise(
    name: str,
    function,
    body_with: Callable[[Callable], str],
    earlier: dict[str, tuple[Callable, Callable, Mistake, Mistake]],
) -> str:
    """Run ``body_with(function)``; when it fails only because of an earlier exercise, say so.

    ``earlier`` maps the name of an earlier exercise's function to (its reference, its check,
    the mistake "that exercise is not done", the mistake "that exercise is wrong").
    """
    references = {callee: entry[0] for callee, entry in earlier.items()}
    standalone, replaced = _with_references(function, references)
    if not replaced:
        return body_with(function)
    try:
        body_with(standalone)  # the student's own logic, with correct earlier exercises
    except _Stop as stop:
        callee_trouble = [
            callee
            for callee in replaced
            if not earlier[callee][1](function.__globals__[callee]).passed
        ]
        if callee_trouble and stop.result.done:
            callees = " and ".join(callee_trouble)
            note = (
                f" (found with the package's version in place of your {callees}, "
                "which is not right yet either)"
            )
            raise _Stop(
                CheckResult(False, stop.result.message + note, mistake=stop.result.mistake)
            ) from None
        raise
    for callee in replaced:
        reference, check, not_done_mistake, wrong_mistake = earlier[callee]
        verdict = check(function.__globals__[callee])
        if not verdict.passed:
            mistake = wrong_mistake if verdict.done else not_done_mistake
            detail = verdict.message if verdict.done else ""
            text = mistake.diagnosis + (f" Its check says: {detail}" if detail else "")
            _say(name, "", text, mistake)
    return body_with(function)


# --------------------------------------------------------------------------------------------
# Notebook 01, Exercise 1: the co-occurrence matrix
# --------------------------------------------------------------------------------------------

COOC_SELF = Mistake(
    "target-as-own-context",
    "the target was counted as its own context: skip j == i (in yours the diagonal W[w, w] is "
    "too large by the number of times w occurs).",
)
COOC_RIGHT_EDGE = Mistake(
    "right-edge-off-by-one",
    "the window is off by one at its right edge: it stops one word short on the right, as "
    "range(i - window, i + window) does (range excludes its end). Loop j up to i + window "
    "inclusive: range(..., i + window + 1).",
)
COOC_LEFT_EDGE = Mistake(
    "left-edge-off-by-one",
    "the window is off by one at its left edge: it starts one word late, as "
    "range(i - window + 1, ...) does. Start at i - window (but never below 0).",
)
COOC_RIGHT_TOO_FAR = Mistake(
    "right-edge-too-far",
    "the window reaches one word too far on the right, as range(i - window, i + window + 2) "
    "does. The last context is at position i + window: range(..., i + window + 1).",
)
COOC_NARROW = Mistake(
    "window-minus-one",
    "these are the counts for a window of window - 1: both edges stop one word short, as "
    "range(i - window + 1, i + window) does. The window covers positions i - window to "
    "i + window, both included.",
)
COOC_WIDE = Mistake(
    "window-plus-one",
    "these are the counts for a window of window + 1: the window reaches one word too far on "
    "both sides. It covers positions i - window to i + window, and no further.",
)
COOC_WRAP = Mistake(
    "negative-index-wraps",
    "near the start of a sentence the window went below position 0, and Python read "
    "sentence[-1], sentence[-2], ...: words from the END of the sentence. Start the window at "
    "max(0, i - window).",
)
COOC_RIGHT_ONLY = Mistake(
    "right-only",
    "only the contexts to the right of the target were counted (a one-sided window); the "
    "precept's window is symmetric: m words on the left and m on the right.",
)
COOC_LEFT_ONLY = Mistake(
    "left-only",
    "only the contexts to the left of the target were counted (a one-sided window); the "
    "precept's window is symmetric: m words on the left and m on the right.",
)
COOC_DOUBLE = Mistake(
    "each-pair-twice",
    "every count is doubled: you added both W[t, c] and W[c, t] for each pair, but the loop "
    "already visits every pair from both sides (once with each word as the target). Add only "
    "W[sentence[i], sentence[j]].",
)
COOC_CROSSES = Mistake(
    "crosses-sentences",
    "the window crossed from one sentence into the next (as if the sentences were one long "
    "text); count within each sentence only.",
)
COOC_POSITIONS = Mistake(
    "positions-not-ids",
    "you counted W[i, j] with the positions i and j; the rows and columns are word ids: add "
    "one to W[sentence[i], sentence[j]].",
)
COOC_SET_ONE = Mistake(
    "set-not-add",
    "a pair seen twice still counts 1 in yours: W[t, c] = 1 sets the cell, W[t, c] += 1 adds "
    "one for every time the pair occurs.",
)


def _cooccurrence_cases():
    """(description, words of the vocabulary, sentences as id arrays, window): the precept's
    sentence, and two sentences with repeated words, so that edges, boundaries and repeats
    all matter."""
    precept = [datasets.precept_sentence()]
    two = ["the cat sat on the mat".split(), "the dog sat on the log".split()]
    cases = []
    for text, sentences, window in [
        ("'I like cats and dogs', window 2", precept, 2),
        ("'the cat sat on the mat' / 'the dog sat on the log', window 1", two, 1),
        ("'the cat sat on the mat' / 'the dog sat on the log', window 3", two, 3),
    ]:
        vocab = Vocabulary.build(sentences)
        cases.append((text, vocab.words, vocab.encode_corpus(sentences), window))
    return cases


def _loop_counts(
    sentences, vocab_size, window, *, left=0, right=0, wrap=False, positions=False, binary=False
):
    """A student's loop with the window moved by ``left``/``right`` positions at each edge,
    negative positions wrapping to the end of the sentence, positions counted instead of ids,
    or cells set instead of incremented: the values of the common mistakes."""
    W = np.zeros((vocab_size, vocab_size))
    for ids in sentences:
        n = len(ids)
        for i in range(n):
            start = i - window - left
            for j in range(start if wrap else max(0, start), min(n, i + window + right + 1)):
                if j == i:
                    continue
                row, col = (i, j % n) if positions else (ids[i], ids[j])
                if positions and max(row, col) >= vocab_size:
                    return None
                W[row, col] = 1 if binary else W[row, col] + 1
    return W


def _one_sided(sentences, vocab_size, window):
    """Counts of contexts to the right of the target only."""
    W = np.zeros((vocab_size, vocab_size))
    for ids in sentences:
        for i in range(len(ids)):
            for j in range(i + 1, min(len(ids), i + window + 1)):
                W[ids[i], ids[j]] += 1
    return W


def _cooccurrence_mistakes(sentences, vocab_size, window, expected):
    token_counts = np.bincount(np.concatenate(sentences), minlength=vocab_size)
    right = _one_sided(sentences, vocab_size, window)
    narrower = (
        cooccurrence_matrix(sentences, vocab_size, window - 1) if window > 1 else 0 * expected
    )
    candidates = [
        (COOC_SELF, expected + np.diag(token_counts)),
        (COOC_RIGHT_EDGE, _loop_counts(sentences, vocab_size, window, right=-1)),
        (COOC_LEFT_EDGE, _loop_counts(sentences, vocab_size, window, left=-1)),
        (COOC_RIGHT_TOO_FAR, _loop_counts(sentences, vocab_size, window, right=1)),
        (COOC_NARROW, narrower),
        (COOC_WIDE, cooccurrence_matrix(sentences, vocab_size, window + 1)),
        (COOC_WRAP, _loop_counts(sentences, vocab_size, window, wrap=True)),
        (COOC_RIGHT_ONLY, right),
        (COOC_LEFT_ONLY, right.T),
        (COOC_DOUBLE, 2 * expected),
        (COOC_CROSSES, cooccurrence_matrix([np.concatenate(sentences)], vocab_size, window)),
        (COOC_POSITIONS, _loop_counts(sentences, vocab_size, window, positions=True)),
        (COOC_SET_ONE, _loop_counts(sentences, vocab_size, window, binary=True)),
    ]
    # A mistake that changes nothing on this case (e.g. binary counts without repeats) is left
    # to the case that shows it.
    return [
        (mistake, wrong)
        for mistake, wrong in candidates
        if wrong is not None and not np.array_equal(wrong, expected)
    ]


@names_mistakes(
    COOC_SELF,
    COOC_RIGHT_EDGE,
    COOC_LEFT_EDGE,
    COOC_RIGHT_TOO_FAR,
    COOC_NARROW,
    COOC_WIDE,
    COOC_WRAP,
    COOC_RIGHT_ONLY,
    COOC_LEFT_ONLY,
    COOC_DOUBLE,
    COOC_CROSSES,
    COOC_POSITIONS,
    COOC_SET_ONE,
)
def check_cooccurrence(function) -> CheckResult:
    """Check ``function(sentences, vocab_size, window) -> W`` against the reference counter
    (notebook 01, Exercise 1)."""
    name = "co-occurrence matrix"

    def body():
        for case, words, sentences, window in _cooccurrence_cases():
            answer = call(name, function, [s.copy() for s in sentences], len(words), window)
            expected = cooccurrence_matrix(sentences, len(words), window)
            _compare(
                name,
                answer,
                expected,
                _cooccurrence_mistakes(sentences, len(words), window, expected),
                case=case,
                rows=words,
                cols=words,
                entry="W[{t}, {c}]",
                what="counts",
                shape_note="one row and one column per word of the vocabulary",
            )
        return "matches the reference on the precept's sentence and on a two-sentence corpus"

    return run_check(name, body)


# --------------------------------------------------------------------------------------------
# Notebook 01, Exercise 2: cosine similarity
# --------------------------------------------------------------------------------------------

COS_DOT = Mistake("dot-product", "this is the dot product u·v: divide it by ‖u‖ ‖v‖.")
COS_ONLY_U = Mistake(
    "only-u-normalised",
    "only u was normalised (divided by ‖u‖ only): divide by ‖v‖ as well.",
)
COS_ONLY_V = Mistake(
    "only-v-normalised",
    "only v was normalised (divided by ‖v‖ only): divide by ‖u‖ as well.",
)
COS_SQUARED = Mistake(
    "squared-norms",
    "divided by the squared norms u·u and v·v: the norm is their square root, "
    "np.sqrt(u @ u) or np.linalg.norm(u).",
)
COS_SUM = Mistake("sum-of-norms", "divided by ‖u‖ + ‖v‖: the two norms multiply, ‖u‖ ‖v‖.")
COS_BRACKETS = Mistake(
    "missing-brackets",
    "this is u·v / ‖u‖ × ‖v‖: without brackets Python divides by ‖u‖ and then MULTIPLIES "
    "by ‖v‖. Put the whole denominator in brackets: u·v / (‖u‖ ‖v‖).",
)
COS_DISTANCE = Mistake(
    "cosine-distance",
    "this is the cosine distance 1 - cos(u, v) (what scipy.spatial.distance.cosine returns); "
    "the similarity is cos(u, v) itself.",
)
COS_PEARSON = Mistake(
    "centred-pearson",
    "this is Pearson's correlation: the vectors were centred (their mean subtracted) first; "
    "the cosine uses u and v as they are.",
)
COS_ELEMENTWISE = Mistake(
    "no-sum",
    "you returned a vector: u * v multiplies entry by entry; the dot product sums those "
    "products to one number (u @ v).",
)


@names_mistakes(
    COS_DOT,
    COS_ONLY_U,
    COS_ONLY_V,
    COS_SQUARED,
    COS_SUM,
    COS_BRACKETS,
    COS_DISTANCE,
    COS_PEARSON,
    COS_ELEMENTWISE,
)
def check_cosine_similarity(function) -> CheckResult:
    """Check ``function(u, v) -> cos(u, v)`` for two vectors of shape (d,) (notebook 01,
    Exercise 2)."""
    from ..similarity import cosine_similarity

    name = "cosine similarity"
    targets, contexts, counts = datasets.jurafsky_martin_counts()
    row = dict(zip(targets, counts, strict=True))
    rng = np.random.default_rng(0)
    cases = [
        ("digital vs information, J & M counts", row["digital"], row["information"]),
        ("cherry vs digital, J & M counts", row["cherry"], row["digital"]),
        ("two vectors with negative entries", rng.normal(size=7), rng.normal(size=7)),
        ("strawberry vs 3 × strawberry", row["strawberry"], 3 * row["strawberry"]),
    ]

    def body():
        for case, u, v in cases:
            answer = call(name, function, u.copy(), v.copy())
            u, v = u.astype(float), v.astype(float)
            dot, nu, nv = float(u @ v), float(np.linalg.norm(u)), float(np.linalg.norm(v))
            cos = dot / (nu * nv)
            uc, vc = u - u.mean(), v - v.mean()
            mistakes = [
                (COS_DOT, dot),
                (COS_ONLY_U, dot / nu),
                (COS_ONLY_V, dot / nv),
                (COS_SQUARED, dot / (nu**2 * nv**2)),
                (COS_SUM, dot / (nu + nv)),
                (COS_BRACKETS, dot / nu * nv),
                (COS_DISTANCE, 1 - cos),
                (COS_PEARSON, uc @ vc / (np.linalg.norm(uc) * np.linalg.norm(vc))),
                (COS_ELEMENTWISE, _has_shape(u.shape)),
            ]
            _compare(name, answer, cosine_similarity(u, v), mistakes, case=case)
        return "matches cos(u, v) = u·v / (‖u‖ ‖v‖), including cos(u, 3u) = 1"

    return run_check(name, body)


# --------------------------------------------------------------------------------------------
# Notebook 02, Exercise 1: probabilities
# --------------------------------------------------------------------------------------------

PROB_NOT_TUPLE = Mistake(
    "not-a-tuple", "return the three results as a tuple: return p_tc, p_t, p_c."
)
PROB_ORDER = Mistake(
    "wrong-order",
    "the three results are in the wrong order: return p_tc (the 2-D table) first, then p_t "
    "(one per target, the rows), then p_c (one per context, the columns).",
)
PROB_CONDITIONAL = Mistake(
    "p-c-given-t",
    "each row was divided by its own sum: that is P(c | t), the probability of c among t's "
    "contexts. P(t, c) divides every count by the total of the whole table.",
)
PROB_T_GIVEN_C = Mistake(
    "p-t-given-c",
    "each column was divided by its own sum: that is P(t | c). P(t, c) divides every count by "
    "the total of the whole table.",
)
PROB_RAW = Mistake("raw-counts", "these are the raw counts: divide them by the total sum.")
PROB_SWAPPED = Mistake(
    "marginals-swapped",
    "P(t) and P(c) are swapped: P(t) sums each row (axis=1, one value per target), P(c) sums "
    "each column (axis=0, one value per context).",
)
PROB_UNNORMALISED = Mistake(
    "marginals-not-divided",
    "these are row or column sums of the counts, not yet divided by the total: take the sums "
    "of P(t, c) instead (or divide by the total).",
)


def _count_cases():
    words, precept = datasets.precept_count_table()
    targets, contexts, jm = datasets.jurafsky_martin_counts()
    return [
        ("the precept's 3 x 3 table", words, words, precept),
        ("Jurafsky & Martin's 4 x 5 table", targets, contexts, jm),
    ]


def _check_probabilities_once(answer, case, targets, contexts, counts):
    ndims = [as_array(part).ndim for part in answer]
    if ndims != [2, 1, 1] and sorted(ndims) == [1, 1, 2]:
        _say("probabilities", case, PROB_ORDER.diagnosis, PROB_ORDER)
    p_tc, p_t, p_c = probabilities(counts)
    _compare(
        "P(t, c)",
        answer[0],
        p_tc,
        [
            (PROB_CONDITIONAL, counts / counts.sum(axis=1, keepdims=True)),
            (PROB_T_GIVEN_C, counts / counts.sum(axis=0, keepdims=True)),
            (PROB_RAW, counts),
        ],
        case=case,
        rows=targets,
        cols=contexts,
        entry="P({t}, {c})",
        shape_note="one row per target word, one column per context word",
    )
    for label, got, want, other, sums, words, kind in [
        ("P(t)", answer[1], p_t, p_c, counts.sum(axis=1), targets, "target"),
        ("P(c)", answer[2], p_c, p_t, counts.sum(axis=0), contexts, "context"),
    ]:
        _compare(
            label,
            got,
            want,
            [(PROB_SWAPPED, other), (PROB_UNNORMALISED, sums)],
            case=case,
            rows=words,
            entry="P({t})",
            shape_note=f"one value per {kind} word",
        )


@names_mistakes(
    PROB_NOT_TUPLE,
    PROB_ORDER,
    PROB_CONDITIONAL,
    PROB_T_GIVEN_C,
    PROB_RAW,
    PROB_SWAPPED,
    PROB_UNNORMALISED,
)
def check_probabilities(function) -> CheckResult:
    """Check ``function(counts) -> (P(t,c), P(t), P(c))`` (notebook 02, Exercise 1)."""
    name = "probabilities"

    def body():
        for case, targets, contexts, counts in _count_cases():
            answer = call(name, function, counts.copy())
            if not isinstance(answer, tuple | list) or len(answer) != 3:
                kind = type(answer).__name__
                _say(name, case, f"{PROB_NOT_TUPLE.diagnosis} Yours is {kind}.", PROB_NOT_TUPLE)
            _check_probabilities_once(answer, case, targets, contexts, counts)
        return "P(t, c), P(t) and P(c) match on the precept's and J & M's tables"

    return run_check(name, body)


# --------------------------------------------------------------------------------------------
# Notebook 02, Exercise 2: PMI
# --------------------------------------------------------------------------------------------

PMI_ZERO = Mistake(
    "zero-not-minus-inf",
    "where a pair never occurs (count 0) yours has PMI 0; it should be -inf (log 0): a pair "
    "never seen is not 'exactly as often as chance'.",
)
PMI_NAN = Mistake(
    "nan-not-minus-inf",
    "NaN where the count is zero: log(0) is -inf, but 0/0 or 0 * log(0) gives NaN. Compute "
    "the log only where the count is positive and put -inf elsewhere.",
)
PMI_LOG2 = Mistake(
    "log-base-2", "this is log base 2 (np.log2); the precept's PMI uses the natural log, np.log."
)
PMI_LOG10 = Mistake(
    "log-base-10",
    "this is log base 10 (np.log10); the precept's PMI uses the natural log, np.log.",
)
PMI_NO_LOG = Mistake(
    "log-missing", "the log is missing: this is the ratio P(t, c) / (P(t) P(c)) itself."
)
PMI_UPSIDE_DOWN = Mistake(
    "ratio-upside-down", "the ratio is upside down: PMI is log P(t, c) / (P(t) P(c))."
)
PMI_CONDITIONAL = Mistake(
    "conditional-not-joint",
    "you used P(c | t) (each row divided by its own sum) where the formula has the joint "
    "P(t, c) (every count divided by the total). Use p_tc from Exercise 1.",
)
PMI_COUNTS = Mistake(
    "counts-not-probabilities",
    "you used counts where the formula has probabilities: W[t, c] / (count(t) count(c)) is "
    "the ratio divided by the total N. Divide the counts by the total first (Exercise 1).",
)
PMI_NOT_OUTER = Mistake(
    "marginals-not-outer",
    "P(t) P(c) must hold one value per (t, c) pair: np.outer(p_t, p_c), or "
    "p_t[:, None] * p_c[None, :]. Yours multiplied the two vectors entry by entry (or along "
    "the wrong axis).",
)
PMI_PROBABILITIES_NOT_DONE = Mistake(
    "probabilities-not-done",
    "your my_pmi calls my_probabilities, which is still the unanswered stub of Exercise 1: do "
    "Exercise 1 first.",
)
PMI_PROBABILITIES_WRONG = Mistake(
    "probabilities-wrong",
    "your my_pmi is right when it gets correct probabilities, but it calls my_probabilities, "
    "which is not right yet: fix Exercise 1 first.",
)


def _pmi_mistakes(counts):
    expected = pmi(counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_tc, p_t, p_c = probabilities(counts)
        conditional = counts / counts.sum(axis=1, keepdims=True)
        seen = counts > 0

        def log_ratio(joint, marginal_product, zero=-np.inf):
            out = np.full(counts.shape, zero)
            out[seen] = np.log(np.broadcast_to(joint / marginal_product, counts.shape)[seen])
            return out

        mistakes = [
            (PMI_ZERO, np.where(seen, expected, 0.0)),
            (PMI_NAN, np.where(seen, expected, np.nan)),
            (PMI_LOG2, pmi(counts, base=2)),
            (PMI_LOG10, pmi(counts, base=10)),
            (PMI_NO_LOG, np.exp(expected)),
            (PMI_NO_LOG, p_tc / np.outer(p_t, p_c)),
            (PMI_UPSIDE_DOWN, -expected),
            (PMI_CONDITIONAL, log_ratio(conditional, np.outer(p_t, p_c))),
            (PMI_COUNTS, log_ratio(counts, np.outer(counts.sum(1), counts.sum(0)))),
        ]
        if counts.shape[0] == counts.shape[1]:
            mistakes += [
                (PMI_NOT_OUTER, log_ratio(p_tc, p_t * p_c)),
                (PMI_NOT_OUTER, log_ratio(p_tc, p_t[None, :] * p_c[:, None])),
            ]
    return expected, mistakes


@names_mistakes(
    PMI_ZERO,
    PMI_NAN,
    PMI_LOG2,
    PMI_LOG10,
    PMI_NO_LOG,
    PMI_UPSIDE_DOWN,
    PMI_CONDITIONAL,
    PMI_COUNTS,
    PMI_NOT_OUTER,
    PMI_PROBABILITIES_NOT_DONE,
    PMI_PROBABILITIES_WRONG,
)
def check_pmi(function) -> CheckResult:
    """Check ``function(counts) -> PMI`` (natural log, -inf where the count is zero; notebook
    02, Exercise 2).

    If ``function`` calls ``my_probabilities`` (Exercise 1) and only that is wrong or still a
    stub, the check says that Exercise 1 is at fault.
    """
    name = "PMI"

    def body_with(candidate):
        for case, targets, contexts, counts in _count_cases():
            answer = call(name, candidate, counts.copy())
            expected, mistakes = _pmi_mistakes(counts)
            _compare(
                name,
                answer,
                expected,
                mistakes,
                case=case,
                rows=targets,
                cols=contexts,
                entry="PMI[{t}, {c}]",
                shape_note="one row per target word, one column per context word",
            )
        return "matches on the precept's table (0.18, 0.65, -inf) and on J & M's 4 x 5 table"

    earlier = {
        "my_probabilities": (
            probabilities,
            check_probabilities,
            PMI_PROBABILITIES_NOT_DONE,
            PMI_PROBABILITIES_WRONG,
        )
    }
    return run_check(name, lambda: _blame_earlier_exercise(name, function, body_with, earlier))


# --------------------------------------------------------------------------------------------
# Notebook 02, Exercise 3: PPMI
# --------------------------------------------------------------------------------------------

PPMI_NOT_CLIPPED = Mistake(
    "negatives-not-clipped",
    "negative values survived: this is PMI itself. PPMI clips every PMI below 0 to 0: "
    "np.maximum(pmi, 0). (Clipping the ratio P(t, c) / (P(t) P(c)) at 0 before the log changes "
    "nothing: a ratio is never negative.)",
)
PPMI_ONLY_INF = Mistake(
    "only-minus-inf-replaced",
    "the -inf entries became 0, but the finite negative PMI values survived: PPMI clips every "
    "value below 0, not only -inf.",
)
PPMI_INF_LEFT = Mistake(
    "minus-inf-left",
    "the finite negatives were clipped, but the -inf entries (zero counts) are still -inf: "
    "they should become 0 as well. np.maximum(pmi, 0) handles both.",
)
PPMI_MINIMUM = Mistake(
    "minimum-not-maximum",
    "np.minimum instead of np.maximum: this keeps the negative values and drops the positive "
    "ones; PPMI keeps the positive values.",
)
PPMI_ABS = Mistake(
    "absolute-value",
    "negative PMI values were made positive (an absolute value); PPMI sets them to 0.",
)
PPMI_CLIP_JOINT = Mistake(
    "clipped-log-joint",
    "the clip is in the wrong place: you clipped log P(t, c) alone (always <= 0, so it became "
    "0) and then subtracted log P(t) + log P(c). Clip the whole PMI: max(PMI, 0).",
)
PPMI_LOG2 = Mistake(
    "log-base-2", "this is log base 2; the precept's PPMI uses the natural log, np.log."
)
PPMI_PMI_NOT_DONE = Mistake(
    "pmi-not-done",
    "your my_ppmi calls my_pmi, which is not done yet (Exercise 2, or the my_probabilities "
    "of Exercise 1 that it calls): do those first.",
)
PPMI_PMI_WRONG = Mistake(
    "pmi-wrong",
    "your my_ppmi is right when it gets a correct PMI, but it calls my_pmi, which does not "
    "pass its check yet: fix that first (the PMI check says whether Exercise 2 or Exercise 1 "
    "is at fault).",
)


def _pmi_check_for_ppmi(function) -> CheckResult:
    """check_pmi, as check_ppmi uses it to judge the student's my_pmi."""
    return check_pmi(function)


@names_mistakes(
    PPMI_NOT_CLIPPED,
    PPMI_ONLY_INF,
    PPMI_INF_LEFT,
    PPMI_MINIMUM,
    PPMI_ABS,
    PPMI_CLIP_JOINT,
    PPMI_LOG2,
    PPMI_PMI_NOT_DONE,
    PPMI_PMI_WRONG,
)
def check_ppmi(function) -> CheckResult:
    """Check ``function(counts) -> PPMI`` (natural log, clipped at 0; notebook 02, Exercise 3).

    If ``function`` calls ``my_pmi`` (Exercise 2) and only that is wrong or unfinished, the
    check says that Exercise 2 is at fault (and the PMI check, which exercise below it).
    """
    name = "PPMI"

    def body_with(candidate):
        # J & M's table first: it has finite negative PMI values, the precept's only -inf.
        for case, targets, contexts, counts in reversed(_count_cases()):
            answer = call(name, candidate, counts.copy())
            expected = ppmi(counts)
            raw = pmi(counts)
            p_tc, p_t, p_c = probabilities(counts)
            with np.errstate(divide="ignore", invalid="ignore"):
                clip_joint = -np.log(p_t)[:, None] - np.log(p_c)[None, :]  # (n_t, n_c)
                mistakes = [
                    (PPMI_NOT_CLIPPED, raw),
                    (PPMI_ONLY_INF, np.where(np.isneginf(raw), 0.0, raw)),
                    (PPMI_INF_LEFT, np.where(np.isneginf(raw), -np.inf, expected)),
                    (PPMI_MINIMUM, np.minimum(raw, 0)),
                    (PPMI_ABS, np.abs(raw)),
                    (PPMI_ABS, np.where(np.isneginf(raw), 0.0, np.abs(raw))),
                    (PPMI_CLIP_JOINT, clip_joint),
                    (PPMI_CLIP_JOINT, np.where(counts > 0, clip_joint, 0.0)),
                    (PPMI_CLIP_JOINT, np.where(counts > 0, clip_joint, -np.inf)),
                    (PPMI_LOG2, ppmi(counts, base=2)),
                ]
            _compare(
                name,
                answer,
                expected,
                mistakes,
                case=case,
                rows=targets,
                cols=contexts,
                entry="PPMI[{t}, {c}]",
                shape_note="one row per target word, one column per context word",
            )
        return "matches on the precept's and J & M's tables: no negatives, no -inf"

    earlier = {
        "my_pmi": (pmi, _pmi_check_for_ppmi, PPMI_PMI_NOT_DONE, PPMI_PMI_WRONG),
        "my_probabilities": (
            probabilities,
            check_probabilities,
            PPMI_PMI_NOT_DONE,
            PPMI_PMI_WRONG,
        ),
    }
    return run_check(name, lambda: _blame_earlier_exercise(name, function, body_with, earlier))


# --------------------------------------------------------------------------------------------
# Notebook 03: SVD word vectors
# --------------------------------------------------------------------------------------------

SVD_NOT_TUPLE = Mistake(
    "not-a-tuple", "return the two results as a tuple: return target_vectors, context_vectors."
)
SVD_SWAPPED = Mistake(
    "targets-contexts-swapped",
    "targets and contexts are swapped: the target vectors come from U (one row per row of the "
    "matrix), the context vectors from V (one row per column).",
)
SVD_POWER_IGNORED = Mistake(
    "p-ignored",
    "the singular values were not raised to the power p: use s[:k] ** p.",
)
SVD_SIGMA_MISSING = Mistake(
    "sigma-missing",
    "Σ^p is missing: these are U_k's columns alone. Multiply each component by its singular "
    "value to the power p: U[:, :k] * s[:k] ** p.",
)
SVD_TIMES_P = Mistake(
    "times-p",
    "the singular values were multiplied by p (s * p) instead of raised to the power p (s ** p).",
)
SVD_DIAG_POWER = Mistake(
    "diag-matrix-power",
    "Σ^p was applied wrongly: np.diag(s[:k]) ** p raises every entry of the diagonal matrix, "
    "and at p = 0 its off-diagonal zeros become 1. Raise the vector first: "
    "U[:, :k] * s[:k] ** p (or U[:, :k] @ np.diag(s[:k] ** p)).",
)
SVD_SMALLEST = Mistake(
    "smallest-singular-values",
    "these use the k smallest singular values; np.linalg.svd sorts them largest first, so keep "
    "the first k components.",
)
SVD_NOT_TRUNCATED = Mistake(
    "not-truncated",
    "not truncated: keep only the first k columns of U (and of V), one per kept component.",
)
SVD_ROWS_OF_VT = Mistake(
    "rows-of-Vt",
    "these are rows of Vᵀ, one per component: np.linalg.svd returns Vᵀ, so the context vectors "
    "(one row per context word) are Vt[:k].T.",
)
SVD_COLUMNS_OF_VT = Mistake(
    "columns-of-Vt",
    "Vt[:, :k] takes the first k COLUMNS of Vᵀ, which mixes all components: np.linalg.svd "
    "returns Vᵀ, whose ROWS are the right singular vectors. The context vectors are "
    "Vt[:k].T (the first k rows, transposed), times s[:k] ** p.",
)
SVD_U_AGAIN = Mistake(
    "context-from-U",
    "the context vectors are U's columns again; context vectors come from V (Vt[:k].T).",
)
SVD_CONTEXT_UNWEIGHTED = Mistake(
    "context-without-sigma",
    "the target vectors are right, but the context vectors lack Σ^p: multiply V_k by "
    "s[:k] ** p as well.",
)


def _svd_cases():
    """(description, row words, column words, matrix, k, p): singular values distinct, so
    that each singular vector is unique up to its sign."""
    words, precept = datasets.precept_count_table()
    targets, contexts, jm = datasets.jurafsky_martin_counts()
    return [
        ("the precept's PPMI, k = 2, p = 1", words, words, ppmi(precept), 2, 1.0),
        ("J & M's PPMI, k = 2, p = 0.5", targets, contexts, ppmi(jm), 2, 0.5),
        ("J & M's counts, k = 3, p = 0", targets, contexts, jm.astype(float), 3, 0.0),
    ]


def _component_signs(got: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """+1 or -1 per column: the sign that best aligns ``got``'s column with the reference's
    (singular vectors are only defined up to sign)."""
    signs = np.sign(np.sum(got * reference, axis=0))
    signs[signs == 0] = 1.0
    return signs


def _up_to_column_signs(wrong: np.ndarray) -> Callable[[np.ndarray], bool]:
    """A matcher: ``got`` equals ``wrong`` up to the sign of each column (one SVD component)."""

    def matches(got: np.ndarray) -> bool:
        if got.shape != wrong.shape or got.dtype == object:
            return False
        return close(got * _component_signs(got, wrong), wrong)

    return matches


def _up_to_entry_signs(wrong: np.ndarray) -> Callable[[np.ndarray], bool]:
    """A matcher for Vt[:, :k]: its row i flips with component i, its column j with component
    j, so only the sizes of the entries are fixed."""

    def matches(got: np.ndarray) -> bool:
        if got.shape != wrong.shape or got.dtype == object:
            return False
        return close(np.abs(got), np.abs(wrong))

    return matches


def _diag_power_matcher(singular: np.ndarray, s: np.ndarray, p: float):
    """A matcher for ``singular[:, :k] @ np.diag(s[:k]) ** p`` under any sign convention of the
    components (at p = 0 every column is the sum of the signed singular vectors)."""
    k = singular.shape[1]
    patterns = np.array(np.meshgrid(*[[1.0, -1.0]] * k)).reshape(k, -1).T  # (2^k, k)
    candidates = [(singular * signs) @ (np.diag(s[:k]) ** p) for signs in patterns]

    def matches(got: np.ndarray) -> bool:
        return any(_up_to_column_signs(candidate)(got) for candidate in candidates)

    return matches


@names_mistakes(
    SVD_NOT_TUPLE,
    SVD_SWAPPED,
    SVD_POWER_IGNORED,
    SVD_SIGMA_MISSING,
    SVD_TIMES_P,
    SVD_DIAG_POWER,
    SVD_SMALLEST,
    SVD_NOT_TRUNCATED,
    SVD_ROWS_OF_VT,
    SVD_COLUMNS_OF_VT,
    SVD_U_AGAIN,
    SVD_CONTEXT_UNWEIGHTED,
)
def check_svd_embeddings(function) -> CheckResult:
    """Check ``function(matrix, k, p) -> (target_vectors, context_vectors)``: U_k Σ_k^p and
    V_k Σ_k^p from a dense matrix (notebook 03). Singular vectors are defined up to sign, so
    each component of the answer is first given the reference's sign (the same sign for the
    target and the context column, as one SVD component)."""
    name = "SVD word vectors"

    def body():
        for case, rows, cols, matrix, k, p in _svd_cases():
            answer = call(name, function, matrix.copy(), k, p)
            if not isinstance(answer, tuple | list) or len(answer) != 2:
                kind = type(answer).__name__
                _say(name, case, f"{SVD_NOT_TUPLE.diagnosis} Yours is {kind}.", SVD_NOT_TUPLE)
            target, context = as_array(answer[0]), as_array(answer[1])
            n_rows, n_cols = matrix.shape
            if target.shape == (n_cols, k) and context.shape == (n_rows, k) and n_rows != n_cols:
                _say(name, case, SVD_SWAPPED.diagnosis, SVD_SWAPPED)
            U, s, Vt = np.linalg.svd(matrix, full_matrices=False)
            U, V = _flip_signs(U, Vt.T)  # the package's signs, for the values a message shows
            Vt = V.T
            if target.shape == U.shape != (n_rows, k) and _up_to_column_signs(U * s**p)(target):
                _say(name, case, SVD_NOT_TRUNCATED.diagnosis, SVD_NOT_TRUNCATED)

            weights = s[:k] ** p
            expected_t, expected_c = U[:, :k] * weights, Vt[:k].T * weights
            target_mistakes = [
                (SVD_POWER_IGNORED, U[:, :k] * s[:k]),
                (SVD_SIGMA_MISSING, U[:, :k]),
                (SVD_TIMES_P, U[:, :k] * (s[:k] * p)),
                (SVD_DIAG_POWER, U[:, :k] @ (np.diag(s[:k]) ** p)),
                (SVD_SMALLEST, U[:, -k:] * s[-k:] ** p),
            ]
            matchers = [
                (m, _diag_power_matcher(U[:, :k], s, p))
                if m is SVD_DIAG_POWER
                else (m, _up_to_column_signs(wrong))
                for m, wrong in target_mistakes
                if not close(wrong, expected_t)
            ]
            # Give each component of the student's answer the reference's sign, on both sides.
            signs = np.ones(k)
            if target.shape == expected_t.shape:
                signs = _component_signs(target, expected_t)
            _compare(
                "target vectors",
                target * signs if target.shape == expected_t.shape else target,
                expected_t,
                matchers,
                case=case,
                rows=rows,
                entry="component {c} of the target vector of {t}",
                what="numbers",
                shape_note=f"one row per target word ({n_rows}), one column per component (k)",
            )
            context_mistakes = [
                (SVD_ROWS_OF_VT, _has_shape((k, n_cols), unless=(n_cols, k))),
                (SVD_COLUMNS_OF_VT, _up_to_entry_signs(Vt[:, :k] * weights)),
                (SVD_COLUMNS_OF_VT, _up_to_entry_signs(Vt[:, :k])),
                (SVD_U_AGAIN, expected_t),  # the context is already aligned: exact
                (SVD_CONTEXT_UNWEIGHTED, Vt[:k].T),
            ]
            if context.shape == expected_c.shape:
                context = context * signs
            _compare(
                "context vectors",
                context,
                expected_c,
                [
                    (m, wrong)
                    for m, wrong in context_mistakes
                    if m is SVD_ROWS_OF_VT
                    or (
                        wrong(expected_c) is False
                        if callable(wrong)
                        else not close(wrong, expected_c)
                    )
                ],
                case=case,
                rows=cols,
                entry="component {c} of the context vector of {t}",
                what="numbers",
                shape_note=f"one row per context word ({n_cols}), one column per component (k)",
            )
        return "U_k Σ_k^p and V_k Σ_k^p match (up to the sign of each component)"

    return run_check(name, body)
