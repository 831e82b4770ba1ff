"""Writes golden/<case>.json.gz: Keras's own get_config() and count_params() for each application case.

Run with Keras 3 (any backend) from this package's folder: `python scripts/keras_configs_b.py [case ...]`.
The TypeScript tests build the same architectures with the same arguments and compare layer by layer.
Every case uses weights=None (no downloads) and a small input so the files stay small.
"""

import gzip
import json
import os
import sys

import keras
from keras.src.applications import nasnet

A = keras.applications


def nasnet_mobile(**kwargs):
    """Keras's NASNetMobile, called through its generic builder: NASNetMobile itself refuses the torch backend
    (a runtime bug there), but the graph and its config do not depend on the backend."""
    return nasnet.NASNet(
        penultimate_filters=1056, num_blocks=4, stem_block_filters=32, skip_reduction=False,
        filter_multiplier=2, default_size=224, name="nasnet_mobile", **kwargs,
    )


def nasnet_large(**kwargs):
    """Keras's NASNetLarge through its generic builder (see nasnet_mobile)."""
    return nasnet.NASNet(
        penultimate_filters=4032, num_blocks=6, stem_block_filters=96, skip_reduction=True,
        filter_multiplier=2, default_size=331, name="nasnet_large", **kwargs,
    )
SMALL = (32, 32, 3)
ODD = (35, 35, 3)

CASES = {
    # EfficientNet B0-B7 (efficientnet.ts)
    **{
        f"EfficientNetB{i}": (getattr(A, f"EfficientNetB{i}"), dict(input_shape=SMALL, classes=10))
        for i in range(8)
    },
    "EfficientNetB0_notop_avg_odd": (A.EfficientNetB0, dict(include_top=False, input_shape=ODD, pooling="avg")),
    # EfficientNetV2 (efficientnet-v2.ts)
    **{
        f"EfficientNetV2{s}": (getattr(A, f"EfficientNetV2{s}"), dict(input_shape=SMALL, classes=10))
        for s in ["B0", "B1", "B2", "B3", "S", "M", "L"]
    },
    "EfficientNetV2B0_noprep_notop_max": (
        A.EfficientNetV2B0,
        dict(include_top=False, input_shape=SMALL, pooling="max", include_preprocessing=False),
    ),
    # NASNet (nasnet.ts)
    "NASNetMobile": (nasnet_mobile, dict(input_shape=SMALL, classes=10)),
    "NASNetLarge": (nasnet_large, dict(input_shape=SMALL, classes=10)),
    "NASNetMobile_notop_avg": (nasnet_mobile, dict(include_top=False, input_shape=ODD, pooling="avg")),
    # InceptionResNetV2 (inception-resnet-v2.ts)
    "InceptionResNetV2": (A.InceptionResNetV2, dict(input_shape=(75, 75, 3), classes=10)),
    # ConvNeXt (convnext.ts)
    **{
        f"ConvNeXt{s}": (getattr(A, f"ConvNeXt{s}"), dict(input_shape=SMALL, classes=10))
        for s in ["Tiny", "Small", "Base", "Large", "XLarge"]
    },
    # MobileNetV3 (mobilenet-v3.ts)
    "MobileNetV3Small": (A.MobileNetV3Small, dict(input_shape=SMALL, classes=10)),
    "MobileNetV3Large": (A.MobileNetV3Large, dict(input_shape=SMALL, classes=10)),
    "MobileNetV3Small_minimalistic_alpha075": (
        A.MobileNetV3Small,
        dict(input_shape=SMALL, classes=10, alpha=0.75, minimalistic=True, include_preprocessing=False),
    ),
}


def main(names):
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden")
    os.makedirs(out_dir, exist_ok=True)
    for name in names or CASES:
        build, kwargs = CASES[name]
        model = build(weights=None, **kwargs)
        record = {
            "case": name,
            "function": build.__name__,
            "kwargs": kwargs,
            "count_params": int(model.count_params()),
            "config": model.get_config(),
        }
        text = json.dumps(record, sort_keys=True, default=list)
        with gzip.GzipFile(os.path.join(out_dir, f"{name}.json.gz"), "wb", mtime=0) as f:
            f.write(text.encode("utf-8"))
        print(name, record["count_params"], len(model.layers))
        keras.backend.clear_session()


if __name__ == "__main__":
    main(sys.argv[1:])
