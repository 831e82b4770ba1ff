"""Golden cases for keras.ops' reductions, statistics, NaN-ignoring reductions and cumulative ops."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(3)
f = rng.randn(2, 3, 4).astype("float32")
f2 = rng.randn(3, 4).astype("float32")
i = np.array([[1, -2, 3, 0], [4, 0, -7, 5], [2, 2, -1, 6]], dtype="int32")
b = np.array([[True, False, True], [False, False, True]])
empty = np.zeros((0, 3), dtype="float32")
nanx = np.array([[1.0, np.nan, 3.0, -2.0], [np.nan, np.nan, np.nan, np.nan], [0.5, 4.0, np.nan, -1.0]], dtype="float32")
special = np.array([[1.0, np.inf, -2.0], [np.nan, 0.0, -np.inf]], dtype="float32")
ties = np.array([[3, 1, 3, 1], [2, 2, 2, 2], [0, 5, 5, 0]], dtype="int32")

cases = []
basic = ["sum", "prod", "max", "min", "amax", "amin", "mean", "all", "any", "ptp", "var", "std", "median"]
for op in basic:
    cases.append(case(op, f))
    cases.append(case(op, f, axis=-1))
    cases.append(case(op, f, axis=(0, 2), keepdims=True))
    cases.append(case(op, i, axis=0))
    cases.append(case(op, i))
    cases.append(case(op, b, axis=1))
    cases.append(case(op, special, axis=1))
    cases.append(case(op, empty, axis=0))
    cases.append(case(op, empty, axis=1))
    cases.append(case(op, f2, axis=3))
cases.append(case("max", empty, axis=0, initial=-1.0))
cases.append(case("max", i, axis=1, initial=4))
cases.append(case("min", i, initial=-10))
cases.append(case("min", f2, axis=0, initial=0.0, keepdims=True))
cases.append(case("max", empty))
cases.append(case("prod", i, axis=1, dtype="float32"))
cases.append(case("prod", b, dtype="int32"))
cases.append(case("median", np.array([[1.0, 3.0, 2.0, 4.0]], "float32"), axis=-1))
cases.append(case("median", np.array([[1.0, np.nan, 2.0]], "float32"), axis=1))

for op in ["argmax", "argmin"]:
    cases.append(case(op, f))
    cases.append(case(op, f, axis=1))
    cases.append(case(op, f, axis=-1, keepdims=True))
    cases.append(case(op, ties, axis=1))
    cases.append(case(op, ties, axis=0))
    cases.append(case(op, special, axis=1))
    cases.append(case(op, b, axis=0))
    cases.append(case(op, ties, keepdims=True))
    cases.append(case(op, empty, axis=1))
    cases.append(case(op, empty))

cases.append(case("count_nonzero", i))
cases.append(case("count_nonzero", i, axis=0))
cases.append(case("count_nonzero", special, axis=(0, 1)))
cases.append(case("count_nonzero", b, axis=-1))
cases.append(case("count_nonzero", empty, axis=0))

# average
cases.append(case("average", f))
cases.append(case("average", f, axis=1))
cases.append(case("average", f2, axis=1, weights=np.array([1.0, 2.0, 0.0, 1.0], "float32")))
cases.append(case("average", f2, axis=0, weights=np.array([1.0, 2.0, 3.0], "float32")))
cases.append(case("average", i, axis=1, weights=np.array([1, 1, 2, 0], "int32")))
cases.append(case("average", i))
cases.append(case("average", f2, weights=rng.rand(3, 4).astype("float32")))
cases.append(case("average", f2, axis=-1, weights=rng.rand(3, 4).astype("float32")))
cases.append(case("average", b, axis=0))

# quantiles
qs = np.array([0.0, 0.3, 0.5, 1.0], "float32")
for method in ["linear", "lower", "higher", "midpoint", "nearest"]:
    cases.append(case("quantile", f2, 0.4, axis=1, method=method))
    cases.append(case("quantile", i, qs, axis=0, method=method))
    cases.append(case("percentile", f2, 70.0, method=method))
cases.append(case("quantile", f, 0.25, axis=(0, 2), keepdims=True))
cases.append(case("quantile", f2, qs))
cases.append(case("quantile", f2, qs, axis=-1, keepdims=True))
cases.append(case("quantile", special, 0.5, axis=1))
cases.append(case("quantile", f2, 1.5))
cases.append(case("percentile", i, np.array([10.0, 50.0, 90.0], "float32"), axis=1))
cases.append(case("percentile", f2, 25, axis=0, keepdims=True))
cases.append(case("percentile", f2, 150.0))
cases.append(case("quantile", np.array([1, 2, 3, 4], "int32"), 0.5, method="midpoint"))

# corrcoef
cases.append(case("corrcoef", f2))
cases.append(case("corrcoef", i))
cases.append(case("corrcoef", f2[0]))
cases.append(case("corrcoef", np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 2.0]], "float32")))

# cumulative
for op in ["cumsum", "cumprod", "nancumsum", "nancumprod"]:
    cases.append(case(op, f2))
    cases.append(case(op, f2, axis=1))
    cases.append(case(op, f, axis=-2))
    cases.append(case(op, i, axis=0))
    cases.append(case(op, b, axis=1))
    cases.append(case(op, nanx, axis=1))
    cases.append(case(op, i, axis=1, dtype="float32"))
    cases.append(case(op, empty, axis=0))
    cases.append(case(op, f2, axis=2))

# NaN-ignoring reductions
nanops = ["nansum", "nanprod", "nanmax", "nanmin", "nanmean", "nanvar", "nanstd", "nanmedian", "nanargmax", "nanargmin"]
for op in nanops:
    cases.append(case(op, nanx))
    cases.append(case(op, nanx, axis=1))
    cases.append(case(op, nanx, axis=0, keepdims=True))
    cases.append(case(op, nanx[[0, 2]], axis=-1))
    cases.append(case(op, f, axis=(0, 1)) if "arg" not in op else case(op, f, axis=1))
    cases.append(case(op, i, axis=1))
    cases.append(case(op, b, axis=0))
    cases.append(case(op, special))
    cases.append(case(op, empty, axis=1))
for op in ["nanquantile", "nanpercentile"]:
    q = 0.3 if op == "nanquantile" else 30.0
    qv = qs if op == "nanquantile" else qs * 100
    for method in ["linear", "lower", "higher", "midpoint", "nearest"]:
        cases.append(case(op, nanx, q, axis=1, method=method))
    cases.append(case(op, nanx, qv, axis=0))
    cases.append(case(op, nanx, q))
    cases.append(case(op, nanx, q, axis=1, keepdims=True))
    cases.append(case(op, i, q, axis=1))
    cases.append(case(op, f2, qv, axis=-1))

write("golden/numpy_reductions.json", cases)
