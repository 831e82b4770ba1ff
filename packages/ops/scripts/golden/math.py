"""Golden cases for keras.ops.math (src/math/*.ts) and keras.ops.nn.polar."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(6)
f = lambda *shape: rng.randn(*shape).astype("float32")  # noqa: E731

x = f(2, 5)
ints = np.array([[1, -2, 3], [4, 0, -6]], "int32")
cases = []
# special functions
grid = np.array([-np.inf, -5.0, -2.5, -1.0, -0.3, -1e-3, 0.0, 1e-4, 0.2, 0.9, 1.7, 2.0, 3.0, 4.5, 9.0, np.inf, np.nan], "float32")
cases += [
    case("rsqrt", np.abs(x) + 0.1),
    case("rsqrt", np.array([0.0, -1.0, np.inf, 1e-30, 4.0], "float32")),
    case("rsqrt", np.array([1, 4, 9], "int32")),
    case("rsqrt", np.array([True, False])),
    case("erf", grid),
    case("erf", x),
    case("erf", ints),
    case("erfc", grid),
    case("erfc", x),
    case("erfc", np.array([1, -3, 0], "int32")),
    case("erfinv", np.array([-1.0, -0.999, -0.9, -0.5, -1e-3, 0.0, 1e-5, 0.3, 0.75, 0.99, 0.99999, 1.0, 1.5, np.nan], "float32")),
    case("erfinv", np.tanh(x)),
    case("erfinv", np.array([0, 1, -1, 2], "int32")),
]
# reductions
cases += [
    case("logsumexp", x),
    case("logsumexp", np.array([1, 2, 3], "int32")),
    case("logsumexp", np.zeros((0,), "float32")),
    case("logsumexp", x, axis=-1),
    case("logsumexp", f(2, 3, 4), axis=(0, 2), keepdims=True),
    case("logsumexp", np.array([[1000.0, 1000.0], [-np.inf, -np.inf], [np.inf, 1.0]], "float32"), axis=1),
    case("logdet", np.array([[2.0, 1.0], [1.0, 3.0]], "float32")),
    case("logdet", (f(3, 4, 4) + 4 * np.eye(4, dtype="float32"))),
    case("logdet", np.array([[[1.0, 2.0], [2.0, 4.0]], [[0.0, 1.0], [1.0, 0.0]], [[0.0, 2.0], [3.0, 1.0]]], "float32"), note="singular, negative, pivoting"),
    case("logdet", f(2, 5, 5)),
    case("cdist", f(4, 3), f(5, 3)),
    case("cdist", f(2, 3, 2), f(2, 4, 2)),
    case("cdist", f(3, 2), f(3, 3)),
    case("cdist", f(3), f(3)),
    case("cdist", np.array([[1, 2]], "int32"), np.array([[4, 6], [1, 2]], "int32")),
]
# top_k / in_top_k
tie = np.array([[1.0, 3.0, 3.0, 2.0, 0.0], [5.0, -1.0, np.inf, -np.inf, 2.0]], "float32")
cases += [
    case("top_k", x, 3),
    case("top_k", tie, 2),
    case("top_k", ints, 1),
    case("top_k", f(2, 3, 4), 4),
    case("top_k", x, 6),
    case("top_k", np.array([1.0, np.nan, 3.0, np.inf, -np.inf], "float32"), 3, note="NaN ranks first, as in torch"),
    case("top_k", x, 0),
    case("in_top_k", np.array([0, 3, 4], "int32"), np.array([[0.1, 0.5, 0.2, 0.2, 0.0], [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]], "float32"), 2),
    case("in_top_k", np.array([1, 0], "int32"), x, 1),
    case("in_top_k", np.array([0, 1], "int32"), np.array([[np.nan, 2.0], [3.0, 4.0]], "float32"), 1),
    case("in_top_k", np.array([0, 1], "int32"), np.array([[1.0, 2.0], [3.0, 4.0]], "float32"), 0),
    case("in_top_k", np.array([2, 3], "int32"), np.array([[1.0, 3.0, 3.0, 2.0], [0.0, 0.0, 0.0, 0.0]], "float32"), 1, note="ties count as in"),
]
# segments
data = f(6, 3)
ids = np.array([0, 0, 2, 1, 2, 2], "int32")
idata = np.array([1, 2, 3, 4, 5, 6], "int32")
for op in ["segment_sum", "segment_max", "segment_min", "segment_prod"]:
    cases += [
        case(op, data, ids),
        case(op, data, ids, num_segments=4),
        case(op, idata, np.array([0, 0, 1, 1, 2, 2], "int32"), num_segments=3, sorted=True),
        case(op, data, np.array([1, -1, 0, 5, 1, 0], "int32"), num_segments=3),
        case(op, data, ids.reshape(2, 3)),
        case(op, idata, np.array([0, 0, 2, 2, 3, 3], "int32"), num_segments=4, note="int32 with an empty segment"),
        case(op, np.zeros((0, 2), "float32"), np.zeros((0,), "int32"), num_segments=2),
    ]
# fft family
re, im = f(3, 8), f(3, 8)
cases += [
    case("fft", (re, im)),
    case("fft", (f(5), f(5))),
    case("fft", (re, im[:, :4])),
    case("fft2", (f(2, 4, 8), f(2, 4, 8))),
    case("fft2", (f(3, 5), f(3, 5))),
    case("fft2", (f(5), f(5))),
    case("ifft2", (f(4, 6), f(4, 6))),
    case("ifft2", (f(2, 3, 3, 4), f(2, 3, 3, 4))),
    case("ifft2", (np.ones((2, 2), "int32"), np.ones((2, 2), "int32"))),
    case("rfft", re),
    case("rfft", f(2, 7), fft_length=10),
    case("rfft", f(2, 9), fft_length=6),
    case("irfft", (f(2, 5), f(2, 5))),
    case("irfft", (f(2, 5), f(2, 5)), fft_length=9),
    case("irfft", (f(2, 5), f(2, 5)), fft_length=4),
]
signal = f(2, 32)
cases += [
    case("extract_sequences", signal, 8, 4),
    case("extract_sequences", f(2, 3, 10), 3, 3),
    case("extract_sequences", np.arange(10, dtype="int32"), 4, 2),
    case("stft", signal, 8, 4, 8),
    case("stft", signal, 6, 3, 8, window="hamming"),
    case("stft", signal, 8, 2, 16, center=False, window=None),
    case("stft", f(2, 3, 20), 5, 2, 8, window=np.linspace(0.1, 1.0, 5).astype("float32")),
    case("stft", signal, 8, 4, 4),
]
spec8 = f(2, 9, 5), f(2, 9, 5)
spec8[1][:, :, 0] = 0
spec8[1][:, :, -1] = 0
cases += [
    case("istft", spec8, 8, 4, 8),
    case("istft", spec8, 8, 4, 8, length=30),
    case("istft", spec8, 6, 3, 8, window="hamming"),
    case("istft", spec8, 8, 2, 8, center=False, window=None),
    case("istft", spec8, 5, 4, 8, length=20),
]
# complex views and nn.polar
cases += [
    case("view_as_complex", f(3, 2)),
    case("view_as_complex", f(2, 3, 2)),
    case("view_as_complex", f(3, 3)),
    case("view_as_real", (f(2, 3) + 1j * f(2, 3)).astype("complex64")),
    case("view_as_real", np.array([1 - 2j, 0j, 3.5 + 1j], "complex64")),
    case("view_as_real", np.array([[1.0, -2.0]], "float32")),
    case("polar", np.abs(f(2, 3)), f(2, 3), namespace="ops.nn"),
    case("polar", np.array([1.0, 2.0], "float32"), np.array([[0.0], [np.pi / 2]], "float32"), namespace="ops.nn"),
    case("polar", np.array([0.0, 1.0, np.inf], "float32"), np.array([1.0, np.pi, 0.0], "float32"), namespace="ops.nn"),
]
write("golden/math.json", cases)
