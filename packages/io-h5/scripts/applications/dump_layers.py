"""Keras's output of every layer of one architecture, in float32 and float64, for a layer-by-layer comparison.

Run with real Keras (the runner sees only the current folder):
  keras-python dump_layers.py OUT_DIR Name [--top]
Builds the model with the formula weights (formula.py) twice, once with floatx float32 and once with float64,
and predicts the formula input with a model whose outputs are every layer's output. It writes into OUT_DIR:
  <Name>_<top|notop>.layers.npy   every layer's float32 output, flattened and concatenated in layer order
  <Name>_<top|notop>.layers64.npy the same from the float64 model (stored as float32: a reference to 6e-8)
  <Name>_<top|notop>.layers.json  per layer: name, class, shape, offset into the .npy, and `f32_vs_f64`, the
                                  relative error max |float32 - float64| / max |float64| of Keras itself
src/applications/layers.local.test.ts then has Strata predict the same layers and compares.
"""

import json
import os
import sys

import numpy as np
import torch

torch.set_num_threads(1)
# As in make_applications.py: avoid the oneDNN SIGFPE of Debian trixie's torch 2.6.
torch.backends.mkldnn.enabled = False

import keras  # noqa: E402

from architectures import ARCHITECTURES, BATCH, build, takes_pixels, variant_id  # noqa: E402
from formula import assign_formula_weights, formula_input  # noqa: E402


def layer_outputs(name, include_top, floatx, x):
    keras.config.set_floatx(floatx)
    model = build(keras, name, include_top)
    assign_formula_weights(model)
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    probe = keras.Model(model.inputs, [layer.output for layer in layers])
    outputs = probe.predict(x.astype(floatx), verbose=0)
    result = [(layer.name, type(layer).__name__, np.asarray(out, dtype=np.float64)) for layer, out in zip(layers, outputs)]
    keras.backend.clear_session()
    return result


def main(argv):
    include_top = "--top" in argv
    argv = [a for a in argv if a != "--top"]
    out_dir, name = argv[1], argv[2]
    size = ARCHITECTURES[name][0]
    x = formula_input((BATCH, size, size, 3), takes_pixels(name))
    single = layer_outputs(name, include_top, "float32", x)
    double = layer_outputs(name, include_top, "float64", x)
    keras.config.set_floatx("float32")
    index, chunks, chunks64, offset = [], [], [], 0
    for (layer_name, class_name, out32), (_, _, out64) in zip(single, double):
        scale = max(float(np.abs(out64).max()), 1e-30)
        index.append(
            {
                "name": layer_name,
                "class": class_name,
                "shape": list(out32.shape),
                "offset": offset,
                "f32_vs_f64": float(np.abs(out32 - out64).max() / scale),
            }
        )
        chunks.append(out32.astype(np.float32).reshape(-1))
        chunks64.append(out64.astype(np.float32).reshape(-1))
        offset += out32.size
    ident = variant_id(name, include_top)
    np.save(os.path.join(out_dir, f"{ident}.layers.npy"), np.concatenate(chunks))
    np.save(os.path.join(out_dir, f"{ident}.layers64.npy"), np.concatenate(chunks64))
    with open(os.path.join(out_dir, f"{ident}.layers.json"), "w") as handle:
        json.dump(index, handle)
    last = index[-1]
    print(ident, json.dumps({"layers": len(index), "last": last["name"], "f32_vs_f64": last["f32_vs_f64"]}), flush=True)


if __name__ == "__main__":
    main(sys.argv)
