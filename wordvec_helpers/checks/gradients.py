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
    unstable: str | Mistake = "",
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
            if isinstance(description, Mistake):
                fail(description, name=name, case=case)
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
        if isinstance(unstable, Mistake):
            fail(unstable, name=name, case=case)
        fail(f"{name}{where}: your answer has inf or NaN — {unstable}")
    compare(name, got, expected, (), case=case, rtol=RTOL, atol=ATOL)


def _unpack(name: str, answer, names: tuple[str, ...], case: str):
    if not isinstance(answer, tuple | list) or len(answer) != len(names):
        got = f"{len(answer)} items" if isinstance(answer, tuple | list) else type(answer).__name__
        fail(f"{name} ({case}): return a tuple ({', '.join(names)}), got {got}")
    return answer


# --------------------------------------------------------------------------- Jacobians
# Notebook 06 owns this section (the matrix-calculus rules) and the context-matrix check below.
# Each check declares its catalogue of mistakes; the diagnoses point to the reasoning (which
# index goes where, what depends on what) rather than hand over the line that computes it.

# Rule 1: z = Wx, W of shape (m, n) -> ∂z/∂x = W, shape (m, n)
WX_TRANSPOSED = Mistake(
    "transposed",
    "transposed: the Jacobian has one row per output z_i and one column per input x_j, so "
    "its shape is (m, n); write z_i = Σ_j W_ij x_j and read off ∂z_i/∂x_j for entry (i, j)",
)
WX_SIGN = Mistake(
    "wrong-sign",
    "wrong sign: z_i = Σ_j W_ij x_j has no minus sign in it, so neither has ∂z_i/∂x_j",
)
WX_VALUE = Mistake(
    "z-itself",
    "that is z = Wx itself, one number per output; the Jacobian is the matrix of every "
    "∂z_i/∂x_j, one row per output z_i and one column per input x_j",
)

# Rule 2: z = xW, W of shape (n, m) -> ∂z/∂x = Wᵀ, shape (m, n)
XW_TRANSPOSED = Mistake(
    "transposed",
    "transposed: your answer has the shape of W, (n, m), but the Jacobian has one row per "
    "output z_j and one column per input x_i, shape (m, n); from z_j = Σ_i x_i W_ij, "
    "∂z_j/∂x_i goes in row j, column i",
)
XW_SIGN = Mistake(
    "wrong-sign",
    "wrong sign: z_j = Σ_i x_i W_ij has no minus sign in it, so neither has ∂z_j/∂x_i",
)
XW_VALUE = Mistake(
    "z-itself",
    "that is z = xW itself, one number per output; the Jacobian is the matrix of every "
    "∂z_j/∂x_i, one row per output z_j and one column per input x_i",
)

# Rule 3: z = σ(x) elementwise -> diag(σ'(x)), shape (n, n)
EW_NO_DIAG = Mistake(
    "missing-diag",
    "that is the vector σ'(x), shape (n,): the right numbers in the wrong form; the Jacobian "
    "is an (n, n) matrix, with ∂z_i/∂x_i on the diagonal and 0 wherever z_i does not depend "
    "on x_j (np.diag turns a vector into a diagonal matrix)",
)
EW_FUNCTION = Mistake(
    "function-itself",
    "your diagonal holds σ(x), the function itself; the Jacobian holds derivatives: "
    "∂z_i/∂x_i = σ'(x_i) = σ(x_i)(1 - σ(x_i))",
)
EW_OUTER = Mistake(
    "outer-product",
    "the off-diagonal entries must be 0: z_i depends on x_i alone, so ∂z_i/∂x_j = 0 for "
    "i ≠ j (your answer is the outer product of σ(x) and 1 - σ(x), full of non-zeros)",
)
EW_ROWS = Mistake(
    "rows-repeat",
    "the off-diagonal entries must be 0: z_i depends on x_i alone; every row of your answer "
    "repeats σ'(x) (a vector broadcast to a matrix, instead of put on the diagonal?)",
)
EW_COLUMNS = Mistake(
    "columns-repeat",
    "the off-diagonal entries must be 0: z_i depends on x_i alone; every column of your "
    "answer repeats σ'(x) (a vector broadcast to a matrix, instead of put on the diagonal?)",
)
EW_SIGN = Mistake(
    "wrong-sign", "wrong sign: σ is increasing, so its derivative is positive everywhere"
)
EW_ONE_MINUS = Mistake(
    "one-minus-sigma",
    "your diagonal holds 1 - σ(x), the derivative of log σ(x); the derivative of σ itself "
    "is σ(x)(1 - σ(x))",
)

# The softmax P = softmax(z) -> ∂P/∂z = diag(P) - P Pᵀ, shape (n, n)
SMJ_DIAG_OF_P = Mistake(
    "diag-of-p",
    "diag(P) treats the normaliser Σ_k exp(z_k) as a constant, but it depends on every z_j: "
    "differentiate the quotient P_i = exp(z_i) / Σ_k exp(z_k) (or log P_i first), for j = i "
    "and for j ≠ i",
)
SMJ_ELEMENTWISE = Mistake(
    "elementwise",
    "your diagonal P_i(1 - P_i) is right, but softmax is not elementwise: every P_i depends "
    "on every z_j through the normaliser, so ∂P_i/∂z_j is not 0 for j ≠ i",
)
SMJ_NO_DIAGONAL_TERM = Mistake(
    "numerator-term-missing",
    "the normaliser's term is there, but not the numerator's: exp(z_i) depends on z_i, "
    "which adds P_i to the diagonal entry ∂P_i/∂z_i",
)
SMJ_OFF_DIAGONAL_SIGN = Mistake(
    "normaliser-sign",
    "the normaliser's term has the wrong sign: raising z_j (j ≠ i) raises Σ_k exp(z_k) and "
    "so lowers P_i, so ∂P_i/∂z_j is negative off the diagonal",
)
SMJ_SIGN = Mistake(
    "wrong-sign",
    "wrong sign: raising z_i raises P_i, so the diagonal entries ∂P_i/∂z_i are positive",
)
SMJ_VALUE = Mistake(
    "p-itself",
    "that is P = softmax(z) itself, one number per output; the Jacobian is the (n, n) "
    "matrix of every ∂P_i/∂z_j",
)
SMJ_OVERFLOW = Mistake(
    "overflow",
    "your answer has inf or NaN for scores near 1000: exp overflows above 709 (and "
    "inf / inf is NaN); compute P with softmax (scipy.special.softmax), which subtracts "
    "max(z) before exp",
)


def _shapes_cases(shapes):
    rng = _rng()
    for rows, cols in shapes:
        yield f"W of shape ({rows}, {cols})", rng.normal(size=(rows, cols))


@names_mistakes(WX_TRANSPOSED, WX_SIGN, WX_VALUE)
def check_jacobian_matrix_times_vector(function) -> CheckResult:
    """Check ``function(W, x) -> ∂z/∂x`` for z = Wx, W of shape (m, n): expected W, (m, n).

    Expected values: finite differences (``numerical_jacobian``). Notebook 06 (rule 1).
    """
    name = "∂z/∂x for z = Wx"

    def body():
        rng = _rng()
        for case, W in _shapes_cases([(3, 4), (4, 2), (3, 3)]):
            x = rng.normal(size=W.shape[1])
            answer = _call(name, function, W, x)
            expected = numerical_jacobian(lambda x, W=W: W @ x, x)
            mistakes = [(WX_TRANSPOSED, expected.T), (WX_SIGN, -expected), (WX_VALUE, W @ x)]
            _compare(name, answer, expected, mistakes, case=case, shape_of="(m, n): m outputs z")
        return "right on three shapes, a square one included (checked by finite differences)"

    return run_check(name, body)


@names_mistakes(XW_TRANSPOSED, XW_SIGN, XW_VALUE)
def check_jacobian_vector_times_matrix(function) -> CheckResult:
    """Check ``function(x, W) -> ∂z/∂x`` for z = xW, W of shape (n, m): expected Wᵀ, (m, n).

    Expected values: finite differences (``numerical_jacobian``). Notebook 06 (rule 2).
    """
    name = "∂z/∂x for z = xW"

    def body():
        rng = _rng()
        for case, W in _shapes_cases([(4, 3), (2, 5), (3, 3)]):
            x = rng.normal(size=W.shape[0])
            answer = _call(name, function, x, W)
            expected = numerical_jacobian(lambda x, W=W: x @ W, x)
            mistakes = [(XW_TRANSPOSED, expected.T), (XW_SIGN, -expected), (XW_VALUE, x @ W)]
            _compare(name, answer, expected, mistakes, case=case, shape_of="(m, n): m outputs z")
        return "right on three shapes, a square one included (checked by finite differences)"

    return run_check(name, body)


@names_mistakes(EW_NO_DIAG, EW_FUNCTION, EW_OUTER, EW_ROWS, EW_COLUMNS, EW_SIGN, EW_ONE_MINUS)
def check_jacobian_elementwise(function) -> CheckResult:
    """Check ``function(x) -> ∂z/∂x`` for the elementwise z = σ(x): diag(σ'(x)), shape (n, n).

    Expected values: finite differences (``numerical_jacobian``). Notebook 06 (rule 3).
    """
    name = "∂z/∂x for z = σ(x)"

    def body():
        rng = _rng()
        for n in (4, 3, 6):
            case = f"x of shape ({n},)"
            x = rng.normal(scale=2.0, size=n)
            answer = _call(name, function, x)
            expected = numerical_jacobian(sigmoid, x)
            s = sigmoid(x)
            derivative = np.diagonal(expected).copy()  # σ'(x), from the reference
            mistakes = [
                (EW_NO_DIAG, derivative),
                (EW_FUNCTION, np.diag(s)),
                (EW_OUTER, np.outer(s, 1 - s)),
                (EW_ROWS, np.tile(derivative, (n, 1))),
                (EW_COLUMNS, np.tile(derivative[:, None], (1, n))),
                (EW_SIGN, -expected),
                (EW_ONE_MINUS, np.diag(1 - s)),
            ]
            _compare(name, answer, expected, mistakes, case=case, shape_of="(n, n)")
        return "right for three vectors (checked by finite differences)"

    return run_check(name, body)


def _softmax(z: np.ndarray) -> np.ndarray:
    return np.exp(z - logsumexp(z))


@names_mistakes(
    SMJ_DIAG_OF_P,
    SMJ_ELEMENTWISE,
    SMJ_NO_DIAGONAL_TERM,
    SMJ_OFF_DIAGONAL_SIGN,
    SMJ_SIGN,
    SMJ_VALUE,
    SMJ_OVERFLOW,
)
def check_jacobian_softmax(function) -> CheckResult:
    """Check ``function(z) -> ∂P/∂z`` for P = softmax(z), z of shape (n,): diag(P) - P Pᵀ.

    Expected values: finite differences (``numerical_jacobian``), on three score vectors and
    one with scores near 1000, where exp overflows. Notebook 06.
    """
    name = "∂P/∂z for P = softmax(z)"

    def body():
        rng = _rng()
        cases = [(f"z of shape ({n},)", rng.normal(scale=1.5, size=n)) for n in (4, 3, 5)]
        cases.append(("scores near 1000", 1000.0 + rng.normal(size=4)))
        for case, z in cases:
            answer = _call(name, function, z)
            expected = numerical_jacobian(_softmax, z)
            p = _softmax(z)
            mistakes = [
                (SMJ_DIAG_OF_P, np.diag(p)),
                (SMJ_ELEMENTWISE, np.diag(p * (1 - p))),
                (SMJ_NO_DIAGONAL_TERM, -np.outer(p, p)),
                (SMJ_OFF_DIAGONAL_SIGN, np.diag(p) + np.outer(p, p)),
                (SMJ_SIGN, -expected),
                (SMJ_VALUE, p),
            ]
            _compare(
                name,
                answer,
                expected,
                mistakes,
                case=case,
                shape_of="(n, n): one row per output P_i, one column per score z_j",
                unstable=SMJ_OVERFLOW,
            )
        return "right on four score vectors, scores near 1000 included (finite differences)"

    return run_check(name, body)


# Rules 4 and 5: L = f(Wx) -> ∂L/∂W = (∂L/∂z)ᵀ xᵀ; L = f(xW) -> ∂L/∂W = xᵀ (∂L/∂z)
MG_WX_ORDER = Mistake(
    "wrong-order",
    "your answer is the transpose of ∂L/∂W: a gradient has the shape of what it "
    "differentiates, here W, (m, n); W_ij reaches L only through z_i, so its row i goes "
    "with z and its column j with x",
)
MG_XW_ORDER = Mistake(
    "wrong-order",
    "your answer is the transpose of ∂L/∂W: a gradient has the shape of what it "
    "differentiates, here W, (n, m); W_ij reaches L only through z_j, so its row i goes "
    "with x and its column j with z",
)
MG_SIGN = Mistake(
    "wrong-sign",
    "wrong sign: this is -∂L/∂W; the chain rule through z brings in no minus sign",
)
MG_ELEMENTWISE = Mistake(
    "elementwise-product",
    "x * dL_dz multiplies entry by entry: one number per pair (i, i); ∂L/∂W needs one entry "
    "for every pair (i, j), one per weight W_ij — an outer product of the two vectors",
)
MG_DOT = Mistake(
    "dot-product",
    "a dot product gives one number; ∂L/∂W has one entry per weight W_ij, the shape of W",
)
MG_DL_DZ = Mistake(
    "returned-dL-dz",
    "that is ∂L/∂z, which you were given, one number per output; ∂L/∂W has one entry per "
    "weight W_ij: follow W_ij through the one z it enters",
)


def _softplus_sum(z) -> float:
    """L = f(z) = Σ_i log(1 + exp(z_i)), whose gradient ∂L/∂z is σ(z)."""
    return float(np.sum(np.logaddexp(0.0, z)))


def _matrix_gradient_check(function, name: str, *, vector_first: bool) -> CheckResult:
    """∂L/∂W for L = f(Wx) (vector_first=False) or L = f(xW) (vector_first=True).

    The square case comes first, so that an elementwise or dot product of x and ∂L/∂z (which
    needs m = n to run at all) is named rather than reported as a broadcasting error.
    """
    order = MG_XW_ORDER if vector_first else MG_WX_ORDER

    def body():
        rng = _rng()
        for rows, cols in [(3, 3), (3, 4), (2, 5)]:
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
            answer = _call(name, function, x, dL_dz)
            mistakes = [(order, expected.T), (MG_SIGN, -expected), (MG_DL_DZ, dL_dz)]
            if x.shape == dL_dz.shape:
                mistakes += [(MG_ELEMENTWISE, x * dL_dz), (MG_DOT, np.dot(x, dL_dz))]
            _compare(
                name,
                answer,
                expected,
                mistakes,
                case=f"W of shape {W.shape}",
                shape_of="the shape of W: one entry ∂L/∂W_ij per weight",
            )
        return "matches finite differences of L = Σ log(1 + exp(z)) on three shapes of W"

    return run_check(name, body)


@names_mistakes(MG_WX_ORDER, MG_SIGN, MG_DL_DZ, MG_ELEMENTWISE, MG_DOT)
def check_grad_matrix_times_vector(function) -> CheckResult:
    """Check ``function(x, dL_dz) -> ∂L/∂W`` for z = Wx, L = f(z): (∂L/∂z)ᵀ xᵀ, shape (m, n).

    Notebook 06 (rule 4)."""
    return _matrix_gradient_check(function, "∂L/∂W for L = f(Wx)", vector_first=False)


@names_mistakes(MG_XW_ORDER, MG_SIGN, MG_DL_DZ, MG_ELEMENTWISE, MG_DOT)
def check_grad_vector_times_matrix(function) -> CheckResult:
    """Check ``function(x, dL_dz) -> ∂L/∂W`` for z = xW, L = f(z): xᵀ (∂L/∂z), shape (n, m).

    Notebook 06 (rule 5)."""
    return _matrix_gradient_check(function, "∂L/∂W for L = f(xW)", vector_first=True)


# --------------------------------------------------------------------------- negative sampling


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


_STABLE_LOG_SIGMOID = (
    "log σ(x) underflows for large |x|; compute it as -np.logaddexp(0, -x) "
    "(wordvec_helpers.skipgram.log_sigmoid)"
)


def _neg_sampling_mistakes(u_t, v_c, v_neg):
    """(expected, mistakes) per block, from the package's reference implementation."""
    loss, grad_u_t, grad_v_c, grad_v_neg = neg_sampling_loss_and_gradients(u_t, v_c, v_neg)
    s_c = sigmoid(u_t @ v_c)  # σ(u_t·v_c)
    s_k = sigmoid(v_neg @ u_t)  # σ(u_t·v_k), (K,)
    K = v_neg.shape[0]
    loss_mistakes = [
        (
            "wrong sign: the loss is -log σ(u_t·v_c) - Σ_k log σ(-u_t·v_k), a positive number",
            -loss,
        ),
        (
            "σ(u_t·v_k) where σ(-u_t·v_k) belongs: a negative word should NOT be in the context, "
            "so its term is -log σ(-u_t·v_k)",
            float(-log_sigmoid(u_t @ v_c) - np.sum(log_sigmoid(v_neg @ u_t))),
        ),
        (
            "σ(-u_t·v_c) where σ(u_t·v_c) belongs: the observed context word's term is "
            "-log σ(+u_t·v_c)",
            float(-log_sigmoid(-(u_t @ v_c)) - np.sum(log_sigmoid(-(v_neg @ u_t)))),
        ),
        (
            "the negatives are missing: add - Σ_k log σ(-u_t·v_k)",
            float(-log_sigmoid(u_t @ v_c)),
        ),
        ("the log is missing: L = -log σ(u_t·v_c) - Σ_k log σ(-u_t·v_k)", -s_c - np.sum(1 - s_k)),
    ]
    if K > 1:
        loss_mistakes.append(
            (
                "the K negative terms were averaged; the precept sums them",
                float(-log_sigmoid(u_t @ v_c) - np.mean(log_sigmoid(-(v_neg @ u_t)))),
            )
        )
    grad_u_t_mistakes = [
        ("wrong sign: this is -∂L/∂u_t", -grad_u_t),
        (
            "σ(u_t·v_k) where σ(-u_t·v_k) belongs: the chain rule gives (1 - σ(-u_t·v_k)) v_k, "
            "and σ(-x) = 1 - σ(x) turns it into σ(u_t·v_k) v_k",
            (s_c - 1) * v_c + (1 - s_k) @ v_neg,
        ),
        (
            "the negatives' term has the wrong sign: ∂(-u_t·v_k)/∂u_t = -v_k, and the two minus "
            "signs cancel: + Σ_k σ(u_t·v_k) v_k",
            (s_c - 1) * v_c - s_k @ v_neg,
        ),
        (
            "σ(u_t·v_c) v_c instead of (σ(u_t·v_c) - 1) v_c: d log σ(x)/dx = 1 - σ(x), so the "
            "positive term is -(1 - σ(u_t·v_c)) v_c",
            s_c * v_c + s_k @ v_neg,
        ),
        (
            "this is the gradient of -Σ_k log σ(+u_t·v_k): the negatives were treated like the "
            "context word, but their term is -log σ(-u_t·v_k), giving + Σ_k σ(u_t·v_k) v_k",
            (s_c - 1) * v_c + (s_k - 1) @ v_neg,
        ),
        ("the negatives' term Σ_k σ(u_t·v_k) v_k is missing", (s_c - 1) * v_c),
        ("the positive term (σ(u_t·v_c) - 1) v_c is missing", s_k @ v_neg),
        (
            "the sum over k is missing: each negative adds its own σ(u_t·v_k) v_k, so the "
            "result has shape (d,)",
            (s_c - 1) * v_c + s_k[:, None] * v_neg,
        ),
    ]
    grad_v_c_mistakes = [
        ("wrong sign: this is -∂L/∂v_c", -grad_v_c),
        (
            "σ(u_t·v_c) u_t instead of (σ(u_t·v_c) - 1) u_t: d log σ(x)/dx = 1 - σ(x)",
            s_c * u_t,
        ),
        (
            "σ(-u_t·v_c) where σ(u_t·v_c) belongs: (σ(u_t·v_c) - 1) u_t = -σ(-u_t·v_c) u_t",
            (sigmoid(-(u_t @ v_c)) - 1) * u_t,
        ),
        (
            "∂(u_t·v_c)/∂v_c is u_t, not v_c: the gradient is (σ(u_t·v_c) - 1) u_t",
            (s_c - 1) * v_c,
        ),
        (
            "the negatives do not depend on v_c: ∂L/∂v_c is just (σ(u_t·v_c) - 1) u_t",
            (s_c - 1) * u_t + s_k.sum() * u_t,
        ),
    ]
    grad_v_neg_mistakes = [
        ("wrong sign: this is -∂L/∂v_neg", -grad_v_neg),
        (
            "σ(u_t·v_k) where σ(-u_t·v_k) belongs: the chain rule gives row k = "
            "(1 - σ(-u_t·v_k)) u_t = σ(u_t·v_k) u_t, not (1 - σ(u_t·v_k)) u_t",
            np.outer(1 - s_k, u_t),
        ),
        (
            "this is the gradient of -log σ(+u_t·v_k): the negatives were treated like the "
            "context word, but their term is -log σ(-u_t·v_k), giving row k = σ(u_t·v_k) u_t",
            np.outer(s_k - 1, u_t),
        ),
        (
            "transposed: one row per negative sample, shape (K, d) like v_neg",
            grad_v_neg.T,
        ),
        (
            "summed over the negatives: each v_k gets its own row σ(u_t·v_k) u_t, shape (K, d)",
            s_k.sum() * u_t,
        ),
        (
            "∂(u_t·v_k)/∂v_k is u_t, not v_k: row k is σ(u_t·v_k) u_t",
            s_k[:, None] * v_neg,
        ),
    ]
    return {
        "loss": (np.float64(loss), loss_mistakes),
        "grad_u_t": (grad_u_t, grad_u_t_mistakes),
        "grad_v_c": (grad_v_c, grad_v_c_mistakes),
        "grad_v_neg": (grad_v_neg, grad_v_neg_mistakes),
    }


_SHAPE_OF = {
    "loss": "a single number",
    "grad_u_t": "(d,), the shape of u_t",
    "grad_v_c": "(d,), the shape of v_c",
    "grad_v_neg": "(K, d), the shape of v_neg: one row per negative",
}


def check_neg_sampling_loss_and_gradients(function) -> CheckResult:
    """Check ``function(u_t, v_c, v_neg) -> (loss, grad_u_t, grad_v_c, grad_v_neg)``.

    Against ``wordvec_helpers.skipgram.neg_sampling_loss_and_gradients`` on four cases: K = 3,
    K = 1, a repeated negative, and scores of ±hundreds (a naive log σ underflows there).
    """
    name = "negative-sampling loss and gradients"
    blocks = ("loss", "grad_u_t", "grad_v_c", "grad_v_neg")

    def body():
        for case, u_t, v_c, v_neg in _neg_sampling_cases():
            answer = _unpack(name, _call(name, function, u_t, v_c, v_neg), blocks, case)
            reference = _neg_sampling_mistakes(u_t, v_c, v_neg)
            for block, value in zip(blocks, answer, strict=True):
                expected, mistakes = reference[block]
                _compare(
                    block,
                    value,
                    expected,
                    mistakes,
                    case=case,
                    shape_of=_SHAPE_OF[block],
                    unstable=_STABLE_LOG_SIGMOID,
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
            expected, mistakes = _neg_sampling_mistakes(u_t, v_c, v_neg)[block]
            _compare(label, answer, expected, mistakes, case=case, shape_of=_SHAPE_OF[block])
        return "matches the reference gradient for K = 3, K = 1 and a repeated negative"

    return run_check(name, body)


def check_neg_sampling_grad_u_t(function) -> CheckResult:
    """Exercise Q2 (a): ``function(u_t, v_c, v_neg) -> ∂L/∂u_t``, shape (d,)."""
    return _neg_sampling_block_check(function, "grad_u_t", "∂L/∂u_t")


def check_neg_sampling_grad_v_c(function) -> CheckResult:
    """Exercise Q2 (b): ``function(u_t, v_c, v_neg) -> ∂L/∂v_c``, shape (d,)."""
    return _neg_sampling_block_check(function, "grad_v_c", "∂L/∂v_c")


def check_neg_sampling_grad_v_neg(function) -> CheckResult:
    """Exercise Q2 (c): ``function(u_t, v_c, v_neg) -> ∂L/∂v_neg``, shape (K, d), row j being
    ∂L/∂v_cj = σ(u_t·v_cj) u_t."""
    return _neg_sampling_block_check(function, "grad_v_neg", "∂L/∂v_cj")


# The context-matrix gradient (notebook 06, "One word, two gradients").
CG_ADDED_ONCE = Mistake(
    "repeated-negative-added-once",
    "a word drawn twice as a negative got only one of its two gradients: G[neg_ids] += "
    "grad_v_neg reads every row first and then writes them back, so for a repeated word "
    "the last write wins; accumulate repeated rows with np.add.at(G, neg_ids, grad_v_neg) "
    "or a loop over the negatives",
)
CG_ASSIGNED = Mistake(
    "repeated-negative-assigned",
    "rows were assigned (G[...] = ...), not added: a word drawn twice as a negative keeps "
    "only one of its gradients, and the context word drawn as a negative loses its own; "
    "every row must receive the sum of the gradients of all the terms its word appears in",
)
CG_CONTEXT_OVERWRITTEN = Mistake(
    "context-row-overwritten",
    "the context word's row was overwritten: when the context word is also drawn as a "
    "negative, its row gets both gradients, ∂L/∂v_c plus its negative's row; add to that "
    "row (+=), do not assign",
)
CG_NO_CONTEXT = Mistake(
    "context-row-missing",
    "the context word's own gradient ∂L/∂v_c is missing: its row gets (σ(u_t·v_c) - 1) u_t, "
    "plus the gradients of any negative that is the same word",
)
CG_NO_NEGATIVES = Mistake(
    "negative-rows-missing",
    "the negatives' rows are missing: each word drawn as a negative gets σ(u_t·v_k) u_t in "
    "its row, once per time it was drawn",
)
CG_SIGN = Mistake("wrong-sign", "wrong sign: this is -∂L/∂context_vectors")

_TOY_WORDS = ("the", "cat", "sat", "on", "a", "mat")


def _word_list(ids) -> str:
    return ", ".join(f"'{_TOY_WORDS[i]}'" for i in ids)


@names_mistakes(
    CG_ADDED_ONCE,
    CG_ASSIGNED,
    CG_CONTEXT_OVERWRITTEN,
    CG_NO_CONTEXT,
    CG_NO_NEGATIVES,
    CG_SIGN,
)
def check_neg_sampling_context_gradient(function) -> CheckResult:
    """Check ``function(u_t, context_vectors, c, neg_ids) -> ∂L/∂context_vectors``, (|V|, d).

    L is the negative-sampling loss with v_c = context_vectors[c] and the negatives
    context_vectors[neg_ids]; a word drawn twice (or the context word drawn as a negative)
    must receive the sum of its gradients. Expected values: finite differences of L. The
    cases use a six-word vocabulary, so that feedback names words. Notebook 06.
    """
    name = "∂L/∂context_vectors"

    def body():
        rng = _rng()
        for c, neg_ids, note in [
            (1, [1, 3, 3, 5], "'on' drawn twice, the context word drawn as a negative"),
            (2, [5, 0, 5], "'mat' drawn twice"),
            (4, [0, 2], "no word repeated"),
        ]:
            case = f"context word '{_TOY_WORDS[c]}', negatives {_word_list(neg_ids)}: {note}"
            neg_ids = np.array(neg_ids)
            u_t = rng.normal(size=3)
            V = rng.normal(size=(len(_TOY_WORDS), 3))
            answer = _call(name, function, u_t, V, c, neg_ids)

            def loss(V, u_t=u_t, c=c, neg_ids=neg_ids):
                return neg_sampling_loss_and_gradients(u_t, V[c], V[neg_ids])[0]

            expected = numerical_gradient(loss, V)
            _, _, grad_v_c, grad_v_neg = neg_sampling_loss_and_gradients(u_t, V[c], V[neg_ids])
            assigned = np.zeros_like(V)
            assigned[c] = grad_v_c
            assigned[neg_ids] = grad_v_neg  # keeps only the last of a repeated id
            added_once = np.zeros_like(V)
            added_once[c] += grad_v_c
            added_once[neg_ids] += grad_v_neg  # buffered: a repeated id is added once
            context_last = np.zeros_like(V)
            np.add.at(context_last, neg_ids, grad_v_neg)
            context_last[c] = grad_v_c  # overwrites what the negatives put in row c
            no_context = np.zeros_like(V)
            np.add.at(no_context, neg_ids, grad_v_neg)
            no_negatives = np.zeros_like(V)
            no_negatives[c] = grad_v_c
            mistakes = [
                (CG_ADDED_ONCE, added_once),
                (CG_ASSIGNED, assigned),
                (CG_CONTEXT_OVERWRITTEN, context_last),
                (CG_NO_CONTEXT, no_context),
                (CG_NO_NEGATIVES, no_negatives),
                (CG_SIGN, -expected),
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


def check_softmax_loss_and_gradients(function) -> CheckResult:
    """Check ``function(u_t, context_vectors, c) -> (loss, grad_u_t, grad_context_vectors)``.

    Against ``wordvec_helpers.skipgram.softmax_loss_and_gradients``, including a case whose
    scores are in the hundreds (exp overflows without log-sum-exp).
    """
    name = "softmax loss and gradients"
    blocks = ("loss", "grad_u_t", "grad_context_vectors")
    unstable = (
        "exp overflows for large scores; subtract the largest score first "
        "(log-sum-exp: scipy.special.logsumexp)"
    )

    def body():
        for case, u_t, V, c in _softmax_cases():
            answer = _unpack(name, _call(name, function, u_t, V, c), blocks, case)
            loss, grad_u_t, grad_V = softmax_loss_and_gradients(u_t, V, c)
            scores = V @ u_t
            p = np.exp(scores - logsumexp(scores))  # P[c' | t]
            y = np.zeros_like(p)
            y[c] = 1.0
            only_row_c = np.zeros_like(grad_V)
            only_row_c[c] = grad_V[c]
            reference = {
                "loss": (
                    np.float64(loss),
                    [
                        ("wrong sign: the loss is -log P[c | t], a positive number", -loss),
                        ("that is P[c | t]; the loss is -log P[c | t]", np.exp(-loss)),
                        (
                            "the normaliser is missing: L = -u_t·v_c + log Σ_c' exp(u_t·v_c')",
                            -scores[c],
                        ),
                    ],
                    "a single number",
                ),
                "grad_u_t": (
                    grad_u_t,
                    [
                        ("wrong sign: this is -∂L/∂u_t", -grad_u_t),
                        (
                            "the -v_c term is missing: ∂(-u_t·v_c)/∂u_t = -v_c, so "
                            "∂L/∂u_t = Σ_c' P[c'|t] v_c' - v_c",
                            V.T @ p,
                        ),
                        (
                            "the normaliser's gradient Σ_c' P[c'|t] v_c' is missing",
                            -V[c],
                        ),
                        (
                            "that is ∂L/∂scores = P - y, shape (|V|,); multiply by the context "
                            "vectors: ∂L/∂u_t = Vᵀ (P - y)",
                            p - y,
                        ),
                    ],
                    "(d,), the shape of u_t",
                ),
                "grad_context_vectors": (
                    grad_V,
                    [
                        ("wrong sign: this is -∂L/∂context_vectors", -grad_V),
                        (
                            "the outer product is in the wrong order: ∂L/∂V = (P - y) u_tᵀ, "
                            "one row per word, shape (|V|, d)",
                            grad_V.T,
                        ),
                        (
                            "the -u_t in row c is missing: row c' is (P[c'|t] - [c' = c]) u_t",
                            np.outer(p, u_t),
                        ),
                        (
                            "only row c is filled: every context vector is in the normaliser, "
                            "so row c' gets P[c'|t] u_t too",
                            only_row_c,
                        ),
                    ],
                    "(|V|, d), the shape of context_vectors",
                ),
            }
            for block, value in zip(blocks, answer, strict=True):
                expected, mistakes, shape_of = reference[block]
                _compare(
                    block,
                    value,
                    expected,
                    mistakes,
                    case=case,
                    shape_of=shape_of,
                    unstable=unstable,
                )
        return "loss and both gradients match the reference, scores in the hundreds included"

    return run_check(name, body)
