"""Writes Keras 3's get_config() and count_params() for keras.applications architectures.

Run with real Keras (3.15.1) from packages/applications: `python scripts/keras_configs.py [name-prefix ...]`.
Each case becomes ../golden/<case>.json.gz holding {"args", "count_params", "config"}; the
TypeScript tests build the same architecture with the same arguments and compare.
Small input sizes and few classes keep the files and the tests small.
"""

import gzip
import json
import os
import sys

import keras

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden")
A = keras.applications

# case name -> (constructor, keyword arguments). weights=None everywhere.
CASES = {
    "vgg16_top": (A.VGG16, dict(input_shape=(32, 32, 3), classes=10)),
    "vgg16_notop_max": (A.VGG16, dict(include_top=False, pooling="max")),
    "vgg19_top": (A.VGG19, dict(input_shape=(32, 32, 3), classes=10)),
    "resnet50_top": (A.ResNet50, dict(input_shape=(32, 32, 3), classes=10)),
    "resnet50_notop_avg": (A.ResNet50, dict(include_top=False, pooling="avg")),
    "resnet101_top": (A.ResNet101, dict(input_shape=(32, 32, 3), classes=10)),
    "resnet152_top": (A.ResNet152, dict(input_shape=(32, 32, 3), classes=10)),
    "resnet50v2_top": (A.ResNet50V2, dict(input_shape=(32, 32, 3), classes=10)),
    "resnet50v2_notop": (A.ResNet50V2, dict(include_top=False)),
    "resnet101v2_top": (A.ResNet101V2, dict(input_shape=(32, 32, 3), classes=10)),
    "resnet152v2_top": (A.ResNet152V2, dict(input_shape=(32, 32, 3), classes=10)),
    "densenet121_top": (A.DenseNet121, dict(input_shape=(32, 32, 3), classes=10)),
    "densenet121_notop_max": (A.DenseNet121, dict(include_top=False, pooling="max")),
    "densenet169_top": (A.DenseNet169, dict(input_shape=(32, 32, 3), classes=10)),
    "densenet201_top": (A.DenseNet201, dict(input_shape=(32, 32, 3), classes=10)),
    "mobilenet_top": (A.MobileNet, dict(input_shape=(32, 32, 3), classes=10)),
    "mobilenet_a050_dm2_notop": (
        A.MobileNet,
        dict(input_shape=(35, 35, 3), alpha=0.5, depth_multiplier=2, include_top=False, pooling="avg"),
    ),
    "mobilenetv2_top": (A.MobileNetV2, dict(input_shape=(32, 32, 3), classes=10)),
    "mobilenetv2_a035_notop": (
        A.MobileNetV2,
        dict(input_shape=(33, 33, 3), alpha=0.35, include_top=False, pooling="max"),
    ),
    "mobilenetv2_a130_top": (A.MobileNetV2, dict(input_shape=(32, 32, 3), alpha=1.3, classes=10)),
    "xception_top": (A.Xception, dict(input_shape=(71, 71, 3), classes=10)),
    "xception_notop_avg": (A.Xception, dict(include_top=False, pooling="avg")),
    "inceptionv3_top": (A.InceptionV3, dict(input_shape=(75, 75, 3), classes=10)),
    "inceptionv3_notop": (A.InceptionV3, dict(include_top=False)),
}


def main(prefixes):
    os.makedirs(OUT, exist_ok=True)
    for name, (ctor, kwargs) in CASES.items():
        if prefixes and not any(name.startswith(p) for p in prefixes):
            continue
        keras.utils.clear_session()
        model = ctor(weights=None, **kwargs)
        args = {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()}
        record = {
            "keras_version": keras.__version__,
            "constructor": ctor.__name__,
            "args": args,
            "count_params": int(model.count_params()),
            "config": model.get_config(),
        }
        with gzip.open(os.path.join(OUT, name + ".json.gz"), "wt", encoding="utf-8") as f:
            json.dump(record, f, separators=(",", ":"), sort_keys=True)
        print(name, record["count_params"], len(record["config"]["layers"]), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
