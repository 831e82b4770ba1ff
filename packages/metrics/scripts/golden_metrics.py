"""Results of Keras 3.15.1's metric classes after two batches (with and without sample weights), for the
metrics Strata added from Keras 3. Run from packages/metrics: keras-python scripts/golden_metrics.py
Writes golden/metrics.json: per case the class name, its get_config(), the batches and the result after each.
"""
import json

import keras
import numpy as np

rng = np.random.RandomState(11)


def arr(x):
    x = np.asarray(x)
    return {"dtype": str(x.dtype), "shape": list(x.shape), "data": x.reshape(-1).tolist()}


def probs(n, c):
    return keras.ops.convert_to_numpy(keras.ops.softmax(rng.randn(n, c).astype("float32")))


binary_true = [(rng.rand(6, 1) > 0.5).astype("float32") for _ in range(2)]
binary_pred = [rng.rand(6, 1).astype("float32") for _ in range(2)]
sparse_true = [rng.randint(0, 4, size=(6,)).astype("int32") for _ in range(2)]
onehot_true = [np.eye(4, dtype="float32")[s] for s in sparse_true]
class_scores = [probs(6, 4) for _ in range(2)]
regress_true = [rng.randn(6, 3).astype("float32") for _ in range(2)]
regress_pred = [(t + 0.5 * rng.randn(6, 3)).astype("float32") for t in regress_true]
positive_true = [np.abs(t) + 0.1 for t in regress_true]
positive_pred = [np.abs(p) + 0.1 for p in regress_pred]
weights6 = [np.array([1, 0.5, 2, 0, 1, 1.5], "float32"), np.array([0.3, 1, 1, 2, 0, 1], "float32")]
int_weights6 = [np.array([1, 0, 2, 1, 3, 1], "float32"), np.array([2, 1, 1, 0, 1, 1], "float32")]
hinge_true = [np.where(t > 0.5, 1.0, -1.0).astype("float32") for t in binary_true]
multilabel_true = [(rng.rand(6, 3) > 0.5).astype("float32") for _ in range(2)]
multilabel_pred = [rng.rand(6, 3).astype("float32") for _ in range(2)]
segment_true = [rng.randint(0, 3, size=(2, 4, 4)).astype("int32") for _ in range(2)]
segment_pred = [rng.randint(0, 3, size=(2, 4, 4)).astype("int32") for _ in range(2)]

specs = [
    ("BinaryCrossentropy", [], {}, binary_true, binary_pred, None),
    ("BinaryCrossentropy", [], {"from_logits": True, "label_smoothing": 0.1}, binary_true, [p * 4 - 2 for p in binary_pred], weights6),
    ("CategoricalCrossentropy", [], {}, onehot_true, class_scores, None),
    ("CategoricalCrossentropy", [], {"label_smoothing": 0.2}, onehot_true, class_scores, weights6),
    ("SparseCategoricalCrossentropy", [], {}, sparse_true, class_scores, None),
    ("SparseCategoricalCrossentropy", [], {"from_logits": True}, sparse_true, [np.log(s) * 2 for s in class_scores], weights6),
    ("KLDivergence", [], {}, onehot_true, class_scores, None),
    ("Poisson", [], {}, positive_true, positive_pred, weights6),
    ("Hinge", [], {}, hinge_true, binary_pred, None),
    ("SquaredHinge", [], {}, hinge_true, binary_pred, weights6),
    ("CategoricalHinge", [], {}, onehot_true, class_scores, None),
    ("MeanAbsolutePercentageError", [], {}, positive_true, positive_pred, None),
    ("MeanSquaredLogarithmicError", [], {}, positive_true, positive_pred, weights6),
    ("LogCoshError", [], {}, regress_true, regress_pred, None),
    ("CosineSimilarity", [], {}, regress_true, regress_pred, None),
    ("CosineSimilarity", [], {"axis": 0}, regress_true, regress_pred, None),
    ("TruePositives", [], {}, binary_true, binary_pred, None),
    ("FalsePositives", [], {"thresholds": [0.2, 0.5, 0.7]}, binary_true, binary_pred, weights6),
    ("TrueNegatives", [], {"thresholds": 0.3}, binary_true, binary_pred, None),
    ("FalseNegatives", [], {}, binary_true, binary_pred, weights6),
    ("SensitivityAtSpecificity", [0.5], {}, binary_true, binary_pred, None),
    ("SpecificityAtSensitivity", [0.6], {"num_thresholds": 50}, binary_true, binary_pred, weights6),
    ("PrecisionAtRecall", [0.4], {}, binary_true, binary_pred, None),
    ("RecallAtPrecision", [0.5], {"num_thresholds": 1}, binary_true, binary_pred, None),
    ("RecallAtPrecision", [0.3], {"class_id": 2}, onehot_true, class_scores, None),
    ("PearsonCorrelation", [], {}, regress_true, regress_pred, None),
    ("ConcordanceCorrelation", [], {}, regress_true, regress_pred, weights6),
    ("R2Score", [], {}, regress_true, regress_pred, None),
    ("R2Score", [], {"class_aggregation": "variance_weighted_average", "num_regressors": 2}, regress_true, regress_pred, weights6),
    ("R2Score", [], {"class_aggregation": None}, regress_true, regress_pred, None),
    ("F1Score", [], {}, onehot_true, class_scores, None),
    ("F1Score", [], {"average": "macro", "threshold": 0.3}, multilabel_true, multilabel_pred, weights6),
    ("FBetaScore", [], {"average": "weighted", "beta": 2.0}, onehot_true, class_scores, None),
    ("FBetaScore", [], {"average": "micro", "beta": 0.5, "threshold": 0.5}, multilabel_true, multilabel_pred, None),
    ("IoU", [3, [0, 2]], {}, segment_true, segment_pred, None),
    ("IoU", [3, [1]], {"ignore_class": 0}, segment_true, segment_pred, None),
    ("MeanIoU", [3], {}, segment_true, segment_pred, None),
    ("MeanIoU", [4], {}, sparse_true, [np.argmax(s, -1).astype("int32") for s in class_scores], int_weights6),
    ("BinaryIoU", [], {"target_class_ids": [0, 1], "threshold": 0.3}, binary_true, binary_pred, None),
    ("BinaryIoU", [], {"target_class_ids": [1]}, binary_true, binary_pred, int_weights6),
    ("OneHotIoU", [4, [0, 3]], {}, onehot_true, class_scores, None),
    ("OneHotMeanIoU", [4], {}, onehot_true, class_scores, None),
]

cases = []
for class_name, args, kwargs, y_true, y_pred, weights in specs:
    metric = getattr(keras.metrics, class_name)(*args, **kwargs)
    results = []
    for batch in range(2):
        metric.update_state(y_true[batch], y_pred[batch], sample_weight=None if weights is None else weights[batch])
        results.append(arr(keras.ops.convert_to_numpy(metric.result()).astype("float32")))
    cases.append(
        {
            "class_name": class_name,
            "args": args,
            "kwargs": kwargs,
            "config": metric.get_config(),
            "y_true": [arr(t) for t in y_true],
            "y_pred": [arr(p) for p in y_pred],
            "sample_weight": None if weights is None else [arr(w) for w in weights],
            "results": results,
        }
    )
with open("golden/metrics.json", "w") as handle:
    json.dump({"generator": "scripts/golden_metrics.py", "keras": keras.__version__, "cases": cases}, handle)
    handle.write("\n")
print(len(cases), "cases")
