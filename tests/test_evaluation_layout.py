"""evaluation is a subpackage, one module per idea; every name the old single module offered
is still importable from ``wordvec_helpers.evaluation``, as the notebooks import it."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from wordvec_helpers import evaluation

# evaluation.__all__ when evaluation was one module (before the split), and its constants
OLD_PUBLIC_NAMES = [
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
    "METHODS",
    "BASELINES",
    "COSMUL_EPSILON",
]
# private helpers that other modules of the package import from evaluation
OLD_PRIVATE_NAMES = ["_check_vectors", "_vocabulary_words", "_normalized", "_Lookup", "_cosines"]

MODULE_OF = {
    "evaluate_similarity": "similarity_benchmarks",
    "SimilarityResult": "similarity_benchmarks",
    "evaluate_analogies": "analogies",
    "analogy": "analogies",
    "sentence_vectors": "sentences",
    "bag_of_words": "sentences",
    "fit_logistic_regression": "classifier",
    "cross_validate": "classifier",
    "stratified_folds": "classifier",
    "split_benchmark": "fair_comparison",
    "paired_difference": "fair_comparison",
    "spread": "fair_comparison",
    "neighbour_overlap": "neighbours",
    "weat": "bias",
}


@pytest.mark.parametrize("name", OLD_PUBLIC_NAMES + OLD_PRIVATE_NAMES)
def test_every_old_name_is_still_importable_from_evaluation(name):
    namespace = {}
    exec(f"from wordvec_helpers.evaluation import {name}", namespace)
    assert namespace[name] is getattr(evaluation, name)


def test_all_lists_the_old_names_and_the_word_category_task():
    assert set(OLD_PUBLIC_NAMES) <= set(evaluation.__all__)
    assert {"evaluate_word_categories", "WordCategoryResult"} <= set(evaluation.__all__)
    for name in evaluation.__all__:
        assert hasattr(evaluation, name), name


def test_the_word_category_task_is_the_one_of_word_categories():
    from wordvec_helpers import word_categories
    from wordvec_helpers.evaluation import WordCategoryResult, evaluate_word_categories

    assert evaluate_word_categories is word_categories.evaluate_word_categories
    assert WordCategoryResult is word_categories.WordCategoryResult
    assert "evaluate_word_categories" in dir(evaluation)
    with pytest.raises(AttributeError, match="no_such_name"):
        evaluation.no_such_name  # noqa: B018


@pytest.mark.parametrize("name, module", sorted(MODULE_OF.items()))
def test_each_name_lives_in_the_module_of_its_idea(name, module):
    submodule = importlib.import_module(f"wordvec_helpers.evaluation.{module}")
    assert getattr(evaluation, name) is getattr(submodule, name)
    assert getattr(evaluation, name).__module__ == submodule.__name__


@pytest.mark.parametrize(
    "first",
    ["wordvec_helpers.word_categories", "wordvec_helpers.evaluation", "wordvec_helpers.io"],
)
def test_any_module_can_be_imported_first(first):
    """word_categories imports the classifier from evaluation, which re-exports its task."""
    code = (
        f"import {first}\n"
        "from wordvec_helpers.evaluation import evaluate_word_categories, weat\n"
        "from wordvec_helpers.word_categories import evaluate_word_categories as e\n"
        "assert e is evaluate_word_categories\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
