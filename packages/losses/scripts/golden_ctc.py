"""Golden values of Keras 3.15.1's CTC loss (keras.losses.CTC / keras.losses.ctc), torch backend.

Run from packages/losses with real Keras: keras-python scripts/golden_ctc.py
Writes golden/ctc.json: for each case the dense labels (0 is the blank and the padding), the logits
(batch, time, classes), the per-sample losses, the reduced value for each reduction and with a sample
weight, and d(sum-over-batch loss)/d(logits) computed by torch's autograd through Keras's ctc.
"""
import json
import os

import keras
import numpy as np
import torch

rng = np.random.RandomState(11)


def arr(x):
    x = np.asarray(x)
    return {"dtype": str(x.dtype), "shape": list(x.shape), "data": x.reshape(-1).tolist()}


cases = []
specs = [
    ("two-labels", np.array([[1, 2, 0], [3, 3, 1]], "int32"), rng.randn(2, 6, 4).astype("float32")),
    ("repeats-and-padding", np.array([[2, 2, 0, 0], [1, 0, 0, 0], [1, 2, 3, 1]], "int32"), rng.randn(3, 9, 5).astype("float32") * 2),
    ("single-sample", np.array([[4, 1, 4]], "int32"), rng.randn(1, 7, 6).astype("float32")),
]
weights = {"two-labels": [0.5, 2.0], "repeats-and-padding": [1.0, 0.0, 3.0], "single-sample": [2.0]}
for name, y_true, y_pred in specs:
    per_sample = keras.ops.convert_to_numpy(keras.losses.ctc(y_true, y_pred))
    reduced = {}
    for reduction in ["sum_over_batch_size", "sum", "mean", "none"]:
        value = keras.losses.CTC(reduction=reduction)(y_true, y_pred)
        reduced[reduction] = keras.ops.convert_to_numpy(value).tolist()
    weighted = float(keras.ops.convert_to_numpy(keras.losses.CTC()(y_true, y_pred, sample_weight=np.array(weights[name], "float32"))))
    logits = torch.tensor(y_pred, requires_grad=True)
    loss = keras.losses.CTC()(torch.tensor(y_true), logits)
    loss.backward()
    cases.append({
        "name": name,
        "y_true": arr(y_true),
        "y_pred": arr(y_pred),
        "per_sample": per_sample.tolist(),
        "reduced": reduced,
        "sample_weight": weights[name],
        "weighted": weighted,
        "gradient": arr(logits.grad.numpy()),
    })

config = keras.losses.CTC(name="my_ctc", reduction="sum").get_config()
serialized = keras.losses.serialize(keras.losses.CTC())
os.makedirs("golden", exist_ok=True)
with open(os.path.join("golden", "ctc.json"), "w") as f:
    json.dump({"keras": keras.__version__, "cases": cases, "config": config, "serialized": serialized}, f)
print(json.dumps({"config": config, "serialized": serialized}))
