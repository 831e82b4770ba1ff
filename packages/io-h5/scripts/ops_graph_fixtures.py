"""Writes fixtures/ops-graph/: functional models whose graphs hold ops on symbolic tensors, saved by real Keras 3
(.keras and legacy .h5), with inputs and Keras's predictions, for Strata's loading tests.

Run from packages/io-h5 with real Keras 3.15.1 (torch backend): `keras-python scripts/ops_graph_fixtures.py`.

- ops_basic: `x + 3.0`, ops.sum with axis/keepdims, an Add layer fed by an op, ops.add of two model inputs.
- ops_more: multiply/subtract/divide by scalars and tensors, negation, power, slicing (GetItem with slices,
  an int index, `...` and None), concatenate of a list, reshape, transpose, mean over a tuple of axes, clip.
"""

import json
import os
import zipfile

import h5py
import keras
import numpy as np
from keras import layers, ops

OUT = "fixtures/ops-graph"


def ops_basic():
    x = keras.Input((4,), name="x")
    w = keras.Input((4,), name="w")
    shifted = x + 3.0
    dense = layers.Dense(3, name="dense")(shifted)
    total = ops.sum(dense, axis=-1, keepdims=True)
    merged = layers.Add(name="merge")([dense, total])
    both = ops.add(x, w)
    out2 = ops.sum(both, axis=1)
    return keras.Model([x, w], [merged, out2], name="ops_basic")


def ops_more():
    x = keras.Input((6,), name="x")
    w = keras.Input((6,), name="w")
    h = x * 0.5 - w / 4.0
    h = -h + x**2
    dense = layers.Dense(4, activation="tanh", name="dense")(h)
    head = dense[:, 1:3]
    first = dense[..., None, 0]
    joined = ops.concatenate([head, ops.reshape(first, (-1, 1)), x[:, ::2]], axis=1)
    grid = ops.transpose(ops.reshape(x, (-1, 2, 3)), (0, 2, 1))
    means = ops.mean(grid, axis=(1, 2))
    clipped = ops.clip(joined, -1.0, 1.0) * ops.multiply(means[:, None], 2.0)
    out = layers.Dense(2, name="head")(clipped)
    return keras.Model([x, w], [out, grid], name="ops_more")


def config_of(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("config.json"))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(15)
    for name, build, width in [("ops_basic", ops_basic, 4), ("ops_more", ops_more, 6)]:
        keras.utils.clear_session()
        keras.utils.set_random_seed(15)
        model = build()
        x = rng.normal(size=(3, width)).astype("float32")
        w = rng.normal(size=(3, width)).astype("float32")
        outputs = model.predict([x, w], verbose=0)
        model.save(f"{OUT}/{name}.keras")
        model.save(f"{OUT}/{name}.h5")
        io = {
            "inputs": [x.tolist(), w.tolist()],
            "outputs": [np.asarray(o).tolist() for o in outputs],
            "config_layers": [entry["name"] for entry in config_of(f"{OUT}/{name}.keras")["config"]["layers"]],
        }
        with open(f"{OUT}/{name}.json", "w") as f:
            json.dump(io, f)
        with h5py.File(f"{OUT}/{name}.h5") as h5:
            h5_config = json.loads(h5.attrs["model_config"])
        print(name, io["config_layers"], [entry.get("module") for entry in h5_config["config"]["layers"]][:3])


main()
