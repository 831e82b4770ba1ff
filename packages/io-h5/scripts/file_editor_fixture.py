"""Fixtures for KerasFileEditor (keras.saving.KerasFileEditor), in two steps, with real Keras 3.15.1.

Run from packages/io-h5: keras-python scripts/file_editor_fixture.py write
  writes fixtures/file-editor/mlp.keras and mlp.weights.h5 (Input(4), Dense(3) 'dense', Dense(2) 'dense_1'),
  and keras.json: what Keras's editor reports for mlp.keras (summary lines, weights shapes).
Then the Strata test, with STRATA_WRITE_EDITOR_FIXTURE=1, writes fixtures/file-editor/edited.weights.h5:
  layers/dense_1 deleted and added back with a kernel (3, 5) and a bias (5,), and layers/dense renamed to
  layers/dense_keep and back.
Then: keras-python scripts/file_editor_fixture.py check
  loads edited.weights.h5 into Input(4), Dense(3), Dense(5), predicts on fixed inputs and records
  in keras-check.json what Keras printed.
"""
import contextlib
import io
import json
import os
import sys

import numpy as np

import keras
from keras import layers

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "file-editor")
os.chdir(HERE)  # Relative file names: what Keras prints names the file, not this machine.
X = np.arange(8, dtype="float32").reshape(2, 4) / 10.0


def model(units):
    return keras.Sequential([keras.Input((4,)), layers.Dense(3, name="dense"), layers.Dense(units, name="dense_1")],
                            name="mlp")


if sys.argv[1] == "write":
    rng = np.random.RandomState(3)
    m = model(2)
    m.set_weights([rng.randn(*w.shape).astype("float32").round(3) for w in m.get_weights()])
    m.save("mlp.keras")
    m.save_weights("mlp.weights.h5")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        editor = keras.saving.KerasFileEditor("mlp.keras")
        editor.summary()
    def shapes(d):
        return {k: shapes(v) if isinstance(v, dict) else list(v.shape) for k, v in d.items()}
    record = {"printed": out.getvalue().splitlines(), "weights": shapes(editor.weights_dict),
              "metadata": editor.metadata, "weights_values": [w.tolist() for w in m.get_weights()]}
    with open("keras.json", "w") as f:
        json.dump(record, f, indent=1)
    print(json.dumps(record, indent=1))
else:
    m = model(5)
    m.load_weights("edited.weights.h5")
    editor = keras.saving.KerasFileEditor("edited.weights.h5")
    result = editor.compare(m)
    record = {"x": X.tolist(), "predictions": m.predict(X, verbose=0).tolist(),
              "weights": [w.tolist() for w in m.get_weights()], "compare": result}
    with open("keras-check.json", "w") as f:
        json.dump(record, f, indent=1)
    print(json.dumps(record, indent=1))
