"""Checks, with real Keras 3, the files Strata saved for registered custom objects and for layers called on
several tensors: Keras loads each one (the custom classes written in Python and registered under the same
names, as a user would) and predicts, and the largest difference from Strata's predictions is printed.

  STRATA_CUSTOM_EXPORT_DIR=$PWD/custom-export STRATA_MULTI_ARG_EXPORT_DIR=$PWD/custom-export \
    npx vitest run src/models/custom-objects.test.ts src/models/multi-arg.test.ts src/models/mask-args.test.ts -t export
  keras-python scripts/check_strata_custom_objects.py custom-export                 # Keras loads and predicts

Files: strata_custom_layer.{keras,h5} (a functional model with the registered layer Custom>Scale, compiled with
the registered loss Custom>ScaledMSE), strata_custom_model.keras (the registered subclassed model
Custom>TinyModel), strata_multi_arg.{keras,h5} (MultiHeadAttention(query, value, key, attention_mask=...),
Attention([q, v], mask=[...]), Softmax(x, mask=...) and the rest of scripts/custom_objects_fixtures.py),
strata_mask_args.{keras,h5} (LSTM/GRU with mask and initial_state, GlobalAveragePooling1D, TimeDistributed and
Bidirectional with mask, MultiHeadAttention(x, x, query_mask, value_mask), an Embedding's mask, merge layers).
"""

import json
import sys

import keras
import numpy as np

# The same classes as the fixtures, registered under the same names.
sys.path.insert(0, "scripts")
import custom_objects_fixtures as classes  # noqa: E402,F401 - registers Custom>Scale, Custom>ScaledMSE, Custom>TinyModel

folder = sys.argv[1] if len(sys.argv) > 1 else "custom-export"
failed = False
for name, exts in [("custom_layer", ["keras", "h5"]), ("custom_model", ["keras"]), ("multi_arg", ["keras", "h5"]), ("mask_args", ["keras", "h5"])]:
    with open(f"{folder}/strata_{name}.json") as f:
        data = json.load(f)
    dtypes = data.get("input_dtypes") or ["float32"] * len(data["inputs"])
    inputs = [np.asarray(x, dtype=dtype) for x, dtype in zip(data["inputs"], dtypes)]
    for ext in exts:
        path = f"{folder}/strata_{name}.{ext}"
        try:
            model = keras.models.load_model(path)
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            print(f"{path}: Keras cannot load it: {type(error).__name__}: {str(error)[:300]}")
            # Keras 3.15.1's legacy .h5 loader turns Attention's score_mode 'dot' into the function keras.ops.dot and
            # then refuses it, in the files it writes itself too: that is Keras's limitation, not Strata's file.
            try:
                keras.models.load_model(f"fixtures/custom-objects/{name}.{ext}")
                failed = True
            except Exception as own:  # noqa: BLE001
                print(f"  Keras cannot load its own fixtures/custom-objects/{name}.{ext} either ({type(own).__name__}): a Keras limitation")
            continue
        outputs = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
        outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        extra = ""
        if name == "custom_layer":
            extra = f" (layer {type(model.get_layer('scale')).__name__}, loss {type(model.loss).__name__})"
        if name == "custom_model":
            extra = f" (class {type(model).__name__}, units {model.units})"
        for i, (ours, theirs) in enumerate(zip(data["outputs"], outputs)):
            ours = np.asarray(ours, dtype="float32")
            theirs = np.asarray(theirs)
            diff = float(np.max(np.abs(ours - theirs)))
            ok = ours.shape == theirs.shape and np.allclose(theirs, ours, rtol=1e-5, atol=1e-5)
            failed = failed or not ok
            print(f"{path}: output {i} shape {list(theirs.shape)}: max |keras - strata| = {diff:.3g}{extra} {'OK' if ok else 'MISMATCH'}")
sys.exit(1 if failed else 0)
