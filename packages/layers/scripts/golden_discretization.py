"""Keras 3's Discretization: fixed and adapted bin boundaries, every output mode (golden/discretization.json).

  keras-python scripts/golden_discretization.py > golden/discretization.json

adapt() needs TensorFlow (it checks for a tf.data.Dataset), which the torch-only
build lacks, so the script runs adapt's own steps for arrays and lists of
batches: reset_state, update_state per batch, finalize_state.
"""

import json

import keras
import numpy as np


def adapt(layer, batches):
    layer.reset_state()
    for batch in batches:
        layer.update_state(batch)
    layer.finalize_state()


def config_of(layer):
    return {k: v for k, v in layer.get_config().items() if k not in ("name",)}


DOC = np.array([[-1.5, 1.0, 3.4, 0.5], [0.0, 3.0, 1.3, 0.0]], "float32")
WAVE = (np.sin(np.arange(600, dtype="float32") * 0.37 + 0.1) * 3 + np.arange(600, dtype="float32") * 0.01).astype("float32").reshape(150, 4)

cases = []
for mode in ["int", "one_hot", "multi_hot", "count"]:
    layer = keras.layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0], output_mode=mode)
    cases.append({"args": {"bin_boundaries": [0.0, 1.0, 2.0], "output_mode": mode}, "input": DOC.tolist(), "output": keras.ops.convert_to_numpy(layer(DOC)).tolist(), "config": config_of(layer)})
column = DOC.reshape(8, 1)
layer = keras.layers.Discretization(bin_boundaries=[-1.0, 0.5, 1.5, 3.0], output_mode="one_hot")
cases.append({"args": {"bin_boundaries": [-1.0, 0.5, 1.5, 3.0], "output_mode": "one_hot"}, "input": column.tolist(), "output": keras.ops.convert_to_numpy(layer(column)).tolist(), "config": config_of(layer)})

for num_bins, epsilon, batches, mode in [
    (4, 0.01, [DOC], "int"),
    (5, 0.01, [WAVE], "int"),
    (5, 0.1, [WAVE], "count"),
    (7, 0.01, [WAVE[:50], WAVE[50:90], WAVE[90:]], "int"),
    (3, 0.05, [WAVE[:20], WAVE[20:]], "multi_hot"),
    (20, 0.01, [DOC], "int"),
]:
    layer = keras.layers.Discretization(num_bins=num_bins, epsilon=epsilon, output_mode=mode)
    adapt(layer, batches)
    probe = WAVE[:6]
    cases.append(
        {
            "args": {"num_bins": num_bins, "epsilon": epsilon, "output_mode": mode},
            "adapt_batches": [b.tolist() for b in batches],
            "input": probe.tolist(),
            "output": keras.ops.convert_to_numpy(layer(probe)).tolist(),
            "config": config_of(layer),
        }
    )
print(json.dumps({"keras_version": keras.__version__, "cases": cases}))
