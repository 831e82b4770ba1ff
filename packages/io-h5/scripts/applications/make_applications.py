"""Writes every keras.applications architecture as Keras 3.15.1 files, for Strata's parity checks.

Run with real Keras from packages/io-h5 (the runner sees only the current folder):
  keras-python scripts/applications/make_applications.py OUT_DIR [--no-files] [--fixtures DIR] [--float64-max-params N] [Name ...]
NASNet refuses the torch backend in Keras 3.15.1: run it with KERAS_BACKEND=numpy.
For each architecture and include_top in (False, True) it writes, into OUT_DIR (big: never commit it):
  <Name>_<top|notop>.keras, .h5      the model with the formula weights (formula.py)
  <Name>_<top|notop>.input.npy       the formula input batch
  <Name>_<top|notop>.predict.npy     Keras's prediction for it
  <Name>_<top|notop>.config.json     model.to_json(), the config the CI fixtures carry
  <Name>_<top|notop>.meta.json       input size, shapes, parameter count, seconds, and Keras's own float32 error:
                                     the same model built in float64 predicts, and max |f32 - f64| / max |f64|
                                     says how far float32 rounding alone moves this network's output
With --no-files it skips the .keras and .h5 (a quick look at configs and predictions).
With --fixtures DIR it also writes the small committed CI fixture (config gzipped, the prediction) there.
"""

import gzip
import json
import os
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
# Debian trixie's torch 2.6 oneDNN build dies of SIGFPE in some strided 7x7 convolutions; the native kernels do not.
torch.backends.mkldnn.enabled = False

import keras  # noqa: E402

from architectures import ARCHITECTURES, BATCH, build, takes_pixels, variant_id  # noqa: E402
from formula import assign_formula_weights, formula_input  # noqa: E402


# Above this many parameters the float64 twin is not built (it needs twice the float32 model's memory);
# --float64-max-params N raises the cap for one run (EfficientNetV2L's 118 M fit in 23 GB).
FLOAT64_MAX_PARAMS = 100_000_000


def float64_error(name, include_top, x, prediction):
    """Keras's float32 prediction against the same model and input in float64: float32 rounding's own effect."""
    keras.config.set_floatx("float64")
    try:
        model = build(keras, name, include_top)
        assign_formula_weights(model)
        exact = np.asarray(model.predict(x.astype(np.float64), verbose=0), dtype=np.float64)
    finally:
        keras.config.set_floatx("float32")
        keras.backend.clear_session()
    return float(np.abs(prediction - exact).max() / max(float(np.abs(exact).max()), 1e-30))


def write_variant(out_dir, name, include_top, fixtures_dir=None, files=True):
    started = time.time()
    ident = variant_id(name, include_top)
    model = build(keras, name, include_top)
    assign_formula_weights(model)
    size = ARCHITECTURES[name][0]
    x = formula_input((BATCH, size, size, 3), takes_pixels(name))
    prediction = np.asarray(model.predict(x, verbose=0))
    if files:
        model.save(os.path.join(out_dir, f"{ident}.keras"))
        model.save(os.path.join(out_dir, f"{ident}.h5"))
    np.save(os.path.join(out_dir, f"{ident}.input.npy"), x)
    np.save(os.path.join(out_dir, f"{ident}.predict.npy"), prediction)
    config = model.to_json()
    with open(os.path.join(out_dir, f"{ident}.config.json"), "w") as handle:
        handle.write(config)
    meta = {
        "name": name,
        "include_top": include_top,
        "input_shape": list(x.shape),
        "input_pixels": takes_pixels(name),
        "output_shape": list(prediction.shape),
        # How much the two batch items differ, relative to the output's scale: 0 would mean a saturated network.
        "batch_spread": float(np.abs(prediction[0] - prediction[1]).max() / max(np.abs(prediction).max(), 1e-30)),
        "params": int(model.count_params()),
        "layers": len(model.layers),
        "keras_seconds": round(time.time() - started, 1),
    }
    del model
    keras.backend.clear_session()
    if meta["params"] <= FLOAT64_MAX_PARAMS:
        meta["keras_float32_vs_float64"] = float64_error(name, include_top, x, prediction.astype(np.float64))
    with open(os.path.join(out_dir, f"{ident}.meta.json"), "w") as handle:
        json.dump(meta, handle)
    if fixtures_dir is not None:
        fixture = {
            "name": name,
            "include_top": include_top,
            "input_shape": list(x.shape),
            "input_pixels": takes_pixels(name),
            "output_shape": list(prediction.shape),
            # Eight significant digits: float32 holds about seven, and the file stays small.
            "prediction": [float(f"{v:.8g}") for v in prediction.reshape(-1)],
            "config": json.loads(config),
        }
        with gzip.open(os.path.join(fixtures_dir, f"{ident}.json.gz"), "wt", compresslevel=9) as handle:
            json.dump(fixture, handle, separators=(",", ":"))
    print(ident, json.dumps(meta), flush=True)


def main(argv):
    fixtures_dir = None
    if "--fixtures" in argv:
        at = argv.index("--fixtures")
        fixtures_dir = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
        os.makedirs(fixtures_dir, exist_ok=True)
    global FLOAT64_MAX_PARAMS
    if "--float64-max-params" in argv:
        at = argv.index("--float64-max-params")
        FLOAT64_MAX_PARAMS = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    files = "--no-files" not in argv
    if not files:
        argv.remove("--no-files")
    tops = [False, True]
    for flag, value in (("--top-only", [True]), ("--notop-only", [False])):
        if flag in argv:
            argv.remove(flag)
            tops = value
    out_dir = argv[1]
    os.makedirs(out_dir, exist_ok=True)
    names = argv[2:] or list(ARCHITECTURES)
    for name in names:
        for include_top in tops:
            write_variant(out_dir, name, include_top, fixtures_dir, files)


if __name__ == "__main__":
    main(sys.argv)
