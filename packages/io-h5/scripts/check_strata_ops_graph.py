"""Checks, with real Keras 3, the files Strata saved for a functional model with ops on symbolic tensors.

  STRATA_OPS_EXPORT_DIR=$PWD/ops-export npx vitest run src/models/ops-graph.test.ts   # Strata writes the files
  keras-python scripts/check_strata_ops_graph.py ops-export                            # Keras loads and predicts

For each model (ops_basic, ops_more) and each of strata_<model>.keras and strata_<model>.h5: Keras loads it, predicts on the saved inputs, and the
largest difference from Strata's predictions is printed. Keras 3.15.1 cannot load a legacy .h5 holding op nodes
(its legacy loader looks op classes up as layers: "Unknown layer: 'Sum'"), including the ones it writes itself;
that failure is reported as such.
"""

import json
import sys

import keras
import numpy as np

folder = sys.argv[1] if len(sys.argv) > 1 else "ops-export"
failed = False
for name, ext in [(name, ext) for name in ["ops_basic", "ops_more"] for ext in ["keras", "h5"]]:
    with open(f"{folder}/strata_{name}.json") as f:
        data = json.load(f)
    inputs = [np.asarray(x, dtype="float32") for x in data["inputs"]]
    path = f"{folder}/strata_{name}.{ext}"
    try:
        model = keras.models.load_model(path)
    except Exception as error:  # noqa: BLE001 - reported, not hidden
        print(f"{path}: Keras cannot load it: {type(error).__name__}: {str(error)[:160]}")
        failed = failed or ext == "keras"
        continue
    outputs = model.predict(inputs, verbose=0)
    for i, (ours, theirs) in enumerate(zip(data["outputs"], outputs)):
        ours = np.asarray(ours, dtype="float32")
        diff = float(np.max(np.abs(ours - theirs)))
        scale = float(np.max(np.abs(theirs)))
        ok = np.allclose(theirs, ours, rtol=1e-5, atol=1e-5)
        failed = failed or not ok
        print(f"{path}: output {i} shape {list(theirs.shape)}: max |keras - strata| = {diff:.3g} (scale {scale:.3g}) {'OK' if ok else 'MISMATCH'}")
sys.exit(1 if failed else 0)
