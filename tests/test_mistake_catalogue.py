"""Every exercise check names the mistakes people make, and the notebooks promise no others.

- Every check exported by ``wordvec_helpers.checks`` declares a catalogue of mistakes
  (``@names_mistakes``).
- Every catalogued mistake is *seeded*: each ``tests/test_checks_*.py`` module defines
  ``SEEDED_MISTAKES = {(check name, mistake id): wrong student function}``, and here each wrong
  function is run through its check, which must fail with that mistake's id and diagnosis —
  in words, never the generic "entries differ" and never a "-0".
- A notebook sentence that promises what a check will name ("the check names a window off by
  one") is listed in ``PROMISES`` below with the mistakes it promises, which must be
  catalogued; a promise that is not listed fails the test, so prose cannot promise more than
  the checks deliver.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from wordvec_helpers import checks

ROOT = Path(__file__).resolve().parent.parent
CHECK_NAMES = sorted(name for name in checks.__all__ if name.startswith("check_"))


def _seeded() -> dict[tuple[str, str], object]:
    seeded: dict[tuple[str, str], object] = {}
    for path in sorted(Path(__file__).parent.glob("test_checks_*.py")):
        module = importlib.import_module(path.stem)
        for key, wrong in getattr(module, "SEEDED_MISTAKES", {}).items():
            assert key not in seeded, f"{key} is seeded twice"
            seeded[key] = wrong
    return seeded


SEEDED = _seeded()
CATALOGUED = [(check, mistake.id) for check, ms in checks.CATALOGUE.items() for mistake in ms]


@pytest.mark.parametrize("check_name", CHECK_NAMES)
def test_every_check_has_a_catalogue(check_name):
    check = getattr(checks, check_name)
    assert getattr(check, "mistakes", ()), f"{check_name} declares no mistakes (@names_mistakes)"


def test_every_catalogued_mistake_is_seeded_and_every_seed_is_catalogued():
    assert sorted(set(CATALOGUED) - set(SEEDED)) == [], "catalogued but never seeded"
    assert sorted(set(SEEDED) - set(CATALOGUED)) == [], "seeded but not in a catalogue"


@pytest.mark.parametrize(("check_name", "mistake_id"), CATALOGUED)
def test_each_seeded_mistake_gets_its_diagnosis(check_name, mistake_id):
    check = getattr(checks, check_name)
    mistake = next(m for m in check.mistakes if m.id == mistake_id)
    wrong = SEEDED.get((check_name, mistake_id))
    if wrong is None:
        pytest.fail(f"no seeded answer for {check_name} / {mistake_id}")
    result = check(wrong)
    assert not result.passed and result.done, repr(result)
    assert result.mistake == mistake_id, f"expected {mistake_id!r}, got {result!r}"
    assert mistake.diagnosis in result.message
    assert "entries differ" not in result.message
    assert not re.search(r"(?<![\w.])-0(?![.\d])", result.message), result.message


# --------------------------------------------------------------------------------------------
# What the notebooks promise
# --------------------------------------------------------------------------------------------

# A sentence promises a diagnosis when it speaks of a check, its feedback or a mistake and
# says that something is named, recognised or matched.
PROMISE_SUBJECT = re.compile(r"\b(?:checks?|feedback|mistakes?)\b", re.IGNORECASE)
PROMISE_VERB = re.compile(
    r"\b(?:names?|named|recogni[sz]\w*|says which|tells? you which|matched against|"
    r"diagnos\w*|catch(?:es)?|spots?)\b",
    re.IGNORECASE,
)


# (notebook, a phrase of the promising sentence) -> the (check, mistake id)s it promises.
# Each notebook's promises stand in its own block (one engineer per block; keep them apart).
PROMISES: dict[tuple[str, str], list[tuple[str, str]]] = {
    # ---- 01 ----------------------------------------------------------------------------
    ("01_cooccurrence.ipynb", "a window off by one at its right or left edge"): [
        ("check_cooccurrence", "right-edge-off-by-one"),
        ("check_cooccurrence", "left-edge-off-by-one"),
        ("check_cooccurrence", "right-only"),
        ("check_cooccurrence", "left-only"),
        ("check_cooccurrence", "target-as-own-context"),
        ("check_cooccurrence", "crosses-sentences"),
    ],
    # ---- 02 ----------------------------------------------------------------------------
    ("02_pmi_ppmi.ipynb", "with checks that name your mistake in words"): [
        ("check_probabilities", "p-c-given-t"),
        ("check_probabilities", "marginals-swapped"),
        ("check_pmi", "zero-not-minus-inf"),
        ("check_pmi", "log-base-2"),
        ("check_pmi", "conditional-not-joint"),
        ("check_ppmi", "negatives-not-clipped"),
        ("check_ppmi", "minus-inf-left"),
        ("check_ppmi", "clipped-log-joint"),
    ],
    ("02_pmi_ppmi.ipynb", "the check tells you which of the two exercises is at fault"): [
        ("check_pmi", "probabilities-not-done"),
        ("check_pmi", "probabilities-wrong"),
    ],
    # ---- 03 ----------------------------------------------------------------------------
    ("03_ppmi_svd.ipynb", "If your answer matches a common mistake, the check names it"): [
        ("check_svd_embeddings", "columns-of-Vt"),
        ("check_svd_embeddings", "sigma-missing"),
        ("check_svd_embeddings", "diag-matrix-power"),
        ("check_svd_embeddings", "times-p"),
        ("check_svd_embeddings", "p-ignored"),
    ],
    # ---- 04 ----------------------------------------------------------------------------
    #
    #
    # ---- 05 ----------------------------------------------------------------------------
    ("05_negative_sampling.ipynb", "Each check names the usual mistakes (a wrong sign"): [
        ("check_neg_sampling_grad_u_t", "grad-u-sign"),
        ("check_neg_sampling_grad_u_t", "grad-u-sigma-flipped-negatives"),
        ("check_neg_sampling_grad_u_t", "grad-u-sigma-flipped-positive"),
        ("check_neg_sampling_grad_v_c", "grad-v-c-sigma-flipped"),
        ("check_neg_sampling_grad_v_neg", "grad-v-neg-sigma-flipped"),
        ("check_neg_sampling_grad_u_t", "grad-u-not-summed"),
        ("check_neg_sampling_grad_u_t", "grad-u-averaged-negatives"),
        ("check_neg_sampling_grad_v_c", "grad-v-c-wrong-vector"),
        ("check_neg_sampling_grad_v_neg", "grad-v-neg-wrong-vector"),
        ("check_neg_sampling_grad_v_neg", "grad-v-neg-transposed"),
    ],
    #
    # ---- 06 ----------------------------------------------------------------------------
    ("06_matrix_calculus_gradcheck.ipynb", "Its feedback names the mistakes people make here"): [
        ("check_jacobian_vector_times_matrix", "transposed"),
        ("check_jacobian_vector_times_matrix", "wrong-sign"),
        ("check_jacobian_vector_times_matrix", "z-itself"),
    ],
    ("06_matrix_calculus_gradcheck.ipynb", "Its feedback names the usual slips"): [
        ("check_jacobian_softmax", "diag-of-p"),
        ("check_jacobian_softmax", "elementwise"),
        ("check_jacobian_softmax", "wrong-sign"),
        ("check_jacobian_softmax", "normaliser-sign"),
        ("check_jacobian_softmax", "overflow"),
    ],
    ("06_matrix_calculus_gradcheck.ipynb", "numpy's indexing has a trap there, and the check"): [
        ("check_neg_sampling_context_gradient", "repeated-negative-added-once"),
        ("check_neg_sampling_context_gradient", "repeated-negative-assigned"),
    ],
    # ---- 07 ----------------------------------------------------------------------------
    ("07_evaluation.ipynb", "and names the mistake if it recognises it (Pearson on the raw"): [
        ("check_spearman", "pearson-on-raw-values"),
        ("check_spearman", "sum-d2-with-ties"),
        ("check_spearman", "ties-in-order-of-appearance"),
    ],
    ("07_evaluation.ipynb", "it names question words left in, dot products instead of"): [
        ("check_3cosadd", "question-words-not-excluded"),
        ("check_3cosadd", "dot-products"),
        ("check_3cosadd", "a-and-b-swapped"),
    ],
    ("07_evaluation.ipynb", "names the usual slips: a flipped sign, a mean over the wrong"): [
        ("check_logistic_gradient", "grad-w-sign"),
        ("check_logistic_gradient", "grad-w-divided-by-wrong-count"),
        ("check_logistic_gradient", "grad-w-per-example"),
        ("check_logistic_gradient", "bias-left-out-of-z"),
        ("check_logistic_gradient", "grad-b-missing"),
        ("check_logistic_gradient", "grad-b-vector"),
    ],
    # ---- 08 ----------------------------------------------------------------------------
    #
    #
    # ---- 09 ----------------------------------------------------------------------------
    ("09_counting_meets_predicting.ipynb", "If your answer matches a common mistake (the shift"): [
        ("check_shifted_ppmi", "shift-added"),
        ("check_shifted_ppmi", "shift-after-clipping"),
        ("check_shifted_ppmi", "shift-not-log"),
        ("check_shifted_ppmi", "log-base-2"),
        ("check_shifted_ppmi", "alpha-on-targets"),
    ],
}


def _promising_sentences():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] != "markdown":
                continue
            text = "".join(cell["source"])
            for sentence in re.split(r"(?<=[.!?])\s+|\n\n", text):
                if PROMISE_SUBJECT.search(sentence) and PROMISE_VERB.search(sentence):
                    yield path.name, index, " ".join(sentence.split())


def test_every_promise_in_the_notebooks_is_listed_and_catalogued():
    unlisted = []
    for notebook, index, sentence in _promising_sentences():
        keys = [key for key in PROMISES if key[0] == notebook and key[1] in sentence]
        if not keys:
            unlisted.append(f"{notebook} cell {index}: {sentence!r}")
        for key in keys:
            for promised in PROMISES[key]:
                assert promised in CATALOGUED, f"{notebook}: {key[1]!r} promises {promised}"
    assert not unlisted, "promises not listed in PROMISES:\n" + "\n".join(unlisted)


def test_every_listed_promise_still_stands_in_its_notebook():
    sentences = {(nb, sentence) for nb, _, sentence in _promising_sentences()}
    for notebook, phrase in PROMISES:
        assert any(nb == notebook and phrase in s for nb, s in sentences), (notebook, phrase)
