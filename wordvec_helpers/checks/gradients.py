"""Checks for the matrix-calculus drills and the skip-gram gradients (notebooks 04-06).

Expected values come from the package itself: the Jacobian and matrix-gradient drills are
compared with centred finite differences (``wordvec_helpers.gradcheck``), the skip-gram
exercises with ``wordvec_helpers.skipgram``. The likely mistakes (a transposed Jacobian, a
wrong sign, σ(x) where σ(-x) belongs, a missing diag, the outer product in the wrong order,
repeated negatives overwritten instead of accumulated, ...) are built from those references on
random inputs drawn here, which the student has not seen.
"""

from __future__ import annotations

import numpy as np
from scipy.special import logsumexp

from ..gradcheck import numerical_gradient, numerical_jacobian
from ..skipgram import (
    log_sigmoid,
    neg_sampling_loss_and_gradients,
    sigmoid,
    softmax_loss_and_gradients,
)
from ._core import (
    CheckResult,
    Mistake,
    as_array,
    call,
    close,
    compare,
    fail,
    names_mistakes,
    run_check,
)

# Finite-difference references are accurate to about 1e-9, so compare at these tolerances;
# every mistake a check names differs from the reference by far more.
RTOL, ATOL = 1e-5, 1e-7
_SEED = 484  # the cases are drawn from a private generator, never from the notebook's rng


def _rng() -> np.random.Generator:
    return np.random.default_rng(_SEED)


def _call(name: str, function, *args):
    """Call the student's function on copies of the inputs, with numpy warnings silenced (an
    overflow shows up as inf or NaN in the answer, and the check says what to do about it)."""
    copies = [arg.copy() if isinstance(arg, np.ndarray) else arg for arg in args]
    with np.errstate(all="ignore"):
        return call(name, function, *copies)


def _compare(
    name: str,
    answer,
    expected: np.ndarray,
    mistakes=(),
    *,
    case: str,
    shape_of: str,
    unstable: str = "",
) -> None:
    """Like ``_core.compare`` with gradient-specific feedback: known mistakes first (they may
    have another shape, e.g. a transposed result), then the expected shape and what it is the
    shape of, then numerical stability, then the first entry that differs."""
    where = f" ({case})" if case else ""
    got = as_array(answer)
    if got.size == 1 and expected.ndim == 0 and got.dtype != object:
        got = got.reshape(())
    if close(got, expected, rtol=RTOL, atol=ATOL):
        return
    for description, wrong in mistakes:
        if wrong is not None and close(got, np.asarray(wrong), rtol=RTOL, atol=ATOL):
            fail(f"{name}{where}: {description}")
    if got.dtype == object:
        fail(f"{name}{where}: expected an array of numbers, got {type(answer).__name__}")
    if got.shape != expected.shape:
        hint = ""
        if got.ndim == 2 and got.shape == expected.shape[::-1]:
            hint = " — transposed?"
        elif expected.ndim == 0:
            hint = " — the loss is a single number"
        fail(f"{name}{where}: expected shape {expected.shape} ({shape_of}), got {got.shape}{hint}")
    if unstable and not np.all(np.isfinite(got)) and np.all(np.isfinite(expected)):
        fail(f"{name}{where}: your answer has inf or NaN — {unstable}")
    compare(name, got, expected, (), case=case, rtol=RTOL, atol=ATOL)


def _unpack(name: str, answer, names: tuple[str, ...], case: str):
    if not isinstance(answer, tuple | list) or len(answer) != len(names):
        got = f"{len(answer)} items" if isinstance(answer, tuple | list) else type(answer).__name__
        fail(f"{name} ({case}): return a tuple ({', '.join(names)}), got {got}")
    return answer


# --------------------------------------------------------------------------- Jacobians


def _shapes_cases(shapes):
    rng = _rng()
    for rows, cols in shapes:
        yield f"W of shape ({rows}, {cols})", rng.normal(size=(rows, cols))


def check_jacobian_matrix_times_vector(function) -> CheckResult:
    """Check ``function(W, x) -> ∂z/∂x`` for z = Wx, W of shape (m, n): expected W, (m, n)."""
    name = "∂z/∂x for z = Wx"

    def body():
        rng = _rng()
        for case, W in _shapes_cases([(3, 4), (4, 2), (3, 3)]):
            x = rng.normal(size=W.shape[1])
            answer = _call(name, function, W, x)
            expected = numerical_jacobian(lambda x, W=W: W @ x, x)
            mistakes = [
                (
                    "transposed: ∂z_i/∂x_j = W_ij, so the Jacobian is W itself, shape (m, n) — "
                    "one row per output z_i, one column per input x_j",
                    expected.T,
                ),
                ("wrong sign: z = Wx gives ∂z/∂x = +W", -expected),
                ("that is z = Wx itself; the Jacobian is the matrix of ∂z_i/∂x_j", W @ x),
            ]
            _compare(name, answer, expected, mistakes, case=case, shape_of="(m, n): m outputs z")
        return "equals W on three shapes, a square one included (checked by finite differences)"

    return run_check(name, body)


def check_jacobian_vector_times_matrix(function) -> CheckResult:
    """Check ``function(x, W) -> ∂z/∂x`` for z = xW, W of shape (n, m): expected Wᵀ, (m, n)."""
    name = "∂z/∂x for z = xW"

    def body():
        rng = _rng()
        for case, W in _shapes_cases([(4, 3), (2, 5), (3, 3)]):
            x = rng.normal(size=W.shape[0])
            answer = _call(name, function, x, W)
            expected = numerical_jacobian(lambda x, W=W: x @ W, x)
            mistakes = [
                (
                    "that is W, but z_j = Σ_i x_i W_ij, so ∂z_j/∂x_i = W_ij: with one row per "
                    "output z_j the Jacobian is Wᵀ, shape (m, n)",
                    expected.T,
                ),
                ("wrong sign: z = xW gives ∂z/∂x = +Wᵀ", -expected),
                ("that is z = xW itself; the Jacobian is the matrix of ∂z_j/∂x_i", x @ W),
            ]
            _compare(name, answer, expected, mistakes, case=case, shape_of="(m, n): m outputs z")
        return "equals Wᵀ on three shapes, a square one included (checked by finite differences)"

    return run_check(name, body)


def check_jacobian_elementwise(function) -> CheckResult:
    """Check ``function(x) -> ∂z/∂x`` for the elementwise z = σ(x): diag(σ'(x)), shape (n, n)."""
    name = "∂z/∂x for z = σ(x)"

    def body():
        rng = _rng()
        for n in (4, 3, 6):
            case = f"x of shape ({n},)"
            x = rng.normal(scale=2.0, size=n)
            answer = _call(name, function, x)
            expected = numerical_jacobian(sigmoid, x)
            s = sigmoid(x)
            derivative = np.diagonal(expected).copy()  # σ'(x) = σ(x)(1 - σ(x)), from the reference
            mistakes = [
                (
                    "missing diag: that is the vector f'(x), shape (n,); the Jacobian of an "
                    "elementwise function is the (n, n) matrix diag(f'(x)) — use np.diag",
                    derivative,
                ),
                (
                    "diag(σ(x)) is the function itself; the diagonal holds the derivative "
                    "σ'(x) = σ(x)(1 - σ(x))",
                    np.diag(s),
                ),
                (
                    "the off-diagonal entries must be 0: z_i depends on x_i only (this is the "
                    "outer product σ(x)(1 - σ(x))ᵀ)",
                    np.outer(s, 1 - s),
                ),
                (
                    "the off-diagonal entries must be 0: z_i depends on x_i only (every row "
                    "repeats σ'(x); broadcasting instead of np.diag?)",
                    np.tile(derivative, (n, 1)),
                ),
                (
                    "the off-diagonal entries must be 0: z_i depends on x_i only (every column "
                    "repeats σ'(x); broadcasting instead of np.diag?)",
                    np.tile(derivative[:, None], (1, n)),
                ),
                ("wrong sign: σ is increasing, so σ'(x) > 0", -expected),
                (
                    "the derivative of σ is σ(x)(1 - σ(x)), not 1 - σ(x)",
                    np.diag(1 - s),
                ),
            ]
            _compare(name, answer, expected, mistakes, case=case, shape_of="(n, n)")
        return "equals diag(σ(x)(1 - σ(x))) for three vectors (checked by finite differences)"

    return run_check(name, body)


def _softplus_sum(z) -> float:
    """L = f(z) = Σ_i log(1 + exp(z_i)), whose gradient ∂L/∂z is σ(z)."""
    return float(np.sum(np.logaddexp(0.0, z)))


def _matrix_gradient_check(function, name: str, *, vector_first: bool) -> CheckResult:
    """∂L/∂W for L = f(Wx) (vector_first=False) or L = f(xW) (vector_first=True)."""

    def body():
        rng = _rng()
        shapes = [(3, 4), (2, 5), (3, 3)]
        for rows, cols in shapes:
            W = rng.normal(size=(rows, cols))
            if vector_first:  # z = xW: x has shape (n,) = (rows,), z has shape (m,) = (cols,)
                x = rng.normal(size=rows)
                z = x @ W
                expected = numerical_gradient(lambda W, x=x: _softplus_sum(x @ W), W)
            else:  # z = Wx: x has shape (n,) = (cols,), z has shape (m,) = (rows,)
                x = rng.normal(size=cols)
                z = W @ x
                expected = numerical_gradient(lambda W, x=x: _softplus_sum(W @ x), W)
            dL_dz = sigmoid(z)
            case = f"W of shape {W.shape}"
            answer = _call(name, function, x, dL_dz)
            if vector_first:
                rule, entry = "xᵀ (∂L/∂z) = np.outer(x, dL_dz)", "x_i · ∂L/∂z_j"
            else:
                rule, entry = "(∂L/∂z)ᵀ xᵀ = np.outer(dL_dz, x)", "∂L/∂z_i · x_j"
            mistakes = [
                (
                    f"the outer product is in the wrong order: ∂L/∂W = {rule}, "
                    f"which has the shape of W, {W.shape}",
                    expected.T,
                ),
                ("wrong sign: L = f(z) goes up along +∂L/∂W", -expected),
            ]
            if x.shape == dL_dz.shape:
                mistakes += [
                    (
                        f"x * dL_dz multiplies entry by entry; ∂L/∂W_ij = {entry} needs one "
                        f"entry per pair (i, j): the outer product {rule}",
                        x * dL_dz,
                    ),
                    (
                        "a dot product gives one number; ∂L/∂W has one entry per W_ij: "
                        f"the outer product {rule}",
                        np.dot(x, dL_dz),
                    ),
                ]
            _compare(
                name,
                answer,
                expected,
                mistakes,
                case=case,
                shape_of="the shape of W: one entry ∂L/∂W_ij per weight",
            )
        formula = "xᵀ (∂L/∂z)" if vector_first else "(∂L/∂z)ᵀ xᵀ"
        return f"{formula} matches finite differences of L = Σ log(1 + exp(z)) on three shapes"

    return run_check(name, body)


def check_grad_matrix_times_vector(function) -> CheckResult:
    """Check ``function(x, dL_dz) -> ∂L/∂W`` for z = Wx, L = f(z): (∂L/∂z)ᵀ xᵀ, shape (m, n)."""
    return _matrix_gradient_check(function, "∂L/∂W for L = f(Wx)", vector_first=False)


def check_grad_vector_times_matrix(function) -> CheckResult:
    """Check ``function(x, dL_dz) -> ∂L/∂W`` for z = xW, L = f(z): xᵀ (∂L/∂z), shape (n, m)."""
    return _matrix_gradient_check(function, "∂L/∂W for L = f(xW)", vector_first=True)


# --------------------------------------------------------------------------- negative sampling
# Notebooks 04-05 own this section and the full-softmax one below: each check declares its
# catalogue of mistakes (``names_mistakes``), built from the package's reference on inputs the
# student has not seen.


def _neg_sampling_cases():
    """(case, u_t, v_c, v_neg): ordinary scores, K = 1, a repeated negative, and scores in
    the hundreds where a naive log(σ(x)) breaks down (the last case)."""
    rng = _rng()
    d4 = rng.normal(size=(5, 4))
    repeated = rng.normal(size=(3, 5))
    cases = [
        ("d = 4, K = 3", d4[0], d4[1], d4[2:]),
        ("d = 3, K = 1", *rng.normal(size=(2, 3)), rng.normal(size=(1, 3))),
        (
            "d = 5, K = 4 with a repeated negative",
            repeated[0],
            repeated[1],
            repeated[[2, 0, 2, 1]],
        ),
    ]
    u_t = rng.normal(size=4)
    u_t *= 30 / np.linalg.norm(u_t)
    v_c = -u_t / np.linalg.norm(u_t) * 25  # u_t·v_c = -750: σ(u_t·v_c) underflows in log
    v_neg = np.stack([u_t / np.linalg.norm(u_t) * 20, rng.normal(size=4)])  # u_t·v_1 = 600
    cases.append(("large scores, u_t·v_c = -750", u_t, v_c, v_neg))
    return cases


def sigma_flipped(where: str, got: str, got_alt: str, want: str, why: str = "") -> str:
    """The σ(x)/σ(-x) diagnosis, stated in the student's direction.

    ``got`` is what the answer computed (``got_alt`` the same value written the other way, via
    σ(-x) = 1 - σ(x)); ``want`` is what belongs there. Shared by every check that names a sign
    flipped inside σ, so that the wording is the same everywhere and never backwards.
    """
    text = (
        f"the sign inside σ is flipped in {where}: your answer computes {got} "
        f"(the same as {got_alt}), where {want} belongs"
    )
    return f"{text}; {why}" if why else text


# The loss L = -log σ(u_t·v_c) - Σ_i log σ(-u_t·v_ci)
NS_LOSS_SIGN = Mistake(
    "loss-sign",
    "wrong sign: the loss is -log σ(u_t·v_c) - Σ_i log σ(-u_t·v_ci), a positive number "
    "(each log of a probability is negative, so put a minus sign in front of each)",
)
NS_LOSS_SIGMA_NEGATIVES = Mistake(
    "loss-sigma-flipped-negatives",
    sigma_flipped(
        "the negatives' terms",
        "log σ(u_t·v_ci)",
        "log(1 - σ(-u_t·v_ci))",
        "log σ(-u_t·v_ci)",
        "a negative word should NOT be in the context, so its probability is "
        "P[- | t, c_i] = σ(-u_t·v_ci)",
    ),
)
NS_LOSS_SIGMA_POSITIVE = Mistake(
    "loss-sigma-flipped-positive",
    sigma_flipped(
        "the context word's term",
        "log σ(-u_t·v_c)",
        "log(1 - σ(u_t·v_c))",
        "log σ(u_t·v_c)",
        "the observed context word IS in the context: P[+ | t, c] = σ(u_t·v_c)",
    ),
)
NS_LOSS_SIGMA_BOTH = Mistake(
    "loss-sigma-flipped-both",
    "the signs inside σ are swapped in both terms: your loss is -log σ(-u_t·v_c) - "
    "Σ_i log σ(u_t·v_ci); the context word gets σ(u_t·v_c) (it is a context) and the "
    "negatives σ(-u_t·v_ci) (they are not)",
)
NS_LOSS_NO_NEGATIVES = Mistake(
    "loss-no-negatives", "the negatives' terms are missing: add - Σ_i log σ(-u_t·v_ci)"
)
NS_LOSS_AVERAGED = Mistake(
    "loss-averaged-negatives",
    "the K negatives' terms were averaged; the precept sums them: - Σ_i log σ(-u_t·v_ci) "
    "(use .sum(), not .mean())",
)
NS_LOSS_NOT_SUMMED = Mistake(
    "loss-not-summed",
    "your loss has one entry per negative word: the sum over i is missing; add the K "
    "negative terms up (.sum()) so that the loss is a single number",
)
NS_LOSS_NO_LOG = Mistake(
    "loss-no-log",
    "the log is missing: L = -log σ(u_t·v_c) - Σ_i log σ(-u_t·v_ci), not -σ(u_t·v_c) - "
    "Σ_i σ(-u_t·v_ci)",
)
NS_LOSS_NAIVE_LOG = Mistake(
    "loss-naive-log",
    "your loss is inf or NaN for scores of ±hundreds: σ(x) rounds to 0 and log 0 = -inf; "
    "compute log σ(x) with log_sigmoid (it uses -np.logaddexp(0, -x), which never rounds "
    "to 0)",
)

# (a) ∂L/∂u_t = (σ(u_t·v_c) - 1) v_c + Σ_i σ(u_t·v_ci) v_ci
NS_GRAD_U_SIGN = Mistake("grad-u-sign", "wrong sign: this is -∂L/∂u_t")
NS_GRAD_U_SIGMA_NEGATIVES = Mistake(
    "grad-u-sigma-flipped-negatives",
    sigma_flipped(
        "the negatives' term",
        "Σ_i σ(-u_t·v_ci) v_ci",
        "Σ_i (1 - σ(u_t·v_ci)) v_ci",
        "Σ_i σ(u_t·v_ci) v_ci",
        "the chain rule on -log σ(-u_t·v_ci) gives (1 - σ(-u_t·v_ci)) v_ci, and 1 - σ(-x) = σ(x)",
    ),
)
NS_GRAD_U_SIGMA_POSITIVE = Mistake(
    "grad-u-sigma-flipped-positive",
    sigma_flipped(
        "the context word's term",
        "-σ(u_t·v_c) v_c",
        "(σ(-u_t·v_c) - 1) v_c",
        "-σ(-u_t·v_c) v_c = (σ(u_t·v_c) - 1) v_c",
        "d log σ(x)/dx = 1 - σ(x) = σ(-x), taken at x = u_t·v_c",
    ),
)
NS_GRAD_U_NEGATIVES_MINUS = Mistake(
    "grad-u-negatives-minus",
    "the negatives' term has the wrong sign: ∂(-u_t·v_ci)/∂u_t = -v_ci, and the two minus "
    "signs cancel: + Σ_i σ(u_t·v_ci) v_ci",
)
NS_GRAD_U_FORGOT_ONE = Mistake(
    "grad-u-forgot-minus-one",
    "σ(u_t·v_c) v_c instead of (σ(u_t·v_c) - 1) v_c: d log σ(x)/dx = 1 - σ(x), so the "
    "positive term is -(1 - σ(u_t·v_c)) v_c",
)
NS_GRAD_U_NEGATIVES_AS_POSITIVE = Mistake(
    "grad-u-negatives-as-positive",
    "this is the gradient of -Σ_i log σ(+u_t·v_ci): the negatives were treated like the "
    "context word, but their term is -log σ(-u_t·v_ci), giving + Σ_i σ(u_t·v_ci) v_ci",
)
NS_GRAD_U_NO_NEGATIVES = Mistake(
    "grad-u-no-negatives", "the negatives' term Σ_i σ(u_t·v_ci) v_ci is missing"
)
NS_GRAD_U_NO_POSITIVE = Mistake(
    "grad-u-no-positive", "the positive term (σ(u_t·v_c) - 1) v_c is missing"
)
NS_GRAD_U_NOT_SUMMED = Mistake(
    "grad-u-not-summed",
    "the sum over i is missing: each negative adds its own σ(u_t·v_ci) v_ci, so add the K "
    "rows up; the result has shape (d,)",
)
NS_GRAD_U_AVERAGED = Mistake(
    "grad-u-averaged-negatives",
    "the negatives' term was averaged over i; the loss sums the K terms, so its gradient "
    "sums them too: + Σ_i σ(u_t·v_ci) v_ci",
)
NS_GRAD_U_WRONG_VECTOR = Mistake(
    "grad-u-wrong-vector",
    "each term was multiplied by u_t, but ∂(u_t·v)/∂u_t = v: the context word's term is "
    "(σ(u_t·v_c) - 1) v_c and each negative's σ(u_t·v_ci) v_ci",
)

# (b) ∂L/∂v_c = (σ(u_t·v_c) - 1) u_t
NS_GRAD_V_C_SIGN = Mistake("grad-v-c-sign", "wrong sign: this is -∂L/∂v_c")
NS_GRAD_V_C_FORGOT_ONE = Mistake(
    "grad-v-c-forgot-minus-one",
    "σ(u_t·v_c) u_t instead of (σ(u_t·v_c) - 1) u_t: d log σ(x)/dx = 1 - σ(x)",
)
NS_GRAD_V_C_SIGMA = Mistake(
    "grad-v-c-sigma-flipped",
    sigma_flipped(
        "∂L/∂v_c",
        "-σ(u_t·v_c) u_t",
        "(σ(-u_t·v_c) - 1) u_t",
        "-σ(-u_t·v_c) u_t = (σ(u_t·v_c) - 1) u_t",
        "d log σ(x)/dx = 1 - σ(x) = σ(-x), taken at x = u_t·v_c",
    ),
)
NS_GRAD_V_C_WRONG_VECTOR = Mistake(
    "grad-v-c-wrong-vector",
    "∂(u_t·v_c)/∂v_c is u_t, not v_c: the gradient is (σ(u_t·v_c) - 1) u_t",
)
NS_GRAD_V_C_WITH_NEGATIVES = Mistake(
    "grad-v-c-with-negatives",
    "the negatives do not depend on v_c: ∂L/∂v_c is just (σ(u_t·v_c) - 1) u_t",
)

# (c) ∂L/∂v_ci = σ(u_t·v_ci) u_t, one row per negative
NS_GRAD_V_NEG_SIGN = Mistake("grad-v-neg-sign", "wrong sign: this is -∂L/∂v_neg")
NS_GRAD_V_NEG_SIGMA = Mistake(
    "grad-v-neg-sigma-flipped",
    sigma_flipped(
        "∂L/∂v_ci",
        "σ(-u_t·v_ci) u_t",
        "(1 - σ(u_t·v_ci)) u_t",
        "σ(u_t·v_ci) u_t",
        "the chain rule on -log σ(-u_t·v_ci) gives (1 - σ(-u_t·v_ci)) u_t, and 1 - σ(-x) = σ(x)",
    ),
)
NS_GRAD_V_NEG_AS_POSITIVE = Mistake(
    "grad-v-neg-as-positive",
    "this is the gradient of -log σ(+u_t·v_ci): the negatives were treated like the context "
    "word, but their term is -log σ(-u_t·v_ci), giving row i = σ(u_t·v_ci) u_t",
)
NS_GRAD_V_NEG_TRANSPOSED = Mistake(
    "grad-v-neg-transposed",
    "transposed: one row per negative sample, shape (K, d) like v_neg",
)
NS_GRAD_V_NEG_SUMMED = Mistake(
    "grad-v-neg-summed",
    "summed over the negatives: each v_ci gets its own row σ(u_t·v_ci) u_t, shape (K, d)",
)
NS_GRAD_V_NEG_AVERAGED = Mistake(
    "grad-v-neg-averaged",
    "averaged over the negatives: each v_ci gets its own row σ(u_t·v_ci) u_t, shape (K, d)",
)
NS_GRAD_V_NEG_WRONG_VECTOR = Mistake(
    "grad-v-neg-wrong-vector",
    "∂(u_t·v_ci)/∂v_ci is u_t, not v_ci: row i is σ(u_t·v_ci) u_t",
)


def _neg_sampling_reference(u_t, v_c, v_neg):
    """block -> (expected, [(Mistake, wrong value)]), from the package's reference."""
    loss, grad_u_t, grad_v_c, grad_v_neg = neg_sampling_loss_and_gradients(u_t, v_c, v_neg)
    s_c = sigmoid(u_t @ v_c)  # σ(u_t·v_c)
    s_k = sigmoid(v_neg @ u_t)  # σ(u_t·v_ci), (K,)
    log_pos, log_neg = log_sigmoid(u_t @ v_c), log_sigmoid(-(v_neg @ u_t))  # (), (K,)
    log_pos_flipped, log_neg_flipped = log_sigmoid(-(u_t @ v_c)), log_sigmoid(v_neg @ u_t)
    loss_mistakes = [
        (NS_LOSS_SIGN, -loss),
        (NS_LOSS_SIGMA_NEGATIVES, -log_pos - log_neg_flipped.sum()),
        (NS_LOSS_SIGMA_POSITIVE, -log_pos_flipped - log_neg.sum()),
        (NS_LOSS_SIGMA_BOTH, -log_pos_flipped - log_neg_flipped.sum()),
        (NS_LOSS_NO_NEGATIVES, -log_pos),
        (NS_LOSS_NOT_SUMMED, -log_pos - log_neg),
        (NS_LOSS_NO_LOG, -s_c - np.sum(1 - s_k)),
        (NS_LOSS_AVERAGED, -log_pos - log_neg.mean()),
    ]
    positive = (s_c - 1) * v_c
    grad_u_t_mistakes = [
        (NS_GRAD_U_SIGN, -grad_u_t),
        (NS_GRAD_U_SIGMA_NEGATIVES, positive + (1 - s_k) @ v_neg),
        (NS_GRAD_U_SIGMA_POSITIVE, (sigmoid(-(u_t @ v_c)) - 1) * v_c + s_k @ v_neg),
        (NS_GRAD_U_NEGATIVES_MINUS, positive - s_k @ v_neg),
        (NS_GRAD_U_FORGOT_ONE, s_c * v_c + s_k @ v_neg),
        (NS_GRAD_U_NEGATIVES_AS_POSITIVE, positive + (s_k - 1) @ v_neg),
        (NS_GRAD_U_NO_NEGATIVES, positive),
        (NS_GRAD_U_NO_POSITIVE, s_k @ v_neg),
        (NS_GRAD_U_NOT_SUMMED, positive + s_k[:, None] * v_neg),
        (NS_GRAD_U_AVERAGED, positive + s_k @ v_neg / len(s_k)),
        (NS_GRAD_U_WRONG_VECTOR, (s_c - 1 + s_k.sum()) * u_t),
    ]
    grad_v_c_mistakes = [
        (NS_GRAD_V_C_SIGN, -grad_v_c),
        (NS_GRAD_V_C_FORGOT_ONE, s_c * u_t),
        (NS_GRAD_V_C_SIGMA, (sigmoid(-(u_t @ v_c)) - 1) * u_t),
        (NS_GRAD_V_C_WRONG_VECTOR, positive),
        (NS_GRAD_V_C_WITH_NEGATIVES, (s_c - 1 + s_k.sum()) * u_t),
    ]
    grad_v_neg_mistakes = [
        (NS_GRAD_V_NEG_SIGN, -grad_v_neg),
        (NS_GRAD_V_NEG_SIGMA, np.outer(1 - s_k, u_t)),
        (NS_GRAD_V_NEG_AS_POSITIVE, np.outer(s_k - 1, u_t)),
        (NS_GRAD_V_NEG_TRANSPOSED, grad_v_neg.T),
        (NS_GRAD_V_NEG_SUMMED, s_k.sum() * u_t),
        (NS_GRAD_V_NEG_AVERAGED, s_k.mean() * u_t),
        (NS_GRAD_V_NEG_WRONG_VECTOR, s_k[:, None] * v_neg),
    ]
    return {
        "loss": (np.float64(loss), loss_mistakes),
        "grad_u_t": (grad_u_t, grad_u_t_mistakes),
        "grad_v_c": (grad_v_c, grad_v_c_mistakes),
        "grad_v_neg": (grad_v_neg, grad_v_neg_mistakes),
    }


def _catalogue_of(block: str) -> tuple[Mistake, ...]:
    """The mistakes named for one block (in the order they are tried)."""
    case = _neg_sampling_cases()[0]
    mistakes = tuple(m for m, _ in _neg_sampling_reference(*case[1:])[block][1])
    return (*mistakes, NS_LOSS_NAIVE_LOG) if block == "loss" else mistakes


def _compare_named(
    name: str,
    answer,
    expected: np.ndarray,
    mistakes,
    *,
    case: str,
    shape_of: str,
    unstable: Mistake | None = None,
) -> None:
    """``_compare`` for catalogued mistakes: a known mistake first (the result then carries
    its id), then inf/NaN where the reference is finite (``unstable``), then ``_compare``'s
    shape and first-difference feedback."""
    got = as_array(answer)
    if got.size == 1 and expected.ndim == 0 and got.dtype != object:
        got = got.reshape(())
    if close(got, expected, rtol=RTOL, atol=ATOL):
        return
    for mistake, wrong in mistakes:
        if close(got, np.asarray(wrong), rtol=RTOL, atol=ATOL):
            fail(mistake, name=name, case=case)
    if (
        unstable is not None
        and got.dtype != object
        and got.shape == expected.shape
        and not np.all(np.isfinite(got))
        and np.all(np.isfinite(expected))
    ):
        fail(unstable, name=name, case=case)
    _compare(name, got, expected, (), case=case, shape_of=shape_of)


_SHAPE_OF = {
    "loss": "a single number",
    "grad_u_t": "(d,), the shape of u_t",
    "grad_v_c": "(d,), the shape of v_c",
    "grad_v_neg": "(K, d), the shape of v_neg: one row per negative",
}
_NS_BLOCKS = ("loss", "grad_u_t", "grad_v_c", "grad_v_neg")


@names_mistakes(*(mistake for block in _NS_BLOCKS for mistake in _catalogue_of(block)))
def check_neg_sampling_loss_and_gradients(function) -> CheckResult:
    """Check ``function(u_t, v_c, v_neg) -> (loss, grad_u_t, grad_v_c, grad_v_neg)``.

    Against ``wordvec_helpers.skipgram.neg_sampling_loss_and_gradients`` on four cases: K = 3,
    K = 1, a repeated negative, and scores of ±hundreds (a naive log σ underflows there).
    Notebook 05, Exercise 2.
    """
    name = "negative-sampling loss and gradients"

    def body():
        for case, u_t, v_c, v_neg in _neg_sampling_cases():
            answer = _unpack(name, _call(name, function, u_t, v_c, v_neg), _NS_BLOCKS, case)
            reference = _neg_sampling_reference(u_t, v_c, v_neg)
            for block, value in zip(_NS_BLOCKS, answer, strict=True):
                expected, mistakes = reference[block]
                _compare_named(
                    block,
                    value,
                    expected,
                    mistakes,
                    case=case,
                    shape_of=_SHAPE_OF[block],
                    unstable=NS_LOSS_NAIVE_LOG if block == "loss" else None,
                )
        return (
            "loss and all three gradients match the reference (K = 1, 3, 4, a repeated negative, "
            "scores of ±hundreds)"
        )

    return run_check(name, body)


def _neg_sampling_block_check(function, block: str, label: str) -> CheckResult:
    name = f"{label} (Exercise Q2)"

    def body():
        for case, u_t, v_c, v_neg in _neg_sampling_cases()[:3]:
            answer = _call(name, function, u_t, v_c, v_neg)
            expected, mistakes = _neg_sampling_reference(u_t, v_c, v_neg)[block]
            _compare_named(label, answer, expected, mistakes, case=case, shape_of=_SHAPE_OF[block])
        return "matches the reference gradient for K = 3, K = 1 and a repeated negative"

    return run_check(name, body)


@names_mistakes(*_catalogue_of("grad_u_t"))
def check_neg_sampling_grad_u_t(function) -> CheckResult:
    """Exercise Q2 (a): ``function(u_t, v_c, v_neg) -> ∂L/∂u_t``, shape (d,). Notebook 05."""
    return _neg_sampling_block_check(function, "grad_u_t", "∂L/∂u_t")


@names_mistakes(*_catalogue_of("grad_v_c"))
def check_neg_sampling_grad_v_c(function) -> CheckResult:
    """Exercise Q2 (b): ``function(u_t, v_c, v_neg) -> ∂L/∂v_c``, shape (d,). Notebook 05."""
    return _neg_sampling_block_check(function, "grad_v_c", "∂L/∂v_c")


@names_mistakes(*_catalogue_of("grad_v_neg"))
def check_neg_sampling_grad_v_neg(function) -> CheckResult:
    """Exercise Q2 (c): ``function(u_t, v_c, v_neg) -> ∂L/∂v_neg``, shape (K, d), row j being
    ∂L/∂v_cj = σ(u_t·v_cj) u_t. Notebook 05."""
    return _neg_sampling_block_check(function, "grad_v_neg", "∂L/∂v_cj")


def check_neg_sampling_context_gradient(function) -> CheckResult:
    """Check ``function(u_t, context_vectors, c, neg_ids) -> ∂L/∂context_vectors``, (|V|, d).

    L is the negative-sampling loss with v_c = context_vectors[c] and the negatives
    context_vectors[neg_ids]; a word drawn twice (or the context word drawn as a negative)
    must receive the sum of its gradients. Expected values: finite differences of L.
    """
    name = "∂L/∂context_vectors"

    def body():
        rng = _rng()
        cases = [
            ("c = 1, negatives [4, 2, 4]: word 4 drawn twice", 1, [4, 2, 4]),
            (
                "c = 0, negatives [0, 3, 3, 5]: the context word drawn as a negative",
                0,
                [0, 3, 3, 5],
            ),
            ("c = 2, negatives [1, 5]", 2, [1, 5]),
        ]
        for case, c, neg_ids in cases:
            neg_ids = np.array(neg_ids)
            u_t = rng.normal(size=3)
            V = rng.normal(size=(6, 3))
            answer = _call(name, function, u_t, V, c, neg_ids)

            def loss(V, u_t=u_t, c=c, neg_ids=neg_ids):
                return neg_sampling_loss_and_gradients(u_t, V[c], V[neg_ids])[0]

            expected = numerical_gradient(loss, V)
            _, _, grad_v_c, grad_v_neg = neg_sampling_loss_and_gradients(u_t, V[c], V[neg_ids])
            overwrite = np.zeros_like(V)
            overwrite[c] = grad_v_c
            overwrite[neg_ids] = grad_v_neg  # keeps only the last of a repeated id
            fancy_add = np.zeros_like(V)
            fancy_add[c] += grad_v_c
            fancy_add[neg_ids] += grad_v_neg  # buffered: a repeated id is added once
            positive_last = np.zeros_like(V)
            np.add.at(positive_last, neg_ids, grad_v_neg)
            positive_last[c] = grad_v_c  # overwrites what the negatives put in row c
            mistakes = [
                (
                    "a repeated negative was counted once: G[neg_ids] += grad_v_neg (like "
                    "G[neg_ids] = grad_v_neg) adds each distinct row once, because numpy "
                    "buffers fancy indexing; accumulate with np.add.at(G, neg_ids, grad_v_neg)",
                    fancy_add,
                ),
                (
                    "a repeated negative was counted once: G[neg_ids] = grad_v_neg keeps one "
                    "update per distinct row (and here also replaced row c); accumulate with "
                    "np.add.at(G, neg_ids, grad_v_neg)",
                    overwrite,
                ),
                (
                    "row c was overwritten: when the context word is also drawn as a negative, "
                    "its row gets both gradients — add (G[c] += grad_v_c), do not assign",
                    positive_last,
                ),
                ("wrong sign: this is -∂L/∂context_vectors", -expected),
            ]
            _compare(
                name,
                answer,
                expected,
                mistakes,
                case=case,
                shape_of="(|V|, d), the shape of context_vectors",
            )
        return "repeated negatives and a context word drawn as a negative accumulate correctly"

    return run_check(name, body)


# --------------------------------------------------------------------------- full softmax


def _softmax_cases():
    rng = _rng()
    cases = [
        ("|V| = 6, d = 3, c = 2", rng.normal(size=3), rng.normal(size=(6, 3)), 2),
        ("|V| = 4, d = 5, c = 0", rng.normal(size=5), rng.normal(size=(4, 5)), 0),
    ]
    u_t = rng.normal(size=4)
    V = rng.normal(size=(5, 4))
    V *= 40 / np.linalg.norm(V, axis=1, keepdims=True)
    u_t *= 30 / np.linalg.norm(u_t)
    cases.append(("scores in the hundreds, |V| = 5, c = 3", u_t, V, 3))
    return cases


# L = -log P[c | t] = -u_t·v_c + log Σ_c' exp(u_t·v_c')
SM_OVERFLOW = Mistake(
    "overflow",
    "your answer has inf or NaN when the scores are in the hundreds: exp overflows (and "
    "inf / inf is NaN); subtract the largest score before exp (log-sum-exp: "
    "log Σ exp(s) = max(s) + log Σ exp(s - max(s)), or scipy.special.logsumexp)",
)
SM_LOSS_SIGN = Mistake("loss-sign", "wrong sign: the loss is -log P[c | t], a positive number")
SM_LOSS_PROBABILITY = Mistake(
    "loss-probability", "that is P[c | t] itself; the loss is its negative log, -log P[c | t]"
)
SM_LOSS_NO_NORMALISER = Mistake(
    "loss-no-normaliser",
    "the normaliser is missing: L = -u_t·v_c + log Σ_c' exp(u_t·v_c')",
)
SM_LOSS_MAX_NOT_ADDED_BACK = Mistake(
    "loss-max-not-added-back",
    "you subtracted the largest score but did not add it back: "
    "log Σ_c' exp(s_c') = max(s) + log Σ_c' exp(s_c' - max(s)), so the loss is "
    "max(s) + log Σ_c' exp(s_c' - max(s)) - s_c",
)
SM_LOSS_EVERY_WORD = Mistake(
    "loss-every-word",
    "that is -log P[c' | t] for every word c' of the vocabulary; the loss is the one for the "
    "observed context word only: -log P[c | t], a single number",
)
SM_GRAD_U_SIGN = Mistake("grad-u-sign", "wrong sign: this is -∂L/∂u_t")
SM_GRAD_U_NO_V_C = Mistake(
    "grad-u-no-v-c",
    "the -v_c term is missing: ∂(-u_t·v_c)/∂u_t = -v_c, so ∂L/∂u_t = Σ_c' P[c'|t] v_c' - v_c",
)
SM_GRAD_U_ONLY_V_C = Mistake(
    "grad-u-only-v-c", "the normaliser's gradient Σ_c' P[c'|t] v_c' is missing"
)
SM_GRAD_U_DSCORES = Mistake(
    "grad-u-dscores",
    "that is ∂L/∂scores = P - y, shape (|V|,); multiply by the context vectors: "
    "∂L/∂u_t = Vᵀ (P - y)",
)
SM_GRAD_V_SIGN = Mistake("grad-v-sign", "wrong sign: this is -∂L/∂context_vectors")
SM_GRAD_V_TRANSPOSED = Mistake(
    "grad-v-transposed",
    "the outer product is in the wrong order: ∂L/∂V = (P - y) u_tᵀ, one row per word, "
    "shape (|V|, d)",
)
SM_GRAD_V_NO_Y = Mistake(
    "grad-v-no-y", "the -u_t in row c is missing: row c' is (P[c'|t] - [c' = c]) u_t"
)
SM_GRAD_V_ONLY_ROW_C = Mistake(
    "grad-v-only-row-c",
    "only row c is filled: every context vector is in the normaliser, so row c' gets "
    "P[c'|t] u_t too",
)
SM_GRAD_V_WRONG_VECTOR = Mistake(
    "grad-v-wrong-vector",
    "each row was multiplied by v_c, but ∂(u_t·v_c')/∂v_c' is u_t: row c' is "
    "(P[c'|t] - [c' = c]) u_t",
)
_SOFTMAX_BLOCKS = ("loss", "grad_u_t", "grad_context_vectors")
_SOFTMAX_SHAPE_OF = {
    "loss": "a single number",
    "grad_u_t": "(d,), the shape of u_t",
    "grad_context_vectors": "(|V|, d), the shape of context_vectors",
}


def _softmax_reference(u_t, V, c):
    """block -> (expected, [(Mistake, wrong value)]), from the package's reference."""
    loss, grad_u_t, grad_V = softmax_loss_and_gradients(u_t, V, c)
    scores = V @ u_t
    p = np.exp(scores - logsumexp(scores))  # P[c' | t]
    y = np.zeros_like(p)
    y[c] = 1.0
    only_row_c = np.zeros_like(grad_V)
    only_row_c[c] = grad_V[c]
    return {
        "loss": (
            np.float64(loss),
            [
                (SM_LOSS_SIGN, -loss),
                (SM_LOSS_PROBABILITY, np.exp(-loss)),
                (SM_LOSS_NO_NORMALISER, -scores[c]),
                (SM_LOSS_MAX_NOT_ADDED_BACK, loss - scores.max()),
                (SM_LOSS_EVERY_WORD, logsumexp(scores) - scores),
            ],
        ),
        "grad_u_t": (
            grad_u_t,
            [
                (SM_GRAD_U_SIGN, -grad_u_t),
                (SM_GRAD_U_NO_V_C, V.T @ p),
                (SM_GRAD_U_ONLY_V_C, -V[c]),
                (SM_GRAD_U_DSCORES, p - y),
            ],
        ),
        "grad_context_vectors": (
            grad_V,
            [
                (SM_GRAD_V_SIGN, -grad_V),
                (SM_GRAD_V_TRANSPOSED, grad_V.T),
                (SM_GRAD_V_NO_Y, np.outer(p, u_t)),
                (SM_GRAD_V_ONLY_ROW_C, only_row_c),
                (SM_GRAD_V_WRONG_VECTOR, np.outer(p - y, V[c])),
            ],
        ),
    }


def _softmax_catalogue() -> tuple[Mistake, ...]:
    case = _softmax_cases()[0]
    reference = _softmax_reference(*case[1:])
    return (SM_OVERFLOW, *(m for block in _SOFTMAX_BLOCKS for m, _ in reference[block][1]))


@names_mistakes(*_softmax_catalogue())
def check_softmax_loss_and_gradients(function) -> CheckResult:
    """Check ``function(u_t, context_vectors, c) -> (loss, grad_u_t, grad_context_vectors)``.

    Against ``wordvec_helpers.skipgram.softmax_loss_and_gradients``, including a case whose
    scores are in the hundreds (exp overflows without log-sum-exp). Notebook 04, Exercise 1.
    """
    name = "softmax loss and gradients"

    def body():
        for case, u_t, V, c in _softmax_cases():
            answer = _unpack(name, _call(name, function, u_t, V, c), _SOFTMAX_BLOCKS, case)
            reference = _softmax_reference(u_t, V, c)
            for block, value in zip(_SOFTMAX_BLOCKS, answer, strict=True):
                expected, mistakes = reference[block]
                _compare_named(
                    block,
                    value,
                    expected,
                    mistakes,
                    case=case,
                    shape_of=_SOFTMAX_SHAPE_OF[block],
                    unstable=SM_OVERFLOW,
                )
        return "loss and both gradients match the reference, scores in the hundreds included"

    return run_check(name, body)
