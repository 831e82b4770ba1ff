"""Golden values of Keras 3.15.1's data utilities: pad_sequences, timeseries_dataset_from_array,
the file listing of text_dataset_from_directory, and split_dataset.

Run from packages/datasets with real Keras (torch backend): keras-python scripts/golden_data_utils.py
Writes golden/data-utils.json.

The reference environment has neither TensorFlow nor Grain, so the parts of Keras that build a
tf.data or Grain pipeline cannot run as they are. What decides the numbers is run as Keras wrote it:
- timeseries_dataset_from_array: Keras's own `_timeseries_dataset_grain` (window starts, the seeded
  NumPy shuffle of the starts, the gather of each window and its target), with a stand-in for Grain's
  list plumbing (`source`, `zip`, `batch` keep the order; Grain's second, per-epoch shuffle is not
  reproducible outside Grain and is recorded as not applied).
- text_dataset_from_directory: Keras's own `index_directory` (file order, labels, class names, the
  seeded shuffle) and `get_training_or_validation_split`, then the file contents as the tf path reads
  them (`tf.strings.substr(txt, 0, max_length)`, bytes).
- split_dataset on arrays with the torch backend: Keras's own `_split_dataset_torch`.
"""
import json
import os
import sys
import types

import keras
import numpy as np
import torch
from keras.src.utils import dataset_utils, timeseries_dataset_utils

OUT = os.path.join("golden", "data-utils.json")


def arr(x):
    x = np.asarray(x)
    return {"dtype": str(x.dtype), "shape": list(x.shape), "data": x.reshape(-1).tolist()}


# ---------------------------------------------------------------- pad_sequences
ragged_int = [[1, 2, 3], [4, 5], [6, 7, 8, 9, 10], [], [11]]
ragged_float = [[0.5, 1.5], [2.25, -3.5, 4.75, 8.0], [9.125]]
ragged_features = [[[1, 2], [3, 4], [5, 6]], [[7, 8]], [[9, 10], [11, 12]]]
pad_cases = []
for name, sequences, kwargs in [
    ("default", ragged_int, {}),
    ("maxlen3", ragged_int, {"maxlen": 3}),
    ("maxlen3-post-post", ragged_int, {"maxlen": 3, "padding": "post", "truncating": "post"}),
    ("maxlen4-pre-post-value", ragged_int, {"maxlen": 4, "padding": "pre", "truncating": "post", "value": -1}),
    ("maxlen7-post", ragged_int, {"maxlen": 7, "padding": "post"}),
    ("float32", ragged_float, {"dtype": "float32", "value": 0.25}),
    ("float-into-int32", ragged_float, {"maxlen": 3, "padding": "post"}),
    ("float32-pre-truncate", ragged_float, {"dtype": "float32", "maxlen": 2}),
    ("features", ragged_features, {"maxlen": 2, "padding": "post", "value": 0}),
    ("features-float", ragged_features, {"dtype": "float32", "truncating": "post", "value": 0.5}),
]:
    result = keras.utils.pad_sequences(sequences, **kwargs)
    pad_cases.append({"name": name, "sequences": sequences, "kwargs": kwargs, "result": arr(result)})


# ------------------------------------------------- timeseries_dataset_from_array
class _ListDataset:
    """Grain's MapDataset/IterDataset reduced to an ordered list (enough for Keras's grain path)."""

    def __init__(self, items, shuffled_with=None):
        self.items = list(items)
        self.shuffled_with = shuffled_with

    def shuffle(self, seed):
        return _ListDataset(self.items, shuffled_with=seed)

    def to_iter_dataset(self):
        return self

    def batch(self, batch_size, batch_fn):
        batches = [batch_fn(self.items[i : i + batch_size]) for i in range(0, len(self.items), batch_size)]
        return _ListDataset(batches, self.shuffled_with)


fake_grain = types.SimpleNamespace(
    MapDataset=types.SimpleNamespace(source=lambda items: _ListDataset(items)),
    experimental=types.SimpleNamespace(ZipMapDataset=lambda parts: _ListDataset(zip(*[p.items for p in parts]))),
)
timeseries_dataset_utils.grain = fake_grain


def as_numpy(structure):
    if isinstance(structure, tuple):
        return tuple(as_numpy(s) for s in structure)
    return keras.ops.convert_to_numpy(structure)


series = np.arange(40, dtype="float32").reshape(20, 2) * np.array([1.0, -0.5], dtype="float32")
series_targets = np.arange(100, 120, dtype="int32")
scalar_series = np.arange(50, dtype="int32")
timeseries_cases = []
for name, data, targets, kwargs in [
    ("basic", scalar_series, None, {"sequence_length": 5, "batch_size": 4}),
    ("stride-rate", scalar_series, None, {"sequence_length": 10, "sequence_stride": 3, "sampling_rate": 2, "batch_size": 5}),
    ("targets", series, series_targets, {"sequence_length": 4, "sequence_stride": 2, "batch_size": 3}),
    ("start-end", scalar_series, scalar_series * 10, {"sequence_length": 3, "sampling_rate": 2, "start_index": 5, "end_index": 30, "batch_size": 6}),
    ("unbatched", series, None, {"sequence_length": 3, "sequence_stride": 5, "batch_size": None}),
    ("shuffled", scalar_series, scalar_series + 1000, {"sequence_length": 4, "sequence_stride": 2, "batch_size": 4, "shuffle": True, "seed": 1337}),
]:
    dataset = timeseries_dataset_utils.timeseries_dataset_from_array(data, targets, format="grain", **kwargs)
    batches = [as_numpy(b) for b in dataset.items]
    if targets is None:
        encoded = [{"x": arr(b)} for b in batches]
    else:
        encoded = [{"x": arr(b[0]), "y": arr(b[1])} for b in batches]
    timeseries_cases.append({
        "name": name,
        "data": arr(data),
        "targets": None if targets is None else arr(targets),
        "kwargs": kwargs,
        "batches": encoded,
        "grain_shuffle_not_applied": dataset.shuffled_with is not None,
    })


# ------------------------------------------------------ text_dataset_from_directory
tree_dir = os.path.join("src", "test-support", "text-tree")


def relative(paths):
    return [os.path.relpath(p, tree_dir) for p in paths]


text_cases = []
for name, kwargs in [
    ("sorted", {"shuffle": False}),
    ("shuffled-seed-1337", {"shuffle": True, "seed": 1337}),
    ("class-names", {"shuffle": False, "class_names": ["pos", "neg"]}),
    ("split-training", {"shuffle": True, "seed": 7, "validation_split": 0.3, "subset": "training"}),
    ("split-validation", {"shuffle": True, "seed": 7, "validation_split": 0.3, "subset": "validation"}),
]:
    paths, labels, class_names = dataset_utils.index_directory(
        tree_dir, "inferred", formats=(".txt",), class_names=kwargs.get("class_names"),
        shuffle=kwargs["shuffle"], seed=kwargs.get("seed"), verbose=False,
    )
    if "subset" in kwargs:
        paths, labels = dataset_utils.get_training_or_validation_split(paths, labels, kwargs["validation_split"], kwargs["subset"])
    texts = []
    for p in paths:
        with open(p, "rb") as f:
            texts.append(f.read().decode("utf-8"))
    text_cases.append({"name": name, "kwargs": kwargs, "paths": relative(paths), "labels": [int(l) for l in labels],
                       "class_names": class_names, "texts": texts})


# ---------------------------------------------------------------- split_dataset
split_cases = []
values = np.arange(12, dtype="int32")
for name, kwargs in [
    ("left-fraction", {"left_size": 0.75}),
    ("right-int", {"right_size": 5}),
    ("both-fractions-round", {"left_size": 0.55, "right_size": 0.45}),
    ("shuffled-seed-42", {"left_size": 8, "shuffle": True, "seed": 42}),
    ("shuffled-seed-1337", {"left_size": 0.5, "shuffle": True, "seed": 1337}),
]:
    left, right = dataset_utils.split_dataset(values, **kwargs)
    left_values = [int(left[i][0]) for i in range(len(left))]
    right_values = [int(right[i][0]) for i in range(len(right))]
    split_cases.append({"name": name, "kwargs": kwargs, "left": left_values, "right": right_values,
                        "note": "torch random_split; without shuffle Keras's torch path still permutes with the global generator" if not kwargs.get("shuffle") else "torch random_split with a seeded generator"})
sizes = []
for left_size, right_size, total in [(0.8, None, 10), (None, 0.25, 10), (3, None, 10), (None, 4, 7), (0.33, None, 7), (0.5, 0.3, 10), (2, 3, 10), (0.625, None, 4), (0.375, None, 4), (0.125, None, 4), (10, None, 10)]:
    try:
        result = list(dataset_utils._rescale_dataset_split_sizes(left_size, right_size, total))
    except ValueError as error:
        result = "ValueError"
    sizes.append({"left_size": left_size, "right_size": right_size, "total": total, "result": result})
randperm = {str(seed): torch.randperm(n, generator=torch.Generator().manual_seed(seed)).tolist() for seed, n in [(42, 12), (1337, 12), (0, 30)]}

os.makedirs("golden", exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"keras": keras.__version__, "pad_sequences": pad_cases, "timeseries": timeseries_cases,
               "text_directory": text_cases, "split_dataset": split_cases, "split_sizes": sizes,
               "torch_randperm": randperm}, f)
print("wrote", OUT, file=sys.stderr)
