"""Golden cases for keras.ops.nn's activations and softmax family (src/nn/activations.ts, piecewise-activations.ts, softmax.ts)."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(1)
x = (rng.randn(2, 5) * 3).astype("float32")
edges = np.array([-np.inf, -30.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 30.0, np.inf, np.nan], dtype="float32")
ints = np.array([-3, -1, 0, 1, 3, 7], dtype="int32")
empty = np.zeros((0, 3), "float32")
NS = "ops.nn"

cases = []
# Ops that torch also runs on int32 (keeping int32 or computing in float32).
for op in ["relu", "relu6", "sigmoid", "softsign", "sparse_sigmoid", "sparse_plus", "squareplus", "tanh_shrink", "hard_tanh"]:
    cases += [case(op, x, namespace=NS), case(op, edges, namespace=NS), case(op, ints, namespace=NS)]
for op in ["softplus", "silu", "swish", "log_sigmoid", "leaky_relu", "hard_sigmoid", "hard_silu", "hard_swish", "elu", "selu", "gelu", "celu", "soft_shrink", "hard_shrink"]:
    cases += [case(op, x, namespace=NS), case(op, edges, namespace=NS), case(op, empty, namespace=NS)]
cases += [
    case("squareplus", x, b=0.5, namespace=NS),
    case("leaky_relu", x, negative_slope=0.01, namespace=NS),
    case("elu", x, alpha=0.3, namespace=NS),
    case("celu", x, alpha=2.0, namespace=NS),
    case("gelu", x, approximate=False, namespace=NS),
    case("soft_shrink", x, threshold=2.0, namespace=NS),
    case("hard_shrink", x, threshold=2.0, namespace=NS),
    case("glu", x[:, :4], namespace=NS),
    case("glu", x.reshape(2, 5, 1).repeat(2, axis=0).reshape(4, 5), axis=0, namespace=NS),
    case("glu", x, namespace=NS),  # odd size: torch raises
    case("threshold", x, 0.5, -2.0, namespace=NS),
    case("threshold", ints, 0, 9, namespace=NS),
    case("threshold", edges, 1.0, 0.0, namespace=NS),
]
# softmax family
t3 = rng.randn(2, 3, 4).astype("float32")
for op in ["softmax", "log_softmax"]:
    cases += [
        case(op, x, namespace=NS),
        case(op, t3, axis=1, namespace=NS),
        case(op, t3, axis=-3, namespace=NS),
        case(op, t3, axis=None, namespace=NS),
        case(op, t3, axis=(0, 2), namespace=NS),
        case(op, np.array([[1000.0, 0.0, -1000.0], [-np.inf, 0.0, 1.0]], "float32"), namespace=NS),
        case(op, t3, axis=3, namespace=NS),
    ]
cases += [
    case("sparsemax", x, namespace=NS),
    case("sparsemax", t3, axis=1, namespace=NS),
    case("sparsemax", np.array([[1.0, 0.8, 0.1], [0.0, 0.0, 0.0], [5.0, -5.0, 1.0]], "float32"), namespace=NS),
    case("sparsemax", ints, namespace=NS),
]
write("golden/nn_activations.json", cases)
