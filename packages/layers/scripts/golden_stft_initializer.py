"""Keras 3's STFT initializer kernels (golden/stft-initializer.json).

  keras-python scripts/golden_stft_initializer.py > golden/stft-initializer.json
"""

import json

import keras
import numpy as np

cases = [
    {"side": "real", "window": "hann", "scaling": "density", "periodic": False, "shape": [8, 1, 5]},
    {"side": "imag", "window": "hamming", "scaling": "spectrum", "periodic": True, "shape": [6, 2, 4]},
    {"side": "real", "window": "blackman", "scaling": None, "periodic": False, "shape": [5, 1, 3]},
    {"side": "imag", "window": None, "scaling": "density", "periodic": False, "shape": [4, 1, 3]},
    {"side": "real", "window": "boxcar", "scaling": "density", "periodic": True, "shape": [4, 1, 3]},
]
for case in cases:
    init = keras.initializers.STFT(side=case["side"], window=case["window"], scaling=case["scaling"], periodic=case["periodic"])
    case["config"] = keras.saving.serialize_keras_object(init)
    case["kernel"] = keras.ops.convert_to_numpy(init(case["shape"])).tolist()
print(json.dumps(cases))
