"""The precept's quick polls: question, choices, per-choice feedback and answer, by a short id.

A notebook cell shows only ``quick_poll("size-of-W")``: the answer and its explanation live
here, out of the student's sight, and the explanation appears only once the right answer is
chosen. :func:`wordvec_helpers.widgets.quick_poll` turns an entry into a widget.

To add a poll: add a :class:`Poll` to ``POLLS`` under a new id (lower case, words joined by
``-``), with feedback for every wrong choice that says *why* it is wrong; answers that the
package can compute are computed here, not typed (see "increments-window-3").
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from .cooccurrence import increments


@dataclass(frozen=True)
class Poll:
    """One quick poll.

    question : str                  as the slide asks it
    answer : str or number          the right choice (a key of ``choices``) or the right number
    choices : mapping choice -> feedback for that choice ("" for the right one); empty for a
              poll that takes a number
    explanation : str               shown with the verdict once the answer is right
    tolerance : float               relative tolerance of a numeric answer
    notebook : str                  where the poll is asked (e.g. "01")
    """

    question: str
    answer: str | float
    choices: Mapping[str, str] = field(default_factory=dict)
    explanation: str = ""
    tolerance: float = 0.0
    notebook: str = ""


_PRECEPT_SENTENCE = "I like cats and dogs".split()

POLLS: dict[str, Poll] = {
    # ---- 01 co-occurrence ------------------------------------------------------------------
    "increments-window-3": Poll(
        question="With window m = 3 instead of 2, how many increments does "
        "'I like cats and dogs' make?",
        answer=len(increments(_PRECEPT_SENTENCE, window=3)),
        explanation="3 + 4 + 4 + 4 + 3 = 18: only the middle word gains nothing, it already "
        "saw the whole sentence.",
        notebook="01",
    ),
    "size-of-W": Poll(
        question="What is the size of W?",
        answer="|V| × |V|",
        choices={
            "|V|": "That is the length of one row: one count per context word.",
            "|V| × |V|": "",
            "|V| × m": "The window size m decides which cells get incremented, not how many "
            "columns there are.",
            "T × |V| (T = number of tokens)": "W has one row per distinct word, not per "
            "occurrence: every occurrence of a word adds to the same row.",
        },
        explanation="One row per target word, one column per context word.",
        notebook="01",
    ),
    # ---- 02 PMI and PPMI -------------------------------------------------------------------
    "size-of-PPMI": Poll(
        question="(recap) What is the size of the PPMI matrix?",
        answer="|V| × |V|",
        choices={
            "|V| × |V|": "",
            "|V| × d": "No d yet: PPMI is computed cell by cell from W, so it has W's shape.",
            "number of non-zero counts": "That is how many cells can be positive, not the "
            "matrix's size.",
            "|V|": "That is one row.",
        },
        explanation="Same shape as W: one row per target, one column per context.",
        notebook="02",
    ),
    # ---- 03 PPMI + SVD ---------------------------------------------------------------------
    "shape-of-target-vectors": Poll(
        question="With |V| = 9,039 and k = 100, what is the shape of the target-vector "
        "matrix U_k Σ_k^p?",
        answer="9,039 × 100",
        choices={
            "9,039 × 9,039": "That is PPMI itself; truncation keeps only k columns.",
            "9,039 × 100": "",
            "100 × 100": "That is Σ_k: one singular value per kept dimension, on the diagonal.",
            "100 × 9,039": "That is the shape of V_kᵀ, whose columns are context vectors; "
            "U_k Σ_k^p has one row per word.",
        },
        explanation="One row per word, one column per kept dimension: 90 times fewer numbers "
        "than the PPMI matrix, and none of them zero.",
        notebook="03",
    ),
    # ---- 04 skip-gram with the full softmax ------------------------------------------------
    "skipgram-parameters": Poll(
        question="How many model parameters does skip-gram have in total?",
        answer="2d|V|",
        choices={
            "d|V|": "That is one matrix. Every word has a target vector u AND a context vector v.",
            "2d|V|": "",
            "|V| × |V|": "That is the size of the co-occurrence matrix W of the count-based "
            "methods; skip-gram never builds it.",
            "2d": "That is the two vectors of one word; there is a pair for every word of V.",
        },
        explanation="Two vectors of dimension d for each of the |V| words: U and V are both "
        "|V| × d.",
        notebook="04",
    ),
    # ---- 05 negative sampling --------------------------------------------------------------
    "neg-sampling-parameters": Poll(
        question="With K negative samples, how many parameters contribute to the loss of one "
        "(t, c) pair?",
        answer="(K + 2)d",
        choices={
            "2d|V|": "That is every parameter of the model; the softmax nearly did that, but "
            "negative sampling never looks at the other words.",
            "(K + 1)d": "Count the vectors: u_t, v_c, and K negatives v_c1 ... v_cK.",
            "(K + 2)d": "",
            "Kd": "The target vector u_t and the observed context v_c count too.",
        },
        explanation="u_t, v_c and the K vectors v_ci: K + 2 vectors of d numbers each.",
        notebook="05",
    ),
    # ---- 06 matrix calculus and gradient checks ---------------------------------------------
    "gradcheck-wrong-sign": Poll(
        question="A gradient check compares every entry by |a - n| / max(|a|, |n|), analytic a "
        "against numerical n. What does it report for a gradient with the wrong sign (a = -n)?",
        answer="2",
        choices={
            "0": "0 means the two gradients agree: the check would have passed a wrong sign.",
            "0.5": "That is a gradient twice too large: |2n - n| / |2n| = 1/2.",
            "1": "That is an all-zero gradient: |0 - n| / |n| = 1.",
            "2": "",
        },
        explanation="|-n - n| / max(|-n|, |n|) = 2|n| / |n| = 2, the largest value the "
        "relative error can take: a sign flip is as wrong as a gradient can be.",
        notebook="06",
    ),
    # ---- 07 evaluation ---------------------------------------------------------------------
    "intrinsic-or-extrinsic": Poll(
        question="Looking at the nearest neighbours of a word is which kind of evaluation?",
        answer="intrinsic",
        choices={
            "intrinsic": "",
            "extrinsic": "Extrinsic evaluation measures a model built on top of the vectors "
            "for another task; here we look at the vectors themselves.",
        },
        explanation="It tests the vectors directly, through the similarities they define.",
        notebook="07",
    ),
    "3cosadd-without-exclusion": Poll(
        question="If a, b and c were not excluded, which word would 3CosAdd return most often?",
        answer="c",
        choices={
            "a": "x = a scores cos(a, b) - 1 + cos(a, c): the -cos(x, a) term is -1 there, "
            "the worst possible.",
            "b": "Close: x = b scores 1 - cos(b, a) + cos(b, c), often high. But c usually wins.",
            "c": "",
            "d, the right answer": "That is the hope, but d has no term equal to 1.",
        },
        explanation="x = c scores cos(c, b) - cos(c, a) + 1: the last term is the largest a "
        "cosine can be, and b - a is a small offset, so c stays nearest to b - a + c.",
        notebook="07",
    ),
    "polarity-conclusion": Poll(
        question="The bag of words scores 0.525, the averaged PPMI + SVD vectors 0.540; on the "
        "same five folds their difference is +0.015 ± 0.056 (mean ± standard error of the "
        "per-fold differences). Which conclusion do the numbers support?",
        answer="neither is clearly better, nor clearly better than chance",
        choices={
            "the word vectors are better": "The difference, 0.015, is much smaller than its "
            "standard error, 0.056: another split of the same 200 sentences could reverse it.",
            "the word vectors are clearly better than chance": "0.540 is about one and a half "
            "standard errors (0.026) above 0.5, and that standard error is, if anything, too "
            "small: the training folds overlap.",
            "neither is clearly better, nor clearly better than chance": "",
        },
        explanation="The paired difference lies well within one standard error of zero, and "
        "neither mean is clearly above 0.5. 200 sentences cannot tell these representations "
        "apart.",
        notebook="07",
    ),
    # ---- 08 GloVe ---------------------------------------------------------------------------
    "glove-parameters": Poll(
        question="How many parameters does GloVe learn for |V| words in d dimensions?",
        answer="2(d + 1)|V|",
        choices={
            "2d|V|": "That is the two vectors of every word, w_i and c̃_i; each word also has "
            "two biases, b_i and b̃_i.",
            "2(d + 1)|V|": "",
            "|V| × |V|": "That is the size of X, the counts GloVe fits; its parameters are "
            "per word, not per pair.",
            "(d + 1)|V|": "Each word has a target vector and a context vector, as in skip-gram, "
            "and a bias for each role.",
        },
        explanation="Per word: w_i and c̃_i (d numbers each) and b_i and b̃_i: 2(d + 1). The "
        "fit has one equation per non-zero cell of X, far more than that.",
        notebook="08",
    ),
    # ---- 09 counting meets predicting -------------------------------------------------------
    "sppmi-cells-as-K-grows": Poll(
        question="Shifted PPMI keeps max(PMI - log K, 0). On the same counts, going from K = 1 "
        "(plain PPMI) to K = 15, what happens to the number of non-zero cells?",
        answer="it falls",
        choices={
            "it grows": "The shift is subtracted: a larger K lowers every value, so no cell "
            "that was 0 can become positive.",
            "it stays the same": "Look at a cell with PMI = 2, positive at K = 1: what is "
            "max(2 - log 15, 0), with log 15 = 2.71?",
            "it falls": "",
            "it depends on α": "α changes which cells have a high PMI, but whatever α is, a "
            "larger shift can only clip more of them.",
        },
        explanation="A cell stays non-zero only if its PMI exceeds log K. Raising K raises the "
        "bar, so SPPMI keeps only the most strongly associated pairs and its matrix gets "
        "sparser than PPMI's. The sparsity comes from the clipping, which SGNS never does: "
        "it fits PMI - log K, unclipped, with the dense matrix U V^T.",
        notebook="09",
    ),
}


def get_poll(poll_id: str) -> Poll:
    """The poll stored under ``poll_id``; a ``KeyError`` that suggests close ids otherwise."""
    if not isinstance(poll_id, str):
        raise TypeError(f"poll_id must be a string such as 'size-of-W', got {poll_id!r}")
    try:
        return POLLS[poll_id]
    except KeyError:
        close = difflib.get_close_matches(poll_id, POLLS, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        ids = ", ".join(sorted(POLLS))
        raise KeyError(f"no quick poll {poll_id!r}{hint} (ids: {ids})") from None
