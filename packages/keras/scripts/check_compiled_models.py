"""Checks, with real Keras 3, the compiled models Strata saved (src/compiled-models-keras.test.ts): Keras loads
each file, predicts Strata's inputs, and reads the compile config (optimizer, loss, metrics). The report it
prints is committed as fixtures/compiled-models/keras-report.json, which the test reads.

  STRATA_COMPILED_EXPORT_DIR=$PWD/compiled-export npx vitest run src/compiled-models-keras.test.ts -t export
  keras-python scripts/check_compiled_models.py compiled-export > fixtures/compiled-models/keras-report.json
"""

import json
import sys

import keras
import numpy as np

folder = sys.argv[1] if len(sys.argv) > 1 else "compiled-export"
with open(f"{folder}/predictions.json") as f:
    data = json.load(f)


def keras_own_h5_error(name):
    """Keras's own .h5 of the same model, loaded and trained as Strata's is: Keras's error, or None. Keras 3.15.1
    cannot load a legacy .h5 compiled with loss='mse' ("'keras.metrics.mse' ... is not a KerasSaveable subclass"),
    nor one with an Embedding(mask_zero=True) ("Unknown layer: 'NotEqual'"), so its own functional model here has
    no mask_zero: this tells Keras's limitations from faults of Strata's files."""
    if name == "sequential":
        own = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)])
        own.compile(optimizer=keras.optimizers.SGD(1.0), loss="mse", metrics=["mae"])
        x, y = np.ones((1, 3), "float32"), np.zeros((1, 2), "float32")
    else:
        tokens = keras.Input((5,), dtype="int32", name="tokens")
        encoded = keras.layers.LSTM(3, name="lstm")(keras.layers.Embedding(12, 4, name="emb")(tokens))
        own = keras.Model(tokens, keras.layers.Dense(2, activation="softmax", name="probs")(encoded))
        own.compile(optimizer=keras.optimizers.RMSprop(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        x, y = np.array([[3, 7, 1, 0, 0]], "int32"), np.zeros((1,), "int32")
    own.save(f"{folder}/keras_own_{name}.h5")
    try:
        keras.models.load_model(f"{folder}/keras_own_{name}.h5").train_on_batch(x, y)
        return None
    except Exception as error:  # noqa: BLE001
        return f"{type(error).__name__}: {str(error)[:120]}"


report = []
for name in ["sequential", "functional"]:
    case = data[name]
    x = np.asarray(case["input"], dtype=case["input_dtype"])
    for ext in ["keras", "h5"]:
        row = {"file": f"{name}.{ext}"}
        try:
            model = keras.models.load_model(f"{folder}/{name}.{ext}")
            theirs = np.asarray(model.predict(x, verbose=0))
            ours = np.asarray(case["output"], dtype="float32")
            row["max_abs_diff"] = float(np.max(np.abs(theirs - ours))) if theirs.shape == ours.shape else None
            row["compiled"] = bool(model.compiled)
            optimizer = model.optimizer
            row["optimizer"] = {
                "class_name": type(optimizer).__name__,
                "learning_rate": round(float(optimizer.learning_rate), 6),
                "momentum": float(getattr(optimizer, "momentum", 0.0)),
            }
            row["loss"] = model.loss if isinstance(model.loss, str) else type(model.loss).__name__
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            row["error"] = f"{type(error).__name__}: {str(error)[:300]}"
            row["keras_own_h5_error"] = keras_own_h5_error(name) if ext == "h5" else None
            # The weights and architecture still load without the compile config: check the predictions.
            theirs = np.asarray(keras.models.load_model(f"{folder}/{name}.{ext}", compile=False).predict(x, verbose=0))
            row["uncompiled_max_abs_diff"] = float(np.max(np.abs(theirs - np.asarray(case["output"], "float32"))))
            report.append(row)
            continue
        # A compiled model that Keras can keep training: one step on Strata's inputs.
        y = np.zeros((x.shape[0], 2), "float32") if name == "sequential" else np.zeros((x.shape[0],), "int32")
        try:
            row["trains"] = sorted(model.train_on_batch(x, y, return_dict=True))
        except Exception as error:  # noqa: BLE001
            row["train_error"] = f"{type(error).__name__}: {str(error)[:120]}"
            row["keras_own_h5_error"] = keras_own_h5_error(name) if ext == "h5" else None
        report.append(row)
print(json.dumps(report, indent=2))
