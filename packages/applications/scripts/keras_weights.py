"""Writes a small Keras application's legacy .h5 weight file (the format of Keras's own ImageNet weight files),
an input batch and Keras's prediction, for the test that a TypeScript-built model loads Keras's weights.

Run with real Keras (3.15.1) from packages/applications: `python scripts/keras_weights.py`.
Every weight gets random values (BatchNorm variances positive) so that the prediction exercises all of them.
"""

import json
import os

import h5py
import keras
import numpy as np
from keras.src.legacy.saving import legacy_h5_format

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden")


def main():
    keras.utils.clear_session()
    model = keras.applications.MobileNet(
        weights=None, input_shape=(32, 32, 3), alpha=0.25, include_top=False, pooling="avg"
    )
    rng = np.random.default_rng(0)
    for w in model.weights:
        shape = tuple(w.shape)
        if "variance" in w.path:
            value = rng.uniform(0.5, 1.5, shape)
        else:
            value = rng.normal(0.0, 0.3, shape)
        w.assign(value.astype("float32"))
    x = rng.uniform(0.0, 1.0, (2, 32, 32, 3)).astype("float32")
    y = np.asarray(model.predict(x, verbose=0))
    with h5py.File(os.path.join(OUT, "mobilenet_a025_notop_weights.h5"), "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
    record = {
        "keras_version": keras.__version__,
        "args": {"input_shape": [32, 32, 3], "alpha": 0.25, "include_top": False, "pooling": "avg"},
        "x_shape": list(x.shape),
        "x": x.reshape(-1).tolist(),
        "y_shape": list(y.shape),
        "y": y.reshape(-1).tolist(),
    }
    with open(os.path.join(OUT, "mobilenet_a025_notop_prediction.json"), "w") as f:
        json.dump(record, f)
    print(model.count_params(), y.shape, float(np.abs(y).max()))


if __name__ == "__main__":
    main()
