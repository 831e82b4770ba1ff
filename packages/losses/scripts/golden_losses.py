"""Golden values of Keras 3.15.1's Dice, Tversky, Circle and CategoricalGeneralizedCrossEntropy losses.

Run from packages/losses with real Keras: keras-python scripts/golden_losses.py
Writes golden/losses.json: for each case the loss class config, the inputs, the reduced value of
`loss(y_true, y_pred, sample_weight)` and the unreduced value with reduction=None.
"""
import json

import keras
import numpy as np

rng = np.random.RandomState(7)


def arr(x):
    x = np.asarray(x)
    return {"dtype": str(x.dtype), "shape": list(x.shape), "data": x.reshape(-1).tolist()}


def unit_rows(n, d):
    x = rng.randn(n, d).astype("float32")
    return x / np.linalg.norm(x, axis=1, keepdims=True)


masks_true = (rng.rand(2, 4, 4, 1) > 0.5).astype("float32")
masks_pred = rng.rand(2, 4, 4, 1).astype("float32")
labels = np.array([0, 1, 0, 2, 1, 2], dtype="int32")
embeddings = unit_rows(6, 5)
probabilities = keras.ops.convert_to_numpy(keras.ops.softmax(rng.randn(5, 4).astype("float32")))
sparse = np.array([0, 3, 2, 1, 3], dtype="int32")
weights5 = np.array([1.0, 0.5, 2.0, 0.0, 1.0], dtype="float32")

specs = [
    ("Dice", {}, masks_true, masks_pred, None),
    ("Dice", {"axis": [1, 2, 3]}, masks_true, masks_pred, None),
    ("Dice", {"axis": [1, 2, 3], "reduction": "sum"}, masks_true, masks_pred, np.array([0.3, 2.0], "float32")),
    ("Tversky", {}, masks_true, masks_pred, None),
    ("Tversky", {"alpha": 0.3, "beta": 0.7, "axis": [1, 2, 3]}, masks_true, masks_pred, None),
    ("Tversky", {"alpha": 0.9, "beta": 0.1, "axis": [1, 2]}, masks_true, masks_pred, None),
    ("Circle", {}, labels, embeddings, None),
    ("Circle", {"gamma": 10.0, "margin": 0.25}, labels, embeddings, None),
    ("Circle", {"remove_diagonal": False, "reduction": "sum"}, labels, embeddings, None),
    ("Circle", {}, np.array([0, 1, 2, 3], "int32"), unit_rows(4, 3), None),
    ("CategoricalGeneralizedCrossEntropy", {}, sparse, probabilities, None),
    ("CategoricalGeneralizedCrossEntropy", {"q": 0.2}, sparse, probabilities, weights5),
    ("CategoricalGeneralizedCrossEntropy", {"q": 0.9, "reduction": "mean_with_sample_weight"}, sparse, probabilities, weights5),
]

cases = []
for class_name, kwargs, y_true, y_pred, sample_weight in specs:
    loss = getattr(keras.losses, class_name)(**kwargs)
    value = loss(y_true, y_pred, sample_weight=sample_weight)
    unreduced = getattr(keras.losses, class_name)(**{**kwargs, "reduction": None})(y_true, y_pred)
    cases.append(
        {
            "class_name": class_name,
            "config": loss.get_config(),
            "y_true": arr(y_true),
            "y_pred": arr(y_pred),
            "sample_weight": None if sample_weight is None else arr(sample_weight),
            "value": float(keras.ops.convert_to_numpy(value)),
            "unreduced": arr(keras.ops.convert_to_numpy(unreduced)),
        }
    )

with open("golden/losses.json", "w") as handle:
    json.dump({"generator": "scripts/golden_losses.py", "keras": keras.__version__, "cases": cases}, handle)
    handle.write("\n")
print(len(cases), "cases")
