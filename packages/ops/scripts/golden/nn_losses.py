"""Golden cases for keras.ops.nn's cross-entropies, encodings and normalizations
(src/nn/crossentropy.ts, encoding.ts, normalization.ts, normalize.ts)."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(2)
NS = "ops.nn"
probs = rng.uniform(0.05, 1.0, (3, 4)).astype("float32")
probs_t = (probs / probs.sum(-1, keepdims=True)).astype("float32")
logits = (rng.randn(3, 4) * 2).astype("float32")
onehot = np.eye(4, dtype="float32")[[1, 0, 3]]
labels = np.array([1, 0, 3], "int32")
b_target = np.array([[0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.5, 1.0], [0.0, 0.0, 1.0, 1.0]], "float32")
b_out = np.array([[0.0, 1.0, 0.3, 0.9], [0.999, 1e-9, 0.5, 0.2], [0.1, 0.4, 0.6, 1.0]], "float32")
l3 = rng.randn(2, 3, 4).astype("float32")
t3 = np.eye(3, dtype="float32")[rng.randint(0, 3, (2, 4))].transpose(0, 2, 1).copy()  # class axis 1
s3 = rng.randint(0, 3, (2, 4)).astype("int32")

cases = [
    case("binary_crossentropy", b_target, b_out, namespace=NS),
    case("binary_crossentropy", b_target, logits, from_logits=True, namespace=NS),
    case("binary_crossentropy", b_target, np.array([[-100, 100, 0, 30]] * 3, "float32"), from_logits=True, namespace=NS),
    case("binary_crossentropy", b_target[:2], b_out, namespace=NS),
    case("categorical_crossentropy", onehot, probs, namespace=NS),
    case("categorical_crossentropy", probs_t, logits, from_logits=True, namespace=NS),
    case("categorical_crossentropy", onehot, np.array([[0, 1, 0, 0], [0.5, 0.5, 0, 0], [2, 1, 1, 0]], "float32"), namespace=NS),
    case("categorical_crossentropy", t3, l3[:, :3, :], from_logits=True, axis=1, namespace=NS),
    case("categorical_crossentropy", t3, np.abs(l3[:, :3, :]), axis=-2, namespace=NS),
    case("categorical_crossentropy", onehot, probs[:, :3], namespace=NS),
    case("sparse_categorical_crossentropy", labels, probs, namespace=NS),
    case("sparse_categorical_crossentropy", labels, logits, from_logits=True, namespace=NS),
    case("sparse_categorical_crossentropy", labels.reshape(3, 1), logits, from_logits=True, namespace=NS),
    case("sparse_categorical_crossentropy", s3, l3[:, :3, :], from_logits=True, axis=1, namespace=NS),
    case("sparse_categorical_crossentropy", np.array(2, "int32"), logits[0], from_logits=True, namespace=NS),
    case("sparse_categorical_crossentropy", labels[:2], logits, namespace=NS),
    case("one_hot", np.array([1, 3, 2, 0, -1], "int32"), 4, namespace=NS),
    case("one_hot", np.array([[1, 0], [2, 2]], "int32"), 3, axis=0, namespace=NS),
    case("one_hot", np.array([[1, 0], [2, 2]], "int32"), 3, axis=1, dtype="int32", namespace=NS),
    case("one_hot", np.array([1.7, 0.2], "float32"), 3, namespace=NS),
    case("one_hot", np.zeros((0,), "int32"), 3, namespace=NS),
    case("multi_hot", np.array([0, 4], "int32"), num_classes=5, namespace=NS),
    case("multi_hot", np.array([[0, 2, 2], [1, 1, 4]], "int32"), num_classes=5, namespace=NS),
    case("multi_hot", np.array([[0, 2, 2], [1, 1, 4]], "int32"), num_classes=5, dtype="int32", namespace=NS),
    case("multi_hot", np.array([[1, 0], [2, 2]], "int32"), num_classes=3, axis=0, namespace=NS),
    case("multi_hot", np.array([1, -1, 3], "int32"), num_classes=4, dtype="bool", namespace=NS),
    case("one_hot", np.array([1, 0], "int32"), 3, dtype="bool", namespace=NS),
    case("moments", l3, [0], namespace=NS),
    case("moments", l3, [0, 2], keepdims=True, namespace=NS),
    case("moments", l3, [-1], namespace=NS),
    case("moments", np.array([0, 1, 2, 3, 100], "float32"), [0], namespace=NS),
    case("batch_normalization", l3, np.array([0.1, 0.2, 0.3, 0.4], "float32"), np.array([1.0, 0.5, 2.0, 0.0], "float32"), -1, namespace=NS),
    case("batch_normalization", l3, np.array([0.1, 0.2, 0.3], "float32"), np.array([1.0, 0.5, 2.0], "float32"), 1,
         offset=np.array([1.0, -1.0, 0.0], "float32"), scale=np.array([2.0, 0.5, 1.0], "float32"), epsilon=0.1, namespace=NS),
    case("batch_normalization", l3.transpose(1, 0, 2).copy(), np.array([0.5, -0.5, 0.0], "float32"), np.array([0.1, 0.2, 0.3], "float32"), 0, namespace=NS),
    case("batch_normalization", np.array([[np.nan, np.inf, 1.0]], "float32"), np.array([0.0, 0.0, 1.0], "float32"), np.array([1.0, 1.0, 0.0], "float32"), 1, epsilon=0.0, namespace=NS),
    case("layer_normalization", l3, namespace=NS),
    case("layer_normalization", l3, gamma=np.array([1.0, 2.0, 0.5, -1.0], "float32"), beta=np.array([0.0, 1.0, 2.0, 3.0], "float32"), namespace=NS),
    case("layer_normalization", l3, axis=(1, 2), epsilon=1e-3, namespace=NS),
    case("layer_normalization", l3, axis=(0, 2), namespace=NS),
    case("layer_normalization", np.ones((2, 3), "float32"), namespace=NS),
    case("rms_normalization", l3, namespace=NS),
    case("rms_normalization", l3, scale=np.array([1.0, 2.0, 0.5, -1.0], "float32"), epsilon=0.5, namespace=NS),
    case("rms_normalization", l3, axis=(1, 2), namespace=NS),
    case("rms_normalization", np.zeros((2, 3), "float32"), namespace=NS),
    case("normalize", l3, namespace=NS),
    case("normalize", np.array([[1, 2, 3], [4, 5, 6]], "int32"), namespace=NS),
    case("normalize", l3, axis=1, order=1, namespace=NS),
    case("normalize", l3, axis=0, order=3, namespace=NS),
    case("normalize", np.zeros((2, 3), "float32"), namespace=NS),
    case("normalize", l3, axis=(1, 2), namespace=NS),
    case("normalize", l3, axis=(1, 2), order=1, namespace=NS),
    case("normalize", l3, order=0, namespace=NS),
    case("psnr", probs, probs_t, 1.0, namespace=NS),
    case("psnr", l3, l3 * 0.5, 255.0, namespace=NS),
    case("psnr", probs, probs, 1.0, namespace=NS),
    case("psnr", probs, probs[:2], 1.0, namespace=NS),
]
write("golden/nn_losses.json", cases)
