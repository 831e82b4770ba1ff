"""Keras 3.15.1 goldens for the layers Keras defines in its applications modules.

Run with real Keras from packages/layers:  keras-python scripts/golden_application_layers.py
Writes src/applications/keras-golden.json: inputs, outputs, configs and serialized entries.
"""

import json

import numpy as np
import torch

torch.set_num_threads(1)

import keras  # noqa: E402
from keras.src.applications.convnext import LayerScale, StochasticDepth  # noqa: E402
from keras.src.applications.inception_resnet_v2 import CustomScaleLayer  # noqa: E402


def values(shape, offset):
    size = int(np.prod(shape))
    return (np.sin(np.arange(size) * 0.9 + offset) * 2).astype(np.float32).reshape(shape)


def entry(layer):
    serialized = keras.saving.serialize_keras_object(layer)
    return {key: serialized[key] for key in ("module", "class_name", "registered_name", "config")}


golden = {}

x = values((2, 3, 4), 0.1)
layer_scale = LayerScale(init_values=0.5, projection_dim=4, name="scale")
initial = keras.ops.convert_to_numpy(layer_scale(x))
gamma = np.array([0.5, -1.0, 2.0, 0.25], dtype=np.float32)
layer_scale.gamma.assign(gamma)
golden["LayerScale"] = {
    "input": x.tolist(),
    "initial_output": initial.tolist(),
    "gamma": gamma.tolist(),
    "output": keras.ops.convert_to_numpy(layer_scale(x)).tolist(),
    "weight_paths": [v.path for v in layer_scale.weights],
    "entry": entry(layer_scale),
}

shortcut = values((2, 2, 3), 0.3)
residual = values((2, 2, 3), 1.7)
custom_scale = CustomScaleLayer(scale=0.17, name="block35_1")
golden["CustomScaleLayer"] = {
    "inputs": [shortcut.tolist(), residual.tolist()],
    "output": keras.ops.convert_to_numpy(custom_scale([shortcut, residual])).tolist(),
    "entry": entry(custom_scale),
}

stochastic = StochasticDepth(0.3, name="drop_path")
inputs = keras.Input((3, 4))
model = keras.Model(inputs, stochastic(inputs))
node = [layer for layer in json.loads(model.to_json())["config"]["layers"] if layer["name"] == "drop_path"][0]
train = values((64, 3, 4), 0.5)
trained = keras.ops.convert_to_numpy(stochastic(train, training=True))
kept = [bool(np.allclose(trained[i], train[i] / 0.7, rtol=1e-5)) for i in range(64)]
dropped = [bool(np.all(trained[i] == 0)) for i in range(64)]
golden["StochasticDepth"] = {
    "input": x.tolist(),
    "inference_output": keras.ops.convert_to_numpy(stochastic(x, training=False)).tolist(),
    "training_samples_all_kept_or_dropped": all(k or d for k, d in zip(kept, dropped)),
    "entry": entry(stochastic),
    "inbound_node_kwargs": node["inbound_nodes"][0]["kwargs"],
}

with open("src/applications/keras-golden.json", "w") as handle:
    json.dump(golden, handle, indent=1)
print(json.dumps({k: v["entry"] for k, v in golden.items()}, indent=1))
print(golden["StochasticDepth"]["inbound_node_kwargs"], golden["LayerScale"]["weight_paths"])
