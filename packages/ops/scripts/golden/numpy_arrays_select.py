"""Golden cases for keras.ops.numpy's indexing, get_item, sorting, searching and counting ops."""
import numpy as np

from golden_common import case, encode, write
from keras import ops

rng = np.random.RandomState(2)
a = rng.randn(3, 4).astype("float32")
b3 = rng.randn(2, 3, 4).astype("float32")
i = np.array([[3, -2, 3, 0], [4, 5, -6, 1], [0, 2, 2, 7]], dtype="int32")
v = np.array([1.5, -2.0, 3.25, 0.0, np.nan], dtype="float32")
bo = np.array([[True, False, True, False], [False, False, True, True], [False, False, False, False]])
empty = np.zeros((0, 4), "float32")


def item_case(x, key, ts_key, note=None):
    """`get_item` with Strata's key form recorded: a list is a tuple of per-axis keys, a dict a slice, None a new
    axis, "..." the ellipsis, a tensor an advanced (integer or boolean) index. Keras runs the same key in Python."""
    record = {"op": "get_item", "namespace": "ops", "args": [encode(x), encode(ts_key)], "kwargs": {}}
    if note:
        record["note"] = note
    try:
        record["result"] = encode(ops.get_item(ops.convert_to_tensor(x), key))
    except Exception as error:
        record["error"] = type(error).__name__
    return record


def sl(start=None, stop=None, step=None):
    return {key: value for key, value in (("start", start), ("stop", stop), ("step", step)) if value is not None}


cases = [
    item_case(a, 1, 1),
    item_case(a, -1, -1),
    item_case(b3, (1, 2), [1, 2]),
    item_case(b3, (0, 1, -1), [0, 1, -1], note="a scalar"),
    item_case(b3, slice(None, None, 2), sl(step=2)),
    item_case(a, (slice(1, None), slice(None, -1)), [sl(start=1), sl(stop=-1)]),
    item_case(a, (slice(-10, 10, 3), 2), [sl(-10, 10, 3), 2]),
    item_case(b3, (Ellipsis, 1), ["...", 1]),
    item_case(b3, (0, Ellipsis, slice(1, 3)), [0, "...", sl(1, 3)]),
    item_case(a, (None, slice(None), None, 0), [None, sl(), None, 0]),
    item_case(a, (slice(3, 1),), [sl(3, 1)], note="an empty slice"),
    item_case(a, 5, 5, note="out of range"),
    item_case(a, np.array([2, 0, -1], "int32"), np.array([2, 0, -1], "int32")),
    item_case(b3, (slice(None), np.array([[0, 2], [1, 1]], "int32")), [sl(), np.array([[0, 2], [1, 1]], "int32")]),
    item_case(a, a > 0, a > 0, note="a boolean mask"),
    item_case(b3, (1, np.array([True, False, True])), [1, np.array([True, False, True])]),
    item_case(b3, (0, slice(None), np.array([1, 3], "int32")), [0, sl(), np.array([1, 3], "int32")], note="an integer is a basic index in torch"),
    item_case(b3, (slice(None), np.array([0, 2], "int32"), np.array([[1], [3]], "int32")), [sl(), np.array([0, 2], "int32"), np.array([[1], [3]], "int32")], note="adjacent advanced indices"),
    item_case(b3, (None, Ellipsis, None), [None, "...", None]),
    item_case(b3, (0, 0, 0, 0), [0, 0, 0, 0], note="too many indices"),
    item_case(np.zeros((0, 3), "float32"), (slice(None), 1), [sl(), 1], note="an empty axis"),
    # take, take_along_axis
    case("take", a, np.array([0, 5, 11], "int32"), note="flattened; torch wraps negative indices by the first axis here, a Keras bug Strata does not copy"),
    case("take", a, np.array([[2, 0], [1, -1]], "int32"), axis=1),
    case("take", a, np.array([1, 0], "int32"), axis=0),
    case("take", b3, np.array([0, -3], "int32"), axis=-2),
    case("take", a, 2, axis=-1),
    case("take", bo, np.array([0, 1], "int32"), axis=1),
    case("take_along_axis", a, np.array([[0], [3], [-1]], "int32"), axis=1),
    case("take_along_axis", a, np.array([[2, 1, 0, 0]], "int32"), axis=0),
    case("take_along_axis", a, np.array([3, 0, 11], "int32")),
    case("take_along_axis", b3, np.argsort(b3, axis=-1).astype("int32"), axis=-1),
    # where, select, nonzero
    case("where", bo, x1=a, x2=i),
    case("where", bo, x1=1, x2=a),
    case("where", bo, x1=2, x2=3),
    case("where", np.array([1, 0, 2], "int32"), x1=v[:3], x2=np.float32(0)),
    case("where", bo),
    case("where", np.array([[0.0, 1.5], [np.nan, 0.0]], "float32")),
    case("select", [a > 0, a < -1], [a, i]),
    case("select", [bo], [i], default=-1),
    case("select", [np.array([True, False, True]), np.array([True, True, False])], [np.array([1, 2, 3], "int32"), np.array([4, 5, 6], "int32")], default=9),
    case("nonzero", i),
    case("nonzero", v),
    case("nonzero", empty),
    case("nonzero", bo),
    case("unravel_index", np.array([0, 5, 11], "int32"), (3, 4)),
    case("unravel_index", np.array([[7, 23]], "int32"), (2, 3, 4)),
    case("unravel_index", 5, (2, 3)),
    # sorting
    case("sort", a),
    case("sort", a, axis=0),
    case("sort", v),
    case("sort", i, axis=None),
    case("sort", bo, axis=-1),
    case("argsort", a),
    case("argsort", i, axis=0),
    case("argsort", np.array([3, 1, 3, 1, 2], "int32")),
    case("argsort", i, axis=None),
    case("argsort", v),
    case("argsort", bo, axis=1),
    case("searchsorted", np.array([1.0, 2.0, 2.0, 5.0], "float32"), np.array([[0.5, 2.0], [2.5, 9.0]], "float32")),
    case("searchsorted", np.array([1, 2, 2, 5], "int32"), np.array([2, 5, 6, 0], "int32"), side="right"),
    case("searchsorted", a, np.array([0.0], "float32")),
    case("digitize", np.array([0.2, 6.4, 3.0, 1.6, -1.0], "float32"), np.array([0.0, 1.0, 2.5, 4.0, 10.0], "float32")),
    case("digitize", i, np.array([0, 3, 5], "int32")),
    case("digitize", np.array([True, False]), np.array([0.5], "float32")),
    # counting
    case("bincount", np.array([0, 1, 1, 3, 2, 1, 7], "int32")),
    case("bincount", np.array([0, 1, 1, 3], "int32"), weights=np.array([0.5, 1.0, 2.0, -1.0], "float32"), minlength=6),
    case("bincount", np.array([[1, 1, 0], [2, 0, 2]], "int32"), minlength=4),
    case("bincount", np.array([], "int32")),
    case("histogram", np.array([0.0, 0.1, 0.5, 0.9, 1.0, 0.5], "float32"), bins=4),
    case("histogram", a.reshape(-1), bins=3, range=(-1.0, 1.0)),
    case("histogram", np.array([1.0, 2.0, 2.0, 3.0], "float32")),
    case("histogram", np.array([2.0, 2.0], "float32"), bins=2),
    case("histogram", np.array([1.0, 2.0, 2.0, 3.0], "float32"), bins=2, range=(2.0, 2.5)),
    case("unique", np.array([3, 1, 2, 3, 1, 1], "int32")),
    case("unique", np.array([3, 1, 2, 3, 1, 1], "int32"), return_inverse=True, return_counts=True),
    case("unique", np.array([2.5, -1.0, 2.5, 0.0], "float32"), return_index=True),
    case("unique", np.array([[3, 1], [2, 3]], "int32"), return_inverse=True, return_counts=True),
    case("unique", np.array([3, 1, 2, 3], "int32"), return_index=True, return_inverse=True, return_counts=True),
    case("unique", np.array([3, 1, 2, 3, 1, 1], "int32"), size=5, fill_value=-1, return_counts=True),
    case("unique", np.array([3, 1, 2, 3, 1, 1], "int32"), size=2, return_index=True),
    case("unique", np.array([[1, 2], [0, 5], [1, 2]], "int32"), axis=0, return_inverse=True),
    case("unique", np.array([[1, 0, 1], [2, 5, 2]], "int32"), axis=1, return_counts=True),
    case("unique", np.array([True, False, True])),
    case("unique", np.zeros((0,), "int32"), return_counts=True),
    case("unique", np.array([2.0, -0.0, 0.0, 2.0, -1.5], "float32"), return_inverse=True),
    case("unique", np.array([np.nan, 1.0, np.nan, -0.0, 0.0, np.inf], "float32"), return_inverse=True, return_counts=True, note="each NaN is its own element, last"),
    # more edge values
    case("sort", empty, axis=0),
    case("sort", np.array([[np.inf, -np.inf, 0.0], [np.nan, 1.0, -np.inf]], "float32"), axis=-1),
    case("argsort", np.array([[np.inf, np.nan, -1.0, np.nan], [1.0, 1.0, -0.0, 0.0]], "float32")),
    case("argsort", empty, axis=-1),
    case("take", empty, np.array([1, 2], "int32"), axis=1),
    case("take", a, np.zeros((0,), "int32"), axis=0),
    case("take_along_axis", np.ones((1, 4), "float32"), np.array([[0], [3], [1]], "int32"), axis=1),
    case("where", bo, x1=np.array([True, False, True, False]), x2=np.array(False)),
    case("where", empty > 0, x1=empty, x2=0.5),
    case("select", [np.array([False, False])], [np.array([1.5, 2.5], "float32")]),
    case("nonzero", np.array(3.0, "float32")),
    case("searchsorted", np.array([0.0, 1.0, np.inf], "float32"), np.array([-np.inf, np.inf, 0.5], "float32")),
    case("searchsorted", np.array([1, 3, 5], "int32"), np.array([2.5, 3.0], "float32")),
    case("digitize", np.zeros((0,), "float32"), np.array([0.0, 1.0], "float32")),
    case("bincount", np.array([2, 2, 0], "int32"), weights=np.array([True, False, True])),
    case("histogram", np.zeros((0,), "float32"), bins=3, range=(0.0, 1.0)),
]
write("golden/numpy_arrays_select.json", cases)


def partition_case(x, kth, axis=-1):
    """argpartition's order within each side of kth is unspecified (torch's topk decides it), so the golden records
    the partitioned values with each side sorted: any valid partition gives the same."""
    order = np.asarray(ops.convert_to_numpy(ops.argpartition(x, kth, axis=axis)))
    values = np.take_along_axis(x.astype("int32"), order, axis=axis)
    moved = np.moveaxis(values, axis, -1)
    canonical = np.concatenate([np.sort(moved[..., :kth], axis=-1), moved[..., kth:kth + 1], np.sort(moved[..., kth + 1:], axis=-1)], axis=-1)
    return {"op": "argpartition", "namespace": "ops", "args": [encode(x), kth], "kwargs": {"axis": axis}, "result": encode(np.moveaxis(canonical, -1, axis)), "dtype": str(order.dtype)}


write("golden/numpy_arrays_partition.json", [
    partition_case(np.array([3, 1, 7, 4, 9, 0], "int32"), 2),
    partition_case(i, 1, axis=0),
    partition_case(a * 3, 0, axis=-1),
    partition_case(np.array([[5, 5, 1, 5, 2], [0, 0, 0, 1, 0]], "int32"), 3, axis=1),
])
