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
