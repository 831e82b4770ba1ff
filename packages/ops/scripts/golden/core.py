"""Golden cases for keras.ops core ops that take no function arguments, and einops' rearrange."""
import numpy as np

from golden_common import case, ops, write

rng = np.random.RandomState(1)
a = rng.randn(2, 3).astype("float32")
cube = rng.randn(2, 3, 4).astype("float32")
i = np.array([[1, -2, 3], [4, 5, -6]], dtype="int32")
b = np.array([True, False, True])
wide = np.array([-1.7, -0.2, 0.0, 0.6, 3.9, 300.5, -300.0, np.inf, -np.inf], dtype="float32")
big = np.array([-40000, -129, -1, 0, 127, 200, 300, 70000], dtype="int32")

cases = [
    case("cast", a, "int32"),
    case("cast", wide[:7], "int32", note="truncation toward zero"),
    case("cast", i, "float32"),
    case("cast", i, "bool"),
    case("cast", b, "float32"),
    case("cast", big, "uint8", note="wraps around"),
    case("cast", big, "int8", note="wraps around"),
    case("cast", big, "int16"),
    case("saturate_cast", wide, "uint8"),
    case("saturate_cast", wide, "int8"),
    # Keras 3.15.1 sends +inf and values past 2^31 to int32's minimum (its float32 bound rounds to 2^31 and the
    # cast overflows); Strata saturates them to the largest float32 below 2^31 instead, tested apart.
    case("saturate_cast", wide[:7], "int32"),
    case("saturate_cast", big, "uint8"),
    case("saturate_cast", big, "int16"),
    # saturate_cast(int32 -> float32) is left out: Keras 3.15.1 returns -2^31 everywhere (its bound overflows).
    case("saturate_cast", b, "int32"),
    case("convert_to_tensor", [[1, 2], [3, 4]]),
    case("convert_to_tensor", [1, 2.5]),
    case("convert_to_tensor", 3.5),
    case("convert_to_tensor", 7),
    case("convert_to_tensor", [True, False]),
    case("convert_to_tensor", a, dtype="int32"),
    case("convert_to_tensor", [1, 2], dtype="float32"),
    case("convert_to_tensor", a, sparse=True),
    case("is_tensor", ops.convert_to_tensor(a)),
    case("is_tensor", 3),
    case("dtype", a),
    case("dtype", i),
    case("dtype", b),
    case("shape", cube),
    case("shape", np.zeros((0, 3), "float32")),
    case("stop_gradient", ops.convert_to_tensor(a)),
    case("stop_gradient", ops.convert_to_tensor(i)),
    case("unstack", ops.convert_to_tensor(cube)),
    case("unstack", ops.convert_to_tensor(cube), axis=-1),
    case("unstack", ops.convert_to_tensor(i), axis=1, num=3),
    case("slice", cube, [0, 1, 1], [2, 2, 3]),
    case("slice", i, [1, 0], [1, 3]),
    case("slice", cube, [1, 2, 2], [5, 5, 5], note="runs past the end: cut short"),
    case("slice", cube, np.array([0, 1, 0], "int32"), [1, 2, 4]),
    case("slice_update", cube, [0, 1, 1], np.ones((2, 2, 3), "float32")),
    case("slice_update", i, [1, 1], np.array([[7, 8]], "int32")),
    case("slice_update", i, [0, 0], np.array([[0.5, 1.5]], "float32"), note="updates take the inputs' dtype"),
    case("slice_update", b, [1], np.array([True, False])),
    case("scatter", np.array([[0, 1], [1, 1]], "int32"), np.array([1.0, 2.0], "float32"), (2, 2)),
    case("scatter", np.array([[0], [2], [0]], "int32"), np.array([[1, 2], [3, 4], [5, 6]], "int32"), (3, 2), note="repeated index adds"),
    case("scatter", np.array([[[1, 0]], [[0, 2]]], "int32"), np.array([[1.5], [2.5]], "float32"), (2, 3)),
    case("scatter_update", np.zeros((4, 4), "float32"), np.array([[1, 2], [0, 3]], "int32"), np.array([1.0, 2.0], "float32")),
    case("scatter_update", np.zeros((3, 4), "int32"), np.array([[1], [2]], "int32"), np.array([[1, 2, 3, 4], [5, 6, 7, 8]], "int32")),
    case("scatter_update", np.zeros((4,), "float32"), np.array([[0], [0], [1]], "int32"), np.array([1.0, 2.0, 3.0], "float32"), reduction="add"),
    case("scatter_update", np.ones((4,), "float32"), np.array([[0], [0], [3]], "int32"), np.array([5.0, 2.0, -1.0], "float32"), reduction="max"),
    case("scatter_update", np.ones((4,), "float32"), np.array([[0], [0], [3]], "int32"), np.array([5.0, 2.0, -1.0], "float32"), reduction="min"),
    case("scatter_update", np.full((4,), 2.0, "float32"), np.array([[0], [0], [3]], "int32"), np.array([5.0, 2.0, -1.0], "float32"), reduction="mul"),
    case("scatter_update", np.zeros((4,), "float32"), np.array([[0]], "int32"), np.array([1.0], "float32"), reduction="sum"),
    case("rearrange", cube, "b h w -> b w h"),
    case("rearrange", cube, "b h w -> (b h) w"),
    case("rearrange", cube, "b h w -> h (b w)"),
    case("rearrange", rng.randn(2, 4, 6, 3).astype("float32"), "b (h1 h) (w1 w) c -> (b h1 w1) h w c", h1=2, w1=2),
    case("rearrange", rng.randn(2, 4, 6, 3).astype("float32"), "b (h h1) (w w1) c -> b h w (c h1 w1)", h1=2, w1=3),
    case("rearrange", i, "a b -> (b a)"),
]
write("golden/core.json", cases)
