"""Keras 3's MelSpectrogram on a short signal (golden/mel-spectrogram.json).

  keras-python scripts/golden_mel_spectrogram.py > golden/mel-spectrogram.json
"""

import json

import keras
import numpy as np


def signal(shape):
    t = np.arange(int(np.prod(shape)), dtype="float32")
    return (np.sin(t * 0.31) + 0.5 * np.cos(t * 1.7 + 0.2)).reshape(shape).astype("float32")


cases = []
for kwargs, shape in [
    ({"fft_length": 64, "sequence_stride": 16, "sampling_rate": 8000, "num_mel_bins": 10}, (2, 200)),
    ({"fft_length": 64, "sequence_stride": 20, "sequence_length": 48, "sampling_rate": 8000, "num_mel_bins": 12, "min_freq": 100.0, "max_freq": 3000.0, "power_to_db": False, "mag_exp": 1.0}, (2, 160)),
    ({"fft_length": 32, "sequence_stride": 8, "window": "hamming", "sampling_rate": 4000, "num_mel_bins": 6, "top_db": 20.0, "ref_power": 2.0, "min_power": 1e-6}, (3, 96)),
    ({"fft_length": 32, "sequence_stride": 10, "sampling_rate": 16000, "num_mel_bins": 8}, (120,)),
]:
    layer = keras.layers.MelSpectrogram(**kwargs)
    x = signal(shape)
    y = keras.ops.convert_to_numpy(layer(x))
    config = {k: v for k, v in layer.get_config().items() if k not in ("name", "dtype", "trainable")}
    cases.append({"kwargs": kwargs, "shape": list(shape), "config": config, "output": np.round(y, 5).tolist(), "output_shape": list(y.shape), "computed_shape": [d for d in layer.compute_output_shape(shape)]})
print(json.dumps({"keras_version": keras.__version__, "cases": cases}))
