"""Real Keras loads the files Strata saved and predicts what Keras predicted for its own model.

Run with real Keras from this folder, after files.local.test.ts wrote <variant>.strata.keras/.h5:
  keras-python check_strata_files.py OUT_DIR [variant ...]
Writes <variant>.keras-check.json: the relative error of each file, or the error Keras raised.
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
from keras.src.applications.convnext import LayerScale, StochasticDepth  # noqa: E402
from keras.src.applications.inception_resnet_v2 import CustomScaleLayer  # noqa: E402

# A legacy .h5 config names classes without their module, so Keras cannot find the ones its applications
# modules define: it refuses even its own ConvNeXt and InceptionResNetV2 .h5 files without these.
H5_CUSTOM_OBJECTS = {"LayerScale": LayerScale, "StochasticDepth": StochasticDepth, "CustomScaleLayer": CustomScaleLayer}


def relative_error(actual, expected):
    actual = np.asarray(actual, dtype=np.float64).reshape(-1)
    expected = np.asarray(expected, dtype=np.float64).reshape(-1)
    if actual.shape != expected.shape:
        return float("inf")
    scale = np.abs(expected).max()
    worst = np.abs(actual - expected).max()
    return float(worst / scale) if scale > 0 else float(worst)


def check(out_dir, variant):
    x = np.load(os.path.join(out_dir, f"{variant}.input.npy"))
    expected = np.load(os.path.join(out_dir, f"{variant}.predict.npy"))
    result = {"variant": variant, "errors": []}
    for fmt in ("keras", "h5"):
        path = os.path.join(out_dir, f"{variant}.strata.{fmt}")
        if not os.path.exists(path):
            result["errors"].append(f"{fmt}: Strata wrote no file")
            continue
        try:
            custom_objects = H5_CUSTOM_OBJECTS if fmt == "h5" else None
            model = keras.saving.load_model(path, compile=False, custom_objects=custom_objects)
            result[fmt] = relative_error(model.predict(x, verbose=0), expected)
            del model
        except Exception as error:  # noqa: BLE001 - recorded, the run goes on
            result["errors"].append(f"{fmt}: {type(error).__name__}: {str(error)[:500]}")
        keras.backend.clear_session()
    with open(os.path.join(out_dir, f"{variant}.keras-check.json"), "w") as handle:
        json.dump(result, handle)
    print(json.dumps(result), flush=True)


def main(argv):
    out_dir = argv[1]
    variants = argv[2:] or sorted(
        name[: -len(".strata.json")] for name in os.listdir(out_dir) if name.endswith(".strata.json")
    )
    for variant in variants:
        check(out_dir, variant)


if __name__ == "__main__":
    main(sys.argv)
