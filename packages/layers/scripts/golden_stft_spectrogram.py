"""Keras 3's STFTSpectrogram on a short two-channel signal (golden/stft-spectrogram.json).

  keras-python scripts/golden_stft_spectrogram.py > golden/stft-spectrogram.json
"""

import json

import keras
import numpy as np


def signal(shape):
    t = np.arange(int(np.prod(shape)), dtype="float32")
    return (np.sin(t * 0.31) + 0.5 * np.cos(t * 1.7 + 0.2)).reshape(shape).astype("float32")


cases = []
for kwargs in [
    {"mode": "log", "frame_length": 16},
    {"mode": "magnitude", "frame_length": 12, "frame_step": 5, "padding": "same"},
    {"mode": "psd", "frame_length": 16, "frame_step": 8, "fft_length": 32, "window": "hamming", "periodic": True},
    {"mode": "real", "frame_length": 8, "frame_step": 4, "scaling": "spectrum", "expand_dims": True},
    {"mode": "imag", "frame_length": 8, "frame_step": 3, "scaling": None, "window": None},
    {"mode": "angle", "frame_length": 10, "frame_step": 6, "window": "blackman"},
    {"mode": "stft", "frame_length": 8, "frame_step": 8, "data_format": "channels_first"},
    {"mode": "log", "frame_length": 16, "frame_step": 4, "padding": "same", "expand_dims": True, "data_format": "channels_first"},
]:
    layer = keras.layers.STFTSpectrogram(**kwargs)
    channels_first = kwargs.get("data_format") == "channels_first"
    shape = (2, 2, 48) if channels_first else (2, 48, 2)
    x = signal(shape)
    y = keras.ops.convert_to_numpy(layer(x))
    config = {k: v for k, v in layer.get_config().items() if k not in ("name", "dtype", "trainable")}
    cases.append({"kwargs": kwargs, "shape": list(shape), "config": config, "output": np.round(y, 6).tolist(), "trainable_weights": len(layer.trainable_weights), "non_trainable_weights": len(layer.non_trainable_weights)})
print(json.dumps({"keras_version": keras.__version__, "cases": cases}))
