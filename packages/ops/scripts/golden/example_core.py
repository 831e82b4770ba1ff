"""Golden cases for the ops the package skeleton ships (add, sum): the pattern each family script follows."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(0)
a = rng.randn(2, 3).astype("float32")
b = rng.randn(3).astype("float32")
i = np.array([[1, -2, 3], [4, 5, -6]], dtype="int32")

cases = [
    case("add", a, b),
    case("add", i, 3),
    case("add", i, 0.5),
    case("add", np.array([np.nan, np.inf, -np.inf], dtype="float32"), np.float32(1)),
    case("sum", a),
    case("sum", a, axis=-1, keepdims=True),
    case("sum", i, axis=0),
    case("sum", np.zeros((0, 3), "float32"), axis=0),
    case("sum", a, axis=(0, 1)),
]
write("golden/example_core.json", cases)
