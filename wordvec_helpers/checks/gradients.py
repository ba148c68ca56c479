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
from ._core import CheckResult, as_array, call, close, compare, fail, run_check

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
