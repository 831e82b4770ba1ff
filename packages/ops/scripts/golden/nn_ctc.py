"""Golden cases for keras.ops.nn's CTC loss and decoding (src/nn/ctc-loss.ts, ctc-decode.ts, ctc-beam-search.ts)."""
import numpy as np

from golden_common import case, write

rng = np.random.RandomState(5)
NS = "ops.nn"
logits = (rng.randn(3, 6, 5) * 2).astype("float32")
target = np.array([[1, 2, 2, 3], [3, 1, 0, 0], [4, 4, 4, 1]], "int32")
cases = [
    case("ctc_loss", target, logits, np.array([3, 2, 3], "int32"), np.array([6, 5, 6], "int32"), namespace=NS),
    case("ctc_loss", target, logits, np.array([4, 1, 2], "int32"), np.array([6, 6, 3], "int32"), namespace=NS),
    case("ctc_loss", target, logits, np.array([3, 2, 4], "int32"), np.array([6, 5, 6], "int32"), mask_index=0, namespace=NS),
    case("ctc_loss", np.array([[1, 2, 3, 3], [0, 1, 2, 3], [2, 2, 1, 1]], "int32"), logits, np.array([4, 4, 2], "int32"), np.array([6, 6, 6], "int32"), mask_index=4, namespace=NS),
    case("ctc_loss", target, logits, np.array([3, 0, 3], "int32"), np.array([6, 6, 2], "int32"), namespace=NS, note="empty label; too short to align (inf)"),
    case("ctc_loss", target[:, :1], logits[:, :1], np.array([1, 1, 1], "int32"), np.array([1, 1, 1], "int32"), namespace=NS),
]
lengths = np.array([6, 4, 1], "int32")
cases += [
    case("ctc_decode", logits, lengths, namespace=NS),
    case("ctc_decode", logits, lengths, merge_repeated=False, namespace=NS),
    case("ctc_decode", logits, lengths, mask_index=4, namespace=NS),
    case("ctc_decode", logits, lengths, mask_index=None, namespace=NS),
    case("ctc_decode", np.repeat(logits[:, :1], 6, axis=1), np.array([6, 6, 6], "int32"), namespace=NS, note="all repeats"),
    case("ctc_decode", logits, lengths, strategy="beam_search", beam_width=4, top_paths=2, namespace=NS),
    case("ctc_decode", logits, lengths, strategy="beam_search", beam_width=10, top_paths=3, mask_index=2, namespace=NS),
    case("ctc_decode", logits, lengths, strategy="beam_search", beam_width=2, namespace=NS),
    case("ctc_decode", logits, lengths, strategy="beam", namespace=NS),
]
write("golden/nn_ctc.json", cases)
