"""Keras 3's colour augmentation layers on deterministic images, each with a
fixed transformation (golden/augment-color.json): Keras's get_config() and the
output of transform_images(images, transformation, training=True).

  keras-python scripts/golden_augment_color.py > golden/augment-color.json
"""

import json

import keras
import numpy as np
from keras import ops

L = keras.layers


def sine_images(shape, low, high):
    """low + (sin(0.37 i + 0.1) + 1) / 2 * (high - low), i the flat index, to 3 decimals."""
    unit = (np.sin(np.arange(int(np.prod(shape)), dtype="float32") * 0.37 + 0.1) + 1) / 2
    return np.round(low + unit * (high - low), 3).reshape(shape).astype("float32")


def float32_list(array):
    """The shortest decimal that reads back as the same float32 (a float64 dump is twice as long)."""
    return [float(str(np.float32(v))) for v in np.asarray(array, dtype="float32").reshape(-1)]


def spec(values, dtype="float32"):
    """A tensor of the transformation, as Keras's layer takes it and as the JSON writes it."""
    array = np.asarray(values, dtype=dtype)
    return {"dtype": dtype, "shape": list(array.shape), "values": array.reshape(-1).tolist()}


def to_keras(node):
    if node is None:
        return None
    if "dtype" in node and "values" in node:
        return ops.convert_to_tensor(np.asarray(node["values"], dtype=node["dtype"]).reshape(node["shape"]))
    return {key: to_keras(value) for key, value in node.items()}


def config_of(layer):
    return {k: v for k, v in layer.get_config().items() if k not in ("name", "dtype", "trainable")}


CHANNELS_LAST = (2, 5, 6, 3)
CHANNELS_FIRST = (2, 3, 5, 6)

# (label, class name, constructor kwargs, image shape, low, high, transformation)
CASES = [
    ("factor 0.3", "RandomBrightness", {"factor": 0.3}, CHANNELS_LAST, 20.0, 240.0,
     {"rgb_delta": spec([[[[40.0]]], [[[-55.5]]]])}),
    ("value range [0, 1], channels_first", "RandomBrightness",
     {"factor": (-0.5, 0.2), "value_range": (1, 0), "data_format": "channels_first", "seed": 3}, CHANNELS_FIRST, 0.1, 0.9,
     {"rgb_delta": spec([[[[0.15]]], [[[-0.3]]]])}),
    ("factor 0.5", "RandomContrast", {"factor": 0.5, "seed": 1}, CHANNELS_LAST, 30.0, 220.0,
     {"contrast_factor": spec([[[[1.4]]], [[[0.6]]]])}),
    ("value range [-1, 1], channels_first", "RandomContrast",
     {"factor": (0.2, 0.7), "value_range": (-1, 1), "data_format": "channels_first"}, CHANNELS_FIRST, -0.8, 0.9,
     {"contrast_factor": spec([[[[1.9]]], [[[0.5]]]])}),
    ("factor 0.5", "RandomGrayscale", {"factor": 0.5, "seed": 2}, CHANNELS_LAST, 0.0, 255.0,
     spec([[[[True]]], [[[False]]]], "bool")),
    ("channels_first", "RandomGrayscale", {"factor": 0.8, "data_format": "channels_first"}, CHANNELS_FIRST, 0.0, 1.0,
     spec([[[[False]]], [[[True]]]], "bool")),
    ("default", "RandomInvert", {"seed": 4}, CHANNELS_LAST, 0.0, 255.0,
     {"apply_inversion": spec([True, False], "bool")}),
    ("value range [-1, 1], channels_first", "RandomInvert",
     {"factor": (0.2, 0.6), "value_range": (-1, 1), "data_format": "channels_first"}, CHANNELS_FIRST, -1.0, 1.0,
     {"apply_inversion": spec([False, True], "bool")}),
    ("factor 4", "RandomPosterization", {"factor": 4, "seed": 5}, CHANNELS_LAST, 0.0, 255.0,
     {"shift_factor": spec([5, 2], "uint8")}),
    ("value range [0, 1], channels_first", "RandomPosterization",
     {"factor": (2, 6), "value_range": (0, 1), "data_format": "channels_first"}, CHANNELS_FIRST, 0.0, 1.0,
     {"shift_factor": spec([7, 3], "uint8")}),
    ("addition and threshold", "Solarization", {"addition_factor": 0.2, "threshold_factor": (0.3, 0.6), "seed": 6},
     CHANNELS_LAST, 0.0, 255.0,
     {"additions": spec([[[[20.0]]], [[[0.0]]]]), "thresholds": spec([[[[128.0]]], [[[90.0]]]])}),
    ("value range [0, 1]", "Solarization", {"threshold_factor": 0.5, "value_range": (0, 1)}, CHANNELS_LAST, 0.0, 1.0,
     {"additions": spec([[[[10.0]]], [[[35.0]]]]), "thresholds": spec([[[[100.0]]], [[[200.0]]]])}),
    ("factor 0.5", "RandomColorDegeneration", {"factor": 0.5, "seed": 7}, CHANNELS_LAST, 10.0, 250.0,
     {"factor": spec([[[[0.3]]], [[[-0.4]]]])}),
    ("value range [0, 1], channels_first", "RandomColorDegeneration",
     {"factor": (0.2, 0.9), "value_range": (0, 1), "data_format": "channels_first"}, CHANNELS_FIRST, 0.0, 1.0,
     {"factor": spec([[[[0.9]]], [[[0.25]]]])}),
    ("factor 0.5", "RandomSaturation", {"factor": 0.5, "seed": 8}, CHANNELS_LAST, 10.0, 250.0,
     {"factor": spec([0.3, 2.5])}),
    ("value range [0, 1], channels_first", "RandomSaturation",
     {"factor": (0.1, 0.9), "value_range": (0, 1), "data_format": "channels_first"}, CHANNELS_FIRST, 0.0, 1.0,
     {"factor": spec([0.0, 1.7])}),
    ("factor 0.4", "RandomHue", {"factor": 0.4, "seed": 9}, CHANNELS_LAST, 10.0, 250.0,
     {"factor": spec([0.15, -0.2])}),
    ("value range [0, 1], channels_first", "RandomHue",
     {"factor": (0.2, 0.9), "value_range": (0, 1), "data_format": "channels_first"}, CHANNELS_FIRST, 0.0, 1.0,
     {"factor": spec([-0.45, 0.3])}),
    ("factor 0.6", "RandomSharpness", {"factor": 0.6, "seed": 10}, CHANNELS_LAST, 10.0, 250.0,
     {"factor": spec([0.1, 0.9])}),
    ("value range [0, 1], channels_first", "RandomSharpness",
     {"factor": (0.2, 1.0), "value_range": (0, 1), "data_format": "channels_first"}, CHANNELS_FIRST, 0.0, 1.0,
     {"factor": spec([0.5, 1.0])}),
    ("all four steps", "RandomColorJitter",
     {"brightness_factor": 0.2, "contrast_factor": 0.3, "saturation_factor": (0.3, 0.7), "hue_factor": 0.2, "seed": 11},
     CHANNELS_LAST, 10.0, 250.0,
     {"brightness": {"rgb_delta": spec([[[[10.0]]], [[[-12.0]]]])},
      "contrast": {"contrast_factor": spec([[[[1.2]]], [[[0.9]]]])},
      "saturation": {"factor": spec([0.8, 1.6])},
      "hue": {"factor": spec([0.1, -0.05])}}),
    ("contrast and hue, value range [0, 1]", "RandomColorJitter",
     {"value_range": (0, 1), "contrast_factor": (0.1, 0.5), "hue_factor": (0.1, 0.3)}, CHANNELS_LAST, 0.0, 1.0,
     {"contrast": {"contrast_factor": spec([[[[0.7]]], [[[1.3]]]])}, "hue": {"factor": spec([-0.12, 0.07])}}),
    ("default", "Equalization", {}, CHANNELS_LAST, 40.0, 200.0, None),
    ("64 bins, value range [0, 1], channels_first", "Equalization",
     {"bins": 64, "value_range": (0, 1), "data_format": "channels_first"}, CHANNELS_FIRST, 0.2, 0.7, None),
    ("default", "RandomGaussianBlur", {"seed": 12}, CHANNELS_LAST, 0.0, 255.0,
     {"should_apply_blur": spec([True, False], "bool"), "blur_factor": spec([0.8, 0.8])}),
    ("kernel 5, sigma range, value range [0, 1], channels_first", "RandomGaussianBlur",
     {"factor": 0.5, "kernel_size": 5, "sigma": (0.3, 0.9), "value_range": (0, 1), "data_format": "channels_first"},
     CHANNELS_FIRST, 0.0, 1.0,
     {"should_apply_blur": spec([True, True], "bool"), "blur_factor": spec([0.6, 0.4])}),
    # Keras's torch backend counts the CLAHE histograms in int64 and so truncates the bin cap
    # clip_limit * tile pixels / 256 to an integer (its JAX and TensorFlow backends do not):
    # the cases keep that cap an integer, where every backend agrees.
    ("2×2 tiles of 4×4, clip limit 32 (a bin cap of 2)", "ContrastLimitedAdaptiveHistogramEqualization",
     {"clip_limit": 32.0, "tile_grid_size": (2, 2)}, (2, 8, 8, 3), 100.0, 108.0, None),
    ("3×2 tiles, no clip", "ContrastLimitedAdaptiveHistogramEqualization",
     {"clip_limit": 0, "tile_grid_size": (3, 2)}, CHANNELS_LAST, 30.0, 220.0, None),
    ("2×3 tiles, no clip, value range [0, 1], channels_first", "ContrastLimitedAdaptiveHistogramEqualization",
     {"clip_limit": 0, "tile_grid_size": (2, 3), "value_range": (0, 1), "data_format": "channels_first"},
     CHANNELS_FIRST, 0.1, 0.8, None),
]

JITTER_STEPS = [("brightness", "random_brightness"), ("contrast", "random_contrast"),
                ("saturation", "random_saturation"), ("hue", "random_hue")]


def transform(layer, images, transformation):
    if isinstance(layer, L.RandomColorJitter):
        # Keras's jitter draws its steps' transformations inside transform_images;
        # the steps' own transform_images, in its order, apply fixed ones.
        for key, attribute in JITTER_STEPS:
            if key in transformation:
                images = getattr(layer, attribute).transform_images(images, to_keras(transformation[key]), training=True)
        return images
    return layer.transform_images(images, to_keras(transformation), training=True)


def run(label, class_name, kwargs, shape, low, high, transformation):
    layer = getattr(L, class_name)(**kwargs)
    images = sine_images(shape, low, high)
    output = transform(layer, ops.convert_to_tensor(images), transformation)
    return {
        "label": label,
        "class_name": class_name,
        "config": config_of(layer),
        "shape": list(shape),
        "images": float32_list(images),
        "transformation": transformation,
        "output": float32_list(ops.convert_to_numpy(output)),
    }


print(json.dumps([run(*case) for case in CASES]))
