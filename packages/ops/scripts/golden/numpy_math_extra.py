"""More golden cases for keras.ops' numpy math: 0-d inputs, Python scalars and lists, and further edge values."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(4)
f = rng.randn(3, 4).astype("float32")
i = np.array([[5, -3, 0, 8], [-9, 2, 7, -1]], dtype="int32")
zero_d = np.array(2.5, dtype="float32")

# JSON (and JavaScript) cannot tell the Python float 2.0 from the int 2, so float arguments here are never whole numbers.
cases = [
    case("add", 2, 3),
    case("divide", 7, 2),
    case("floor_divide", -7, 2),
    case("exp", 1),
    case("sqrt", zero_d),
    case("sum", zero_d),
    case("mean", zero_d),
    case("max", zero_d),
    case("argmax", zero_d),
    case("cumsum", zero_d),
    case("median", zero_d),
    case("var", zero_d),
    case("round", zero_d),
    case("logical_and", True, np.array([True, False])),
    case("equal", [1, 2, 3], [1.0, 2.5, 3.0]),
    case("maximum", [1, 5], 3),
    case("mod", i, -4),
    case("fmod", i, -4),
    case("floor_divide", i, -4),
    case("power", f, -1),
    case("power", i, 0),
    case("quantile", f, [0.1, 0.9], axis=0),
    case("percentile", f, [10.0, 90.0], axis=-1, keepdims=True),
    case("max", f, keepdims=True),
    case("min", i, axis=-1, keepdims=True, initial=0),
    case("count_nonzero", i, axis=-1),
    case("average", f, axis=(0, 1)),
    case("average", i, axis=0, weights=np.array([[1.0], [3.0]], "float32")),
    case("cumprod", i, axis=-1),
    case("nan_to_num", i, posinf=3),
    case("round", np.array([1.23456, -9.87654], "float32"), decimals=3),
    case("round", np.array([12345.678, -0.0049], "float32"), decimals=-3),
    case("sign", np.array([-0.0, 0.0, -3.0], "float32")),
    case("clip", np.array([1, 5, 9], "int32"), 2.5, 6),
    case("isin", 3, np.array([1, 2, 3], "int32")),
    case("argmin", f, axis=-2),
    case("std", i, axis=(0, 1), keepdims=True),
    case("nanmean", np.array([np.nan], "float32")),
    case("nansum", np.array([[np.nan, np.nan]], "float32"), axis=1),
    case("nanprod", np.array([[np.nan, np.nan]], "float32"), axis=1),
    case("nanargmin", np.array([np.nan, np.nan], "float32")),
    case("nanmedian", np.array([[1.0, np.nan, 3.0, 5.0]], "float32"), axis=(0, 1)),
    case("nanquantile", np.array([[np.nan, 2.0], [np.nan, np.nan]], "float32"), [0.0, 1.0], axis=1),
    case("arctan2", np.array([0.0, -0.0, 1.0, -1.0], "float32"), np.array([-1.0, -1.0, 0.0, 0.0], "float32")),
    case("hypot", np.array([3e30, 0.0, np.inf], "float32"), np.array([4e30, 0.0, 1.0], "float32")),
    case("logaddexp", np.array([100.0, -100.0, np.inf, -np.inf], "float32"), np.array([100.0, -100.0, np.inf, -np.inf], "float32")),
    case("lcm", np.array([4, 6], "int32"), np.array([[6], [10]], "int32")),
    case("bitwise_and", np.array([True, False]), 1),
    case("right_shift", np.array([-8, -1, 1024], "int32"), 2),
    case("left_shift", np.array([1, -1], "int32"), np.array([30, 4], "int32")),
    case("sinc", np.array([0.5, -1.5, 1e-8], "float32")),
    case("i0", np.array([3.75, 3.8, 20.0, -10.0], "float32")),
    case("corrcoef", np.array([[1.0, 2.0, 4.0], [-1.0, -2.0, -4.0], [3.0, 1.0, 2.0]], "float32")),
]
write("golden/numpy_math_extra.json", cases)
