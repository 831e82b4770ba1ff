"""Golden cases for keras.ops.linalg (namespace 'ops.linalg'; Keras also exports them flat in keras.ops).

Results whose vectors are unique only up to sign (svd's u and vh, eigh's vectors) and jvp (which takes a
function) are recorded in golden/linalg_vectors.json with vectors sign-normalized; linalg-vectors.test.ts reads it.
"""
import json

import numpy as np
import torch

from golden_common import case, encode, keras, ops, write

rng = np.random.RandomState(3)
NS = "ops.linalg"
DECOMPOSITION = "float32 LAPACK against float64 JavaScript"


def spd(n, batch=()):
    m = rng.randn(*batch, n, n).astype("float32")
    return (m @ np.swapaxes(m, -1, -2) + n * np.eye(n, dtype="float32")).astype("float32")


a3 = rng.randn(3, 3).astype("float32")
a4 = rng.randn(4, 4).astype("float32")
batch = rng.randn(2, 3, 3).astype("float32")
tall = rng.randn(5, 3).astype("float32")
wide = rng.randn(2, 4).astype("float32")
s3 = spd(3)
sb = spd(4, (2,))
lower = np.tril(rng.randn(3, 3).astype("float32")) + 3 * np.eye(3, dtype="float32")
upper = np.triu(rng.randn(3, 3).astype("float32")) + 3 * np.eye(3, dtype="float32")
b3 = rng.randn(3).astype("float32")
b32 = rng.randn(3, 2).astype("float32")
rank2 = (rng.randn(4, 2) @ rng.randn(2, 3)).astype("float32")
singular = np.array([[1, 2], [2, 4]], "float32")
ints = np.array([[2, 1], [1, 3]], "int32")

cases = [
    case("cholesky", s3, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("cholesky", sb, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("cholesky", s3, upper=True, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("cholesky", -s3, namespace=NS, note="not positive-definite"),
    case("cholesky", b3, namespace=NS, note="rank 1"),
    case("cholesky", tall, namespace=NS, note="not square"),
    case("cholesky_inverse", np.linalg.cholesky(s3).astype("float32"), namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("cholesky_inverse", np.linalg.cholesky(s3).T.astype("float32"), upper=True, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("det", a3, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("det", batch, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("det", singular, namespace=NS),
    case("det", tall, namespace=NS, note="not square"),
    case("inv", a4, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("inv", batch, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("inv", singular, namespace=NS, note="singular"),
    case("lu_factor", a4, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("lu_factor", batch, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("lu_factor", tall, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("qr", tall, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("qr", tall, mode="complete", namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("qr", wide, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("qr", batch, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("qr", tall, mode="economic", namespace=NS),
    case("solve", a3, b3, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("solve", a3, b32, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("solve", batch, rng.randn(2, 3).astype("float32"), namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("solve", singular, np.ones(2, "float32"), namespace=NS, note="singular"),
    case("solve_triangular", lower, b32, lower=True, namespace=NS, rtol=1e-4),
    case("solve_triangular", upper, b3, namespace=NS, rtol=1e-4),
    case("solve_triangular", a3, b3, lower=True, namespace=NS, rtol=1e-4, note="only the lower triangle is read"),
    case("svd", tall, compute_uv=False, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("svd", batch, compute_uv=False, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("svd", rank2, compute_uv=False, namespace=NS, rtol=1e-4, note="rank 2: the third value is float32 noise at 1e-7 scale, compared loosely"),
    case("pinv", tall, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("pinv", rank2, namespace=NS, rtol=1e-3, note="rank-deficient: the cutoff drops the noise singular value"),
    case("pinv", a3, rcond=0.5, namespace=NS, rtol=1e-4),
    case("lstsq", tall, rng.randn(5).astype("float32"), namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("lstsq", tall, rng.randn(5, 2).astype("float32"), namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("lstsq", a3, b3, rcond=0.3, namespace=NS, rtol=1e-4),
    case("matrix_rank", rank2, namespace=NS),
    case("matrix_rank", a4, namespace=NS),
    case("matrix_rank", a4, tol=1.0, namespace=NS),
    case("matrix_rank", batch, namespace=NS),
    case("norm", b3, namespace=NS),
    case("norm", a3, namespace=NS),
    case("norm", batch, namespace=NS),
    case("norm", batch, axis=-1, namespace=NS),
    case("norm", batch, axis=1, keepdims=True, namespace=NS),
    case("norm", b3, ord=np.inf, namespace=NS),
    case("norm", b3, ord=-np.inf, namespace=NS),
    case("norm", np.array([0, 1.5, 0, -2], "float32"), ord=0, namespace=NS),
    case("norm", b3, ord=1, namespace=NS),
    case("norm", b3, ord=3, namespace=NS),
    case("norm", b3, ord=-1, namespace=NS),
    case("norm", a3, ord="fro", namespace=NS),
    case("norm", a3, ord="nuc", namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("norm", a3, ord=np.inf, namespace=NS),
    case("norm", a3, ord=-np.inf, namespace=NS),
    case("norm", a3, ord=1, namespace=NS),
    case("norm", a3, ord=-1, namespace=NS),
    case("norm", a3, ord=2, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("norm", a3, ord=-2, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("norm", batch, ord=1, axis=(1, 2), namespace=NS),
    case("norm", batch, ord=2, axis=(2, 1), keepdims=True, namespace=NS, rtol=1e-4, note=DECOMPOSITION),
    case("norm", ints, namespace=NS),
    case("norm", batch, ord=1, namespace=NS, note="ord with no axis needs rank 1 or 2"),
    case("norm", np.zeros((0,), "float32"), namespace=NS, note="empty"),
    # torch's linalg refuses integer matrices; so does Strata.
    case("det", ints, namespace=NS, note="int input"),
    case("inv", ints, namespace=NS, note="int input"),
    case("matrix_rank", ints, namespace=NS, note="int input"),
    case("svd", ints, compute_uv=False, namespace=NS, note="int input"),
    case("qr", ints, namespace=NS, note="int input"),
    case("solve_triangular", ints, ints, namespace=NS, note="int input"),
    case("eigh", ints, namespace=NS, note="int input"),
    case("lu_factor", ints, namespace=NS, note="int input"),
    case("det", np.zeros((0, 0), "float32"), namespace=NS, note="empty matrix"),
    case("det", np.zeros((0, 2, 2), "float32"), namespace=NS, note="empty batch"),
    case("inv", np.zeros((2, 0, 0), "float32"), namespace=NS, note="empty matrices"),
    case("det", np.array([[np.nan, 1], [1, 1]], "float32"), namespace=NS, note="NaN"),
    case("norm", b3, ord="fro", namespace=NS, note="fro is a matrix norm"),
]
write("golden/linalg.json", cases)


def normalized_columns(vectors):
    """Each column (last axis indexes columns) scaled by the sign of its largest-magnitude entry."""
    v = np.array(vectors, dtype="float32")
    index = np.argmax(np.abs(v), axis=-2)
    signs = np.sign(np.take_along_axis(v, index[..., None, :], axis=-2))
    return v * signs


records = {}
for name, x, full in [("svd_tall", tall, True), ("svd_tall_thin", tall, False), ("svd_wide", wide, True), ("svd_batch", batch, False)]:
    # With full_matrices, the columns past min(m, n) span a null space in no particular basis: only the first k
    # columns are recorded (the test checks the completed U and V are orthonormal instead).
    u, s, vh = ops.linalg.svd(x, full_matrices=full)
    k = min(x.shape[-2:])
    u_k = ops.convert_to_numpy(u)[..., :k]
    v_k = np.swapaxes(ops.convert_to_numpy(vh), -1, -2)[..., :k]
    records[name] = {"inputs": encode([x]), "full_matrices": full, "shapes": [list(u.shape), list(vh.shape)], "result": encode([normalized_columns(u_k), s, normalized_columns(v_k)])}
for name, x in [("eigh", s3), ("eigh_batch", sb)]:
    w, v = ops.linalg.eigh(x)
    records[name] = {"inputs": encode([x]), "result": encode([w, normalized_columns(ops.convert_to_numpy(v))])}
# eig: Keras returns complex64. Strata returns float32 for matrices whose eigenvalues are all real (their
# imaginary parts are recorded to show they are zero) and refuses the others; values are sorted descending, with
# their vectors, since LAPACK's order is its own.
records["eig_dtype"] = {"inputs": encode([a3]), "result": str(ops.linalg.eig(a3)[0].dtype)}


def real_matrix(values, seed):
    p = np.random.RandomState(seed).randn(len(values), len(values))
    return (p @ np.diag(values) @ np.linalg.inv(p)).astype("float32")


def sorted_eig(x):
    w, v = ops.linalg.eig(x)
    w, v = ops.convert_to_numpy(w), ops.convert_to_numpy(v)
    order = np.argsort(-w.real, axis=-1)
    w_sorted = np.take_along_axis(w, order, axis=-1)
    v_sorted = np.take_along_axis(v, order[..., None, :], axis=-1)
    return w_sorted, v_sorted


for name, x in [
    ("eig_real", real_matrix([3.0, -1.5, 0.5], 10)),
    ("eig_triangular", np.triu(rng.randn(4, 4)).astype("float32")),
    ("eig_batch", np.stack([real_matrix([2.0, 1.0], 11), real_matrix([-4.0, 0.25], 12)])),
]:
    w, v = sorted_eig(x)
    records[name] = {"inputs": encode([x]), "imaginary": float(max(np.abs(w.imag).max(), np.abs(v.imag).max())), "result": encode([w.real.astype("float32"), normalized_columns(v.real)])}
rotation = np.array([[0.0, -1.0], [1.0, 0.0]], "float32")
records["eig_complex"] = {"inputs": encode([rotation]), "imaginary": float(np.abs(ops.convert_to_numpy(ops.linalg.eig(rotation)[0]).imag).max()), "result": None}

# jvp of a fixed function f(x, y) = sin(x) * y + x @ W (W fixed), along (vx, vy).
W = rng.randn(3, 2).astype("float32")
x0, y0 = rng.randn(4, 3).astype("float32"), rng.randn(4, 3).astype("float32")
vx, vy = rng.randn(4, 3).astype("float32"), rng.randn(4, 3).astype("float32")
fun = lambda x, y: {"a": ops.sin(x) * y, "b": ops.matmul(x, ops.convert_to_tensor(W))}  # noqa: E731
out, tangent = ops.linalg.jvp(fun, (torch.tensor(x0), torch.tensor(y0)), (torch.tensor(vx), torch.tensor(vy)))
records["jvp"] = {"inputs": encode([W, x0, y0, vx, vy]), "result": encode([out["a"], out["b"], tangent["a"], tangent["b"]])}
out, tangent, aux = ops.linalg.jvp(lambda x: (ops.tanh(x) ** 2, ops.sum(x)), (torch.tensor(x0),), (torch.tensor(vx),), has_aux=True)
records["jvp_aux"] = {"inputs": encode([x0, vx]), "result": encode([out, tangent, aux])}

# Gradients of det, inv and solve (torch autograd through Keras's ops), for Strata's analytic ones.
def grads(fn, *arrays):
    leaves = [torch.tensor(a, requires_grad=True) for a in arrays]
    fn(*leaves).backward()
    return [leaf.grad for leaf in leaves]


w_det = np.array([1.0, -2.0], "float32")
w_inv = rng.randn(2, 3, 3).astype("float32")
w_solve = rng.randn(3, 2).astype("float32")
w_solve_vec = rng.randn(3).astype("float32")
records["det_grad"] = {"inputs": encode([batch, w_det]), "result": encode(grads(lambda a: ops.sum(ops.linalg.det(a) * torch.tensor(w_det)), batch))}
records["inv_grad"] = {"inputs": encode([batch, w_inv]), "result": encode(grads(lambda a: ops.sum(ops.linalg.inv(a) * torch.tensor(w_inv)), batch))}
records["solve_grad"] = {"inputs": encode([a3, b32, w_solve]), "result": encode(grads(lambda a, b: ops.sum(ops.linalg.solve(a, b) * torch.tensor(w_solve)), a3, b32))}
records["solve_vector_grad"] = {"inputs": encode([a3, b3, w_solve_vec]), "result": encode(grads(lambda a, b: ops.sum(ops.linalg.solve(a, b) * torch.tensor(w_solve_vec)), a3, b3))}

with open("golden/linalg_vectors.json", "w") as handle:
    json.dump({"generator": "scripts/golden/linalg.py", "keras": keras.__version__, "records": records}, handle, separators=(",", ":"))
    handle.write("\n")
print(f"wrote {len(records)} records")
