"""Exercise checks: call one after each exercise with the function you wrote.

Each check runs your function on cases you have not seen, compares it with the package's own
implementation and, when they differ, says which common mistake your answer matches.
``repr`` of the result is one line: ✅ passed, ❌ a diagnosis, ⏳ not done yet.
"""

from ._core import CATALOGUE, CheckResult, Mistake, catalogue
from .count_based import (
    check_cooccurrence,
    check_cosine_similarity,
    check_pmi,
    check_ppmi,
    check_probabilities,
    check_svd_embeddings,
)
from .evaluation import check_3cosadd, check_logistic_gradient, check_spearman
from .glove import check_glove_loss_and_gradients
from .gradients import (
    check_grad_matrix_times_vector,
    check_grad_vector_times_matrix,
    check_jacobian_elementwise,
    check_jacobian_matrix_times_vector,
    check_jacobian_softmax,
    check_jacobian_vector_times_matrix,
    check_neg_sampling_context_gradient,
    check_neg_sampling_grad_u_t,
    check_neg_sampling_grad_v_c,
    check_neg_sampling_grad_v_neg,
    check_neg_sampling_loss_and_gradients,
    check_softmax_loss_and_gradients,
)
from .unification import check_shifted_ppmi

__all__ = [
    "CATALOGUE",
    "CheckResult",
    "Mistake",
    "catalogue",
    "check_3cosadd",
    "check_cooccurrence",
    "check_cosine_similarity",
    "check_glove_loss_and_gradients",
    "check_grad_matrix_times_vector",
    "check_grad_vector_times_matrix",
    "check_jacobian_elementwise",
    "check_jacobian_matrix_times_vector",
    "check_jacobian_softmax",
    "check_jacobian_vector_times_matrix",
    "check_logistic_gradient",
    "check_neg_sampling_context_gradient",
    "check_neg_sampling_grad_u_t",
    "check_neg_sampling_grad_v_c",
    "check_neg_sampling_grad_v_neg",
    "check_neg_sampling_loss_and_gradients",
    "check_pmi",
    "check_ppmi",
    "check_probabilities",
    "check_shifted_ppmi",
    "check_svd_embeddings",
    "check_softmax_loss_and_gradients",
    "check_spearman",
]
