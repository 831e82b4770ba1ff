"""Golden cases for keras.ops' element-wise unary math, rounding, the real-input complex parts and the window functions."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(1)
f = rng.randn(2, 3).astype("float32")
i = np.array([[1, -2, 3], [4, 0, -6]], dtype="int32")
b = np.array([[True, False, True], [False, False, True]])
special = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.5, -2.5, 0.5], dtype="float32")
unit = np.array([-0.99, -0.5, 0.0, 0.3, 0.9], dtype="float32")
big = np.array([1.0, 1.5, 2.0, 10.0, 0.5], dtype="float32")
empty = np.zeros((0, 2), dtype="float32")
halves = np.array([0.5, 1.5, 2.5, -0.5, -1.5, 2.675, -3.14159, 1234.5678], dtype="float32")

cases = []
general = ["abs", "absolute", "fabs", "negative", "sign", "exp", "exp2", "expm1", "square", "sin", "cos", "tan",
           "sinh", "cosh", "tanh", "arctan", "arcsinh", "deg2rad", "rad2deg", "cbrt", "sinc", "i0", "signbit",
           "ceil", "floor", "trunc", "round", "reciprocal", "sqrt", "log", "log1p", "log2", "log10",
           "real", "conj", "conjugate", "angle", "isreal"]
# `imag` is left out: on torch Keras raises for real inputs, where NumPy and Keras's jax backend give zeros,
# which Strata does (src/numpy/complex-parts.test.ts).
for op in general:
    cases.append(case(op, f))
    cases.append(case(op, i))
    cases.append(case(op, b))
    cases.append(case(op, special))
for op in ["sqrt", "log", "log1p", "log2", "log10", "reciprocal", "arccosh"]:
    cases.append(case(op, big))
for op in ["arcsin", "arccos", "arctanh", "arccosh"]:
    cases.append(case(op, unit))
    cases.append(case(op, i))
    cases.append(case(op, special))
for op in ["abs", "exp", "round", "sign"]:
    cases.append(case(op, empty))
cases.append(case("arcsin", b))

# round with decimals
for d in [0, 1, 2, -1, -2]:
    cases.append(case("round", halves, decimals=d))
cases.append(case("round", np.array([15, 25, -35, 149, 150], "int32"), decimals=-1))
cases.append(case("round", np.array([15, 25, -35, 149, 150], "int32"), decimals=1))
cases.append(case("round", i, decimals=-2))

# clip
cases.append(case("clip", f, -0.5, 0.5))
cases.append(case("clip", i, -1, 3))
cases.append(case("clip", i, -1.5, 2.5))
cases.append(case("clip", b, 0, 1))
cases.append(case("clip", special, -1.0, 1.0))
cases.append(case("clip", f, np.array([-1.0, 0.0, 0.5], "float32"), 0.8))
cases.append(case("clip", i, 2, 1))

# nan_to_num
cases.append(case("nan_to_num", special))
cases.append(case("nan_to_num", special, nan=-1.0, posinf=100.0, neginf=-100.0))
cases.append(case("nan_to_num", i, nan=1.0))
cases.append(case("nan_to_num", b))
cases.append(case("nan_to_num", special, posinf=5))

# windows
for op in ["bartlett", "blackman", "hamming", "hanning"]:
    for m in [0, 1, 2, 5, 8]:
        cases.append(case(op, m))
for m, beta in [(0, 1.0), (1, 5.0), (5, 0.0), (6, 5.0), (7, 14.0)]:
    cases.append(case("kaiser", m, beta))

write("golden/numpy_unary.json", cases)
