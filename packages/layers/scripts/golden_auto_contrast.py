"""Keras 3's AutoContrast on deterministic images (golden/auto-contrast.json).

  keras-python scripts/golden_auto_contrast.py > golden/auto-contrast.json
"""

import json

import keras
import numpy as np


def sine_input(shape, low, high):
    unit = (np.sin(np.arange(int(np.prod(shape)), dtype="float32") * 0.37 + 0.1) + 1) / 2
    return (low + unit * (high - low)).reshape(shape).astype("float32")


cases = []
for value_range, shape, low, high in [((0, 255), (2, 4, 5, 3), 40.0, 180.0), ((0, 1), (3, 3, 2), 0.2, 0.7), ((-1, 1), (1, 5, 4, 1), -0.5, 0.25)]:
    layer = keras.layers.AutoContrast(value_range=value_range)
    x = sine_input(shape, low, high)
    cases.append(
        {
            "config": {k: v for k, v in layer.get_config().items() if k not in ("name", "dtype", "trainable")},
            "shape": list(shape),
            "low": low,
            "high": high,
            "output": keras.ops.convert_to_numpy(layer(x)).tolist(),
        }
    )
print(json.dumps(cases))
