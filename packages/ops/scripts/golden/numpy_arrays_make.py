"""Golden cases for keras.ops.numpy's creation, shape, joining, splitting and rearranging ops."""
import numpy as np

from golden_common import case, encode, write
from keras import ops

rng = np.random.RandomState(1)
a = rng.randn(2, 3).astype("float32")
b3 = rng.randn(2, 3, 4).astype("float32")
i = np.array([[1, -2, 3], [4, 5, -6]], dtype="int32")
v = np.array([1.5, -2.0, 3.25], dtype="float32")
bo = np.array([[True, False, True], [False, False, True]])
empty = np.zeros((0, 3), "float32")

cases = [
    # creation
    case("arange", 5),
    case("arange", 2, stop=9, step=3),
    case("arange", 0.5, stop=3),
    case("arange", 5, stop=0, step=-2),
    case("arange", 4, dtype="float32"),
    case("arange", 1, stop=2, step=0.25),
    case("arange", 0),
    case("array", [[1, 2], [3, 4]]),
    case("array", [1.5, 2.0]),
    case("array", i, dtype="float32"),
    case("array", [True, False]),
    case("copy", a),
    case("copy", bo),
    case("zeros", (2, 3)),
    case("zeros", (0, 2), dtype="int32"),
    case("zeros", 3, dtype="bool"),
    case("ones", (2, 1)),
    case("ones", [3], dtype="int32"),
    case("full", (2, 2), 7),
    case("full", (2, 2), 1.5),
    case("full", (3,), 2, dtype="float32"),
    case("full", (2, 3), v),
    case("full", (2,), True),
    case("zeros_like", i),
    case("zeros_like", a, dtype="int32"),
    case("ones_like", bo),
    case("ones_like", i, dtype="float32"),
    case("full_like", i, 2.5),
    case("full_like", a, 3),
    case("full_like", a, 2, dtype="int32"),
    case("eye", 3),
    case("eye", 2, M=4, k=1),
    case("eye", 3, k=-1, dtype="int32"),
    case("eye", 3, M=2, k=5),
    case("identity", 3),
    case("identity", 2, dtype="bool"),
    case("tri", 3),
    case("tri", 2, M=4, k=1, dtype="int32"),
    case("tri", 3, k=-1),
    # ranges
    case("linspace", 0, 1, num=5),
    case("linspace", 2, 3, num=4, endpoint=False),
    case("linspace", 0, 10, num=6, dtype="int32"),
    case("linspace", 0.0, 1.0, num=1),
    case("linspace", 0, 1, num=0),
    case("linspace", np.array([0, 1], "float32"), np.array([1, 3], "float32"), num=3),
    case("linspace", 0, 1, num=5, retstep=True),
    case("linspace", 0, 1, num=5, axis=1),
    case("logspace", 0, 2, num=3),
    case("logspace", 0, 3, num=3, base=2, endpoint=False),
    case("logspace", 1, 2, num=4, dtype="float32"),
    case("geomspace", 1, 1000, num=4),
    case("geomspace", 2, 32, num=4, endpoint=False),
    case("geomspace", -1, -16, num=5),
    case("meshgrid", np.array([1, 2, 3], "int32"), np.array([4.0, 5.0], "float32"), note="mixed dtypes"),
    case("meshgrid", np.array([1, 2, 3], "float32"), np.array([4.0, 5.0], "float32")),
    case("meshgrid", np.array([1, 2, 3], "int32"), np.array([4, 5], "int32"), indexing="ij"),
    case("meshgrid", np.array([1, 2], "float32"), np.array([3, 4, 5], "float32"), np.array([6.0], "float32")),
    # shape
    case("reshape", b3, (4, -1)),
    case("reshape", a, (6,)),
    case("reshape", a, -1),
    case("reshape", a, (4, -1)),
    case("reshape", empty, (3, -1, 0)),
    case("transpose", b3),
    case("transpose", b3, axes=(2, 0, 1)),
    case("transpose", b3, axes=(-1, 0, 1)),
    case("transpose", a, axes=(0, 0)),
    case("squeeze", np.zeros((1, 3, 1), "float32")),
    case("squeeze", np.ones((1, 3, 1), "int32"), axis=-1),
    case("squeeze", np.ones((1, 3, 1), "float32"), axis=(0, 2)),
    case("squeeze", a, axis=0),
    case("expand_dims", a, 0),
    case("expand_dims", a, -1),
    case("expand_dims", i, (0, 3)),
    case("expand_dims", v, 3),
    case("moveaxis", b3, 0, -1),
    case("moveaxis", b3, (0, 1), (2, 0)),
    case("swapaxes", b3, 0, 2),
    case("swapaxes", a, -1, -2),
    case("ravel", b3),
    case("ravel", np.array(2.0, "float32")),
    case("broadcast_to", v, (2, 3)),
    case("broadcast_to", np.array([[1], [2]], "int32"), (2, 2, 4)),
    case("broadcast_to", v, (4,)),
    case("ndim", b3),
    case("ndim", np.array(3.0, "float32")),
    case("size", b3),
    case("size", empty),
    case("view", np.array([1.0, -2.0, 0.5], "float32"), dtype="int32"),
    case("view", np.array([1065353216, -1073741824], "int32"), dtype="float32"),
    case("view", i, dtype="int32"),
    # joining
    case("concatenate", [a, i]),
    case("concatenate", [a, np.ones((2, 1), "float32")], axis=-1),
    case("concatenate", [empty, a]),
    case("concatenate", [a, np.ones((3, 3), "float32")], axis=1),
    case("stack", [v, v * 2]),
    case("stack", [a, i], axis=-1),
    case("stack", [a, np.ones((2, 4), "float32")]),
    case("hstack", [v, np.array([1, 2], "int32")]),
    case("hstack", [a, i]),
    case("vstack", [v, v]),
    case("vstack", [a, np.ones((1, 3), "int32")]),
    case("dstack", [v, v]),
    case("dstack", [a, i]),
    case("dstack", [b3, b3]),
    case("append", a, i),
    case("append", a, np.ones((1, 3), "float32"), axis=0),
    case("append", v, np.array([True, False])),
    case("append", a, np.ones((2, 2), "float32"), axis=0),
    # splitting
    case("split", np.arange(12, dtype="float32").reshape(6, 2), 3),
    case("split", np.arange(12, dtype="int32").reshape(2, 6), [1, 4], axis=-1),
    case("split", np.arange(12, dtype="int32").reshape(2, 6), [4, 1], axis=1),
    case("split", np.arange(7, dtype="float32"), 3),
    case("array_split", np.arange(7, dtype="float32"), 3),
    case("array_split", np.arange(12, dtype="int32").reshape(2, 6), 4, axis=1),
    case("array_split", np.arange(5, dtype="int32"), 7),
    case("hsplit", np.arange(12, dtype="float32").reshape(2, 6), 2),
    case("hsplit", np.arange(6, dtype="float32"), [2]),
    case("vsplit", np.arange(12, dtype="int32").reshape(4, 3), [1, 3]),
    case("vsplit", np.arange(12, dtype="int32").reshape(4, 3), 2),
    case("dsplit", np.arange(12, dtype="float32").reshape(1, 2, 6), 3),
    case("dsplit", np.arange(12, dtype="float32").reshape(1, 2, 6), [2, 5]),
    # rearranging
    case("flip", b3),
    case("flip", b3, axis=-1),
    case("flip", b3, axis=(0, 2)),
    case("fliplr", a),
    case("fliplr", v),
    case("fliplr", b3),
    case("flipud", i),
    case("flipud", b3),
    case("roll", v, 1),
    case("roll", a, -1),
    case("roll", a, 1, axis=1),
    case("roll", b3, (1, 2), axis=(0, -1)),
    case("rot90", a),
    case("rot90", b3, k=2, axes=(1, 2)),
    case("rot90", a, k=-1),
    case("rot90", a, k=3, axes=(1, 0)),
    case("repeat", a, 2),
    case("repeat", i, 2, axis=0),
    case("repeat", i, np.array([1, 0, 2], "int32"), axis=-1),
    case("repeat", v, np.array([2, 1, 0], "int32")),
    case("tile", v, 2),
    case("tile", a, (2, 1)),
    case("tile", v, (2, 1, 2)),
    case("tile", b3, (2,)),
]
write("golden/numpy_arrays_make.json", cases)


def shape_case(op, *args, **kwargs):
    """empty and empty_like hold uninitialized memory in Keras: only the shape and dtype are recorded."""
    record = {"op": op, "namespace": "ops", "args": encode(list(args)), "kwargs": encode(kwargs)}
    try:
        result = np.asarray(ops.convert_to_numpy(getattr(ops, op)(*args, **kwargs)))
        record.update(shape=list(result.shape), dtype=str(result.dtype))
    except Exception as error:
        record["error"] = type(error).__name__
    return record


write("golden/numpy_arrays_empty.json", [
    shape_case("empty", (2, 3)),
    shape_case("empty", [4], dtype="int32"),
    shape_case("empty", (0, 2), dtype="bool"),
    shape_case("empty_like", i),
    shape_case("empty_like", a, dtype="int32"),
    shape_case("empty_like", bo),
])
