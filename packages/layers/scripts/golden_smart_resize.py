"""Keras 3's keras.preprocessing.image.smart_resize on deterministic images (golden/smart-resize.json).

  keras-python scripts/golden_smart_resize.py > golden/smart-resize.json
"""

import json

import keras
import numpy as np


def sine_input(shape):
    return np.sin(np.arange(int(np.prod(shape)), dtype="float32") * 0.37 + 0.1).reshape(shape).astype("float32")


cases = [
    {"shape": [7, 10, 2], "size": [4, 4], "interpolation": "bilinear", "data_format": "channels_last"},
    {"shape": [2, 9, 5, 1], "size": [3, 6], "interpolation": "nearest", "data_format": "channels_last"},
    {"shape": [1, 3, 6, 8], "size": [5, 5], "interpolation": "bilinear", "data_format": "channels_first"},
]
for case in cases:
    x = sine_input(case["shape"])
    y = keras.preprocessing.image.smart_resize(x, case["size"], interpolation=case["interpolation"], data_format=case["data_format"])
    case["output"] = np.asarray(y).tolist()
print(json.dumps(cases))
