"""Writes the small real Keras files that CI loads through the file loader (committed, about 1 MB each).

Run with real Keras from a folder holding this script, formula.py and architectures.py:
  keras-python make_small_files.py OUT_DIR
Writes mobilenet_025_top.keras and .h5 (MobileNet, alpha 0.25, 32x32, 5 classes, logits, formula weights)
and mobilenet_025_top.json: the input shape and Keras's prediction for the formula input.
"""

import json
import os
import sys

import numpy as np
import torch

torch.set_num_threads(1)
torch.backends.mkldnn.enabled = False

import keras  # noqa: E402

from formula import assign_formula_weights, formula_input  # noqa: E402

out_dir = sys.argv[1]
os.makedirs(out_dir, exist_ok=True)
model = keras.applications.MobileNet(
    weights=None, input_shape=(32, 32, 3), alpha=0.25, include_top=True, classes=5, classifier_activation=None
)
assign_formula_weights(model)
x = formula_input((2, 32, 32, 3), False)
prediction = np.asarray(model.predict(x, verbose=0))
model.save(os.path.join(out_dir, "mobilenet_025_top.keras"))
model.save(os.path.join(out_dir, "mobilenet_025_top.h5"))
with open(os.path.join(out_dir, "mobilenet_025_top.json"), "w") as handle:
    json.dump({"input_shape": list(x.shape), "input_pixels": False, "prediction": prediction.reshape(-1).tolist(), "output_shape": list(prediction.shape)}, handle)
print(prediction)
