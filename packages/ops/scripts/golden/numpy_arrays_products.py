"""Golden cases for keras.ops.numpy's products (matmul, dot, einsum, tensordot...), diagonals and triangles,
padding, differences and integrals, and slogdet."""
import numpy as np

from golden_common import encode, case, write
from keras import ops

rng = np.random.RandomState(3)
a = rng.randn(2, 3).astype("float32")
b = rng.randn(3, 4).astype("float32")
sq = rng.randn(3, 3).astype("float32")
b3 = rng.randn(2, 3, 4).astype("float32")
v3 = np.array([1.5, -2.0, 0.5], "float32")
w3 = np.array([0.25, 1.0, -3.0], "float32")
i = np.array([[1, -2, 3], [4, 5, -6]], dtype="int32")
j = np.array([[2, 0], [1, -1], [3, 2]], dtype="int32")
bo = np.array([[True, False, True], [False, True, True]])

cases = [
    # products
    case("matmul", a, b),
    case("matmul", b3, rng.randn(4, 2).astype("float32")),
    case("matmul", rng.randn(5, 1, 2, 3).astype("float32"), rng.randn(4, 3, 2).astype("float32")),
    case("matmul", v3, sq),
    case("matmul", sq, v3),
    case("matmul", v3, w3),
    case("matmul", i, j),
    case("matmul", i, b),
    case("matmul", bo, j),
    case("matmul", a, a),
    case("matmul", np.zeros((2, 0), "float32"), np.zeros((0, 3), "float32")),
    case("dot", a, b),
    case("dot", v3, w3),
    case("dot", 2, i),
    case("dot", b3, rng.randn(4, 2).astype("float32")),
    case("dot", i, j),
    case("dot", rng.randn(2, 3).astype("float32"), rng.randn(2, 3, 4).astype("float32"), note="torch's matmul broadcasting"),
    case("inner", v3, w3),
    case("inner", a, b3[:, :2, :3].reshape(4, 3)),
    case("inner", i, np.array([1, 2, 3], "int32")),
    case("inner", 3.0, v3),
    case("outer", v3, np.array([1, 2], "int32")),
    case("outer", a, i),
    case("outer", bo[0], bo[1]),
    case("vdot", v3, w3),
    case("vdot", a, i.astype("float32")),
    case("vdot", i, i),
    case("vdot", i[0], i[1]),
    case("kron", a, np.array([[1, 0], [0, 2]], "int32")),
    case("kron", v3, np.array([1, -1], "float32")),
    case("kron", b3[:, :2, :2], np.eye(2, dtype="float32")),
    case("kron", i, np.array([2], "int32")),
    case("cross", v3, w3),
    case("cross", rng.randn(4, 3).astype("float32"), w3),
    case("cross", np.array([[1, 2], [3, 4]], "int32"), np.array([[5, 6], [7, 8]], "int32")),
    case("cross", rng.randn(3, 2).astype("float32"), rng.randn(3, 2).astype("float32"), axis=0),
    case("cross", i, np.array([[1, 0, 0], [0, 1, 0]], "int32")),
    case("cross", sq, sq[::-1].copy(), note="torch's default axis: the first of length 3"),
    case("tensordot", b3, rng.randn(3, 4, 2).astype("float32")),
    case("tensordot", a, b, axes=1),
    case("tensordot", b3, rng.randn(4, 2).astype("float32"), axes=([2], [0])),
    case("tensordot", b3, rng.randn(3, 2, 4).astype("float32"), axes=((1, 2), (0, 2))),
    case("tensordot", v3, w3, axes=0),
    case("tensordot", i, j, axes=(1, 0)),
    case("einsum", "ij,jk->ik", a, b),
    case("einsum", "ij,jk", a, b),
    case("einsum", "ii", sq),
    case("einsum", "ii->i", sq),
    case("einsum", "ij->ji", a),
    case("einsum", "bij,bjk->bik", b3, rng.randn(2, 4, 5).astype("float32")),
    case("einsum", "i,i->", v3, w3),
    case("einsum", "i,j->ij", v3, w3),
    case("einsum", "...ij,...jk->...ik", b3, rng.randn(4, 2).astype("float32")),
    case("einsum", "bhqd,bhkd->bhqk", rng.randn(1, 2, 3, 4).astype("float32"), rng.randn(1, 2, 5, 4).astype("float32")),
    case("einsum", "ij,ij,ij->i", a, a, a),
    case("einsum", "ijk->", b3),
    case("einsum", "ij,kl->ikjl", i, j),
    case("einsum", "i...->...", b3),
    case("einsum", "ab,bc,cd->ad", a, b, rng.randn(4, 2).astype("float32")),
    case("einsum", "i,i->i", i[0], i[1]),
    case("einsum", "ij,j->i", a, np.array([1.0, 2.0, 3.0], "float32")),
    case("einsum", "ij,jk->ik", a, sq[:2]),
    # diagonals and triangles
    case("diag", v3),
    case("diag", v3, k=1),
    case("diag", a, k=-1),
    case("diag", sq, k=2),
    case("diag", b3),
    case("diagflat", a),
    case("diagflat", i, k=-2),
    case("diagonal", sq),
    case("diagonal", b3, offset=1, axis1=1, axis2=2),
    case("diagonal", b3, offset=-1, axis1=-1, axis2=0),
    case("diagonal", a, offset=5),
    case("trace", sq),
    case("trace", b3, offset=1, axis1=1, axis2=2),
    case("trace", i),
    case("trace", bo, offset=-1),
    case("tril", b),
    case("tril", b3, k=-1),
    case("tril", i, k=1),
    case("triu", b),
    case("triu", b3, k=2),
    case("triu", bo, k=-1),
    case("vander", v3),
    case("vander", np.array([1, 2, 3, -1], "int32"), N=3),
    case("vander", v3, N=4, increasing=True),
    case("vander", v3, N=0),
    # padding
    case("pad", a, ((1, 2), (0, 1))),
    case("pad", i, ((1, 1), (2, 0)), constant_values=-7),
    case("pad", v3, ((2, 3),)),
    case("pad", a, ((1, 1), (2, 2)), mode="reflect"),
    case("pad", i, ((0, 1), (2, 1)), mode="symmetric"),
    case("pad", a, ((1, 0), (1, 2)), mode="circular"),
    case("pad", v3, ((1, 2),), mode="reflect"),
    case("pad", b3, ((0, 0), (1, 1), (2, 2)), mode="reflect"),
    case("pad", a, ((1, 1), (1, 1)), mode="edge"),
    case("pad", a, ((1, 1), (1, 1)), mode="reflect", constant_values=0),
    case("pad", np.zeros((0, 2), "float32"), ((1, 1), (0, 0))),
    case("pad", v3, 1, note="one width for every axis (torch pads only the last axis of an N-D x this way; Strata pads all, as Keras's output shape says)"),
    case("pad", v3, (1, 2), mode="circular"),
    # differences and integrals
    case("diff", np.array([1, 4, 9, 16, 25], "int32")),
    case("diff", b3, n=2, axis=1),
    case("diff", a, axis=0),
    case("diff", v3, n=0),
    case("diff", bo),
    case("trapezoid", np.array([1.0, 2.0, 4.0], "float32")),
    case("trapezoid", a, dx=0.5),
    case("trapezoid", a, x=np.array([0.0, 1.0, 3.0], "float32")),
    case("trapezoid", b3, axis=1),
    case("trapezoid", i, axis=0),
    case("trapezoid", bo),
    case("correlate", v3, w3),
    case("correlate", np.array([1.0, 2.0, 3.0, 4.0, 5.0], "float32"), np.array([0.0, 1.0, 0.5], "float32"), mode="same"),
    case("correlate", np.array([1.0, 2.0, 3.0, 4.0, 5.0], "float32"), np.array([0.0, 1.0, 0.5], "float32"), mode="full"),
    case("correlate", np.array([1, 2, 3], "int32"), np.array([1, 1, 1, 1, 1], "int32"), mode="valid"),
    case("correlate", np.array([1.0, 2.0], "float32"), np.array([3.0, 4.0, 5.0, 6.0], "float32"), mode="same"),
    # slogdet
    case("slogdet", sq),
    case("slogdet", rng.randn(2, 4, 4).astype("float32"), rtol=1e-4, note="LU in a different order than LAPACK"),
    case("slogdet", np.array([[0.0, 2.0], [3.0, 0.0]], "float32")),
    case("slogdet", np.array([[1.0, 2.0], [2.0, 4.0]], "float32")),
]
write("golden/numpy_arrays_products.json", cases)


def vectorize_case(name, args, signature=None):
    """ops.vectorize of one of the functions the test writes again in TypeScript (by name)."""
    functions = {
        "affine": lambda x, y: x * y + 1.0,
        "dot": lambda x, y: ops.sum(x * y),
        "outer_sum": lambda x: ops.sum(x, axis=0),
        "scale_rows": lambda m, v: m * v[:, None],
    }
    result = ops.vectorize(functions[name], signature=signature)(*args)
    return {"op": "vectorize", "namespace": "ops", "function": name, "args": encode(list(args)), "kwargs": encode({"signature": signature}), "result": encode(result)}


write("golden/numpy_arrays_vectorize.json", [
    vectorize_case("affine", [a, v3]),
    vectorize_case("affine", [np.float32(2.0), v3]),
    vectorize_case("dot", [b3, rng.randn(4).astype("float32")], signature="(n),(n)->()"),
    vectorize_case("outer_sum", [b3], signature="(m,n)->(n)"),
    vectorize_case("scale_rows", [b3, rng.randn(2, 3).astype("float32")], signature="(m,n),(m)->(m,n)"),
])
