"""Golden outputs of real Keras 3 for the adaptive pooling layers and RMSNormalization (golden/new-layers.json).

  keras-python scripts/golden_new_layers.py > golden/new-layers.json

Inputs are deterministic (a sine of the element index), so the test rebuilds them; each case records the
layer's config as Keras writes it after build, the input shape, and the output.
"""

import json

import keras
import numpy as np


def sine_input(shape):
    return np.sin(np.arange(int(np.prod(shape)), dtype="float32") * 0.37 + 0.1).reshape(shape).astype("float32")


L = keras.layers
cases = [
    ("AdaptiveAveragePooling1D", L.AdaptiveAveragePooling1D(3), (2, 7, 2)),
    ("AdaptiveMaxPooling1D", L.AdaptiveMaxPooling1D(4, data_format="channels_first"), (2, 3, 7)),
    ("AdaptiveAveragePooling2D", L.AdaptiveAveragePooling2D((2, 3)), (1, 5, 7, 2)),
    ("AdaptiveMaxPooling2D", L.AdaptiveMaxPooling2D(3), (2, 7, 5, 1)),
    ("AdaptiveAveragePooling3D", L.AdaptiveAveragePooling3D((2, 3, 2), data_format="channels_first"), (1, 2, 4, 5, 3)),
    ("AdaptiveMaxPooling3D", L.AdaptiveMaxPooling3D(2), (1, 5, 3, 4, 2)),
    ("RMSNormalization", L.RMSNormalization(), (2, 3, 4)),
    ("RMSNormalization", L.RMSNormalization(axis=[1, 2], epsilon=0.5), (2, 3, 4)),
]
out = []
for name, layer, shape in cases:
    x = sine_input(shape)
    y = keras.ops.convert_to_numpy(layer(x))
    config = {k: v for k, v in layer.get_config().items() if k not in ("name", "dtype", "trainable")}
    if name == "RMSNormalization":
        # A trained scale: set the weights to non-trivial values and record them too.
        scale = np.linspace(0.5, 1.5, int(np.prod(layer.scale.shape)), dtype="float32").reshape(layer.scale.shape)
        layer.set_weights([scale])
        y = keras.ops.convert_to_numpy(layer(x))
        config["scale"] = scale.tolist()
    out.append({"class_name": name, "config": config, "input_shape": list(shape), "output": y.tolist()})
print(json.dumps(out))
