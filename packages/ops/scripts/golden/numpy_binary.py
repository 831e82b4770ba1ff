"""Golden cases for keras.ops' element-wise binary ops: arithmetic, comparisons, logic and bitwise ops."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(2)
f = rng.randn(2, 3).astype("float32")
f3 = rng.randn(3).astype("float32")
i = np.array([[1, -2, 3], [4, 0, -7]], dtype="int32")
i3 = np.array([2, -3, 4], dtype="int32")
b = np.array([[True, False, True], [False, False, True]])
b3 = np.array([True, False, False])
s1 = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.5, -2.5, 5.0, -7.0, 0.0, np.inf, 3.0], dtype="float32")
s2 = np.array([1.0, 2.0, np.inf, -np.inf, 2.0, 0.0, 0.5, -3.0, 2.0, 0.0, np.inf, np.nan], dtype="float32")
empty = np.zeros((0, 3), dtype="float32")

cases = []
pairs = [(f, f3), (i, i3), (i, 2), (i, 2.5), (b, b3), (b, i3), (f, i3), (s1, s2), (3, f3)]
arithmetic = ["add", "subtract", "multiply", "divide", "true_divide", "divide_no_nan", "floor_divide", "mod", "fmod",
              "power", "maximum", "minimum", "fmax", "fmin", "arctan2", "hypot", "logaddexp", "logaddexp2", "heaviside",
              "nextafter", "equal", "not_equal", "greater", "greater_equal", "less", "less_equal",
              "logical_and", "logical_or", "logical_xor"]
for op in arithmetic:
    for x1, x2 in pairs:
        cases.append(case(op, x1, x2))
    cases.append(case(op, empty, f3))
    cases.append(case(op, f, np.zeros((3, 1), "float32")))

# sign rules of mod/fmod/floor_divide with mixed signs (ints and floats)
ia = np.array([7, -7, 7, -7, 0, 5], dtype="int32")
ib = np.array([3, 3, -3, -3, 2, 5], dtype="int32")
for op in ["mod", "fmod", "floor_divide", "divide", "divide_no_nan", "power"]:
    cases.append(case(op, ia, ib))
    cases.append(case(op, ia.astype("float32"), ib.astype("float32")))
cases.append(case("divide_no_nan", np.array([1.0, 0.0, -2.0, np.nan], "float32"), np.array([0.0, 0.0, 4.0, 0.0], "float32")))
cases.append(case("divide_no_nan", np.array([3, 4, 0], "int32"), np.array([0, 2, 0], "int32")))
cases.append(case("power", np.array([2, -2, 1, 0, 3], "int32"), np.array([-1, -2, -3, 2, 0], "int32")))
cases.append(case("power", np.array([2, -2, 1, 0, 3], "int32"), -1))
cases.append(case("power", np.array([2.0, -8.0, 0.0, 4.0], "float32"), np.array([0.5, 1.0 / 3.0, -1.0, -0.5], "float32")))
cases.append(case("power", np.array([4.0, 9.0], "float32"), 0.5))

# gcd / lcm / ldexp (integer ops)
g1 = np.array([12, -18, 0, 7, 0, 100], dtype="int32")
g2 = np.array([8, 12, 5, 0, 0, -75], dtype="int32")
for op in ["gcd", "lcm"]:
    cases.append(case(op, g1, g2))
    cases.append(case(op, g1.reshape(2, 3), np.array([6, 4, 3], "int32")))
    cases.append(case(op, g1, 4))
    cases.append(case(op, f, f3))
cases.append(case("ldexp", f, np.array([1, -2, 3], "int32")))
cases.append(case("ldexp", np.array([1.5, -3.0, 0.0, np.inf], "float32"), 4))
cases.append(case("ldexp", i, np.array([1, 2, 0], "int32")))
cases.append(case("ldexp", f, f3))
cases.append(case("ldexp", b, np.array([1, 2, 3], "int32")))

# closeness
c1 = np.array([1.0, 1.0, np.nan, np.inf, -np.inf, 0.0, 1e-9], dtype="float32")
c2 = np.array([1.0 + 1e-6, 1.1, np.nan, np.inf, np.inf, 1e-9, 0.0], dtype="float32")
for op in ["isclose", "allclose"]:
    cases.append(case(op, c1, c2))
    cases.append(case(op, c1, c2, equal_nan=True))
    cases.append(case(op, c1, c2, rtol=0.2, atol=0.0))
    cases.append(case(op, f, f3))
    cases.append(case(op, i, i3, atol=2))
    cases.append(case(op, f, f))
    cases.append(case(op, i, 1.0 * i))
cases.append(case("allclose", np.array([1.0, np.nan], "float32"), np.array([1.0, np.nan], "float32"), equal_nan=True))

# predicates
for op in ["isfinite", "isinf", "isnan", "isneginf", "isposinf", "logical_not"]:
    cases.append(case(op, s1))
    cases.append(case(op, i))
    cases.append(case(op, b))
    cases.append(case(op, empty))

# isin
cases.append(case("isin", i, np.array([1, 3, -7, 9], "int32")))
cases.append(case("isin", i, np.array([1, 3, -7, 9], "int32"), invert=True))
cases.append(case("isin", s1, np.array([np.nan, np.inf, 0.0, 3.0], "float32")))
cases.append(case("isin", f, f.reshape(-1)[:2]))
cases.append(case("isin", i, np.array([1.0, 3.5], "float32")))
cases.append(case("isin", i, np.array([[4, 0]], "int32"), assume_unique=True))
cases.append(case("isin", b, np.array([True], "bool")))
cases.append(case("isin", empty, f3))
cases.append(case("isin", i, np.zeros((0,), "int32")))

# bitwise
u1 = np.array([[12, -5, 0], [255, 7, -1]], dtype="int32")
u2 = np.array([10, 3, -8], dtype="int32")
for op in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
    cases.append(case(op, u1, u2))
    cases.append(case(op, u1, 6))
    cases.append(case(op, b, b3))
    cases.append(case(op, b, i3))
    cases.append(case(op, f, f3))
for op in ["bitwise_not", "bitwise_invert"]:
    cases.append(case(op, u1))
    cases.append(case(op, b))
    cases.append(case(op, f))
sh = np.array([0, 1, 3, 31, 4, 2], dtype="int32")
for op in ["bitwise_left_shift", "left_shift", "bitwise_right_shift", "right_shift"]:
    cases.append(case(op, u1.reshape(-1), sh))
    cases.append(case(op, u1, 2))
    cases.append(case(op, u1, np.array([1, 2, 3], "int32")))
    cases.append(case(op, f, i3))
    cases.append(case(op, b, np.array([1, 0, 2], "int32")))

write("golden/numpy_binary.json", cases)
