"""Exercise checks: call one after each exercise with the function you wrote.

Each check runs your function on cases you have not seen, compares it with the package's own
implementation and, when they differ, says which common mistake your answer matches.
``repr`` of the result is one line: ✅ passed, ❌ a diagnosis, ⏳ not done yet.
"""

from ._core import CheckResult
from .count_based import (
    check_cooccurrence,
    check_cosine_similarity,
    check_pmi,
    check_ppmi,
    check_probabilities,
)

__all__ = [
    "CheckResult",
    "check_cooccurrence",
    "check_cosine_similarity",
    "check_pmi",
    "check_ppmi",
    "check_probabilities",
]
