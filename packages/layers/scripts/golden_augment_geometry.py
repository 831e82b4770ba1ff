"""Keras 3's geometric and mixing augmentation layers on fixed transformations
(golden/augment-geometry.json).

  keras-python scripts/golden_augment_geometry.py > golden/augment-geometry.json

Each case holds the layer's get_config() (less name, dtype and trainable), the
transformation it is given (a dict with Keras's keys, tensors as nested lists)
and the output of transform_images(images, transformation, training=True).
The images are sine_images(shape): (sin(0.37 i + 0.1) + 1) / 2 * 255 over the
flat index i, reshaped.
"""

import json

import keras
import numpy as np
from keras import ops


def sine_images(shape):
    unit = (np.sin(np.arange(int(np.prod(shape)), dtype="float32") * 0.37 + 0.1) + 1) / 2
    return (unit * 255).reshape(shape).astype("float32")


def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "shape") or isinstance(value, (np.generic,)):
        array = ops.convert_to_numpy(value)
        if array.dtype == bool:
            array = array.astype("int32")
        if array.dtype == np.float32:
            # The shortest decimal that reads back as the same float32: a smaller file, the same numbers.
            shortest = [float(str(v)) for v in array.ravel()]
            return np.array(shortest, dtype=object).reshape(array.shape).tolist() if array.ndim else shortest[0]
        return array.tolist()
    return value


def config_of(layer):
    return {k: plain(v) for k, v in layer.get_config().items() if k not in ("name", "dtype", "trainable")}


cases = []


def case(class_name, layer, shape, transformation, extra=None):
    images = sine_images(shape)
    output = layer.transform_images(ops.convert_to_tensor(images), transformation, training=True)
    entry = {
        "class_name": class_name,
        "config": config_of(layer),
        "shape": list(shape),
        "transformation": plain({k: v for k, v in transformation.items() if k != "input_shape"})
        if isinstance(transformation, dict)
        else plain(transformation),
        "output": plain(output),
    }
    if extra:
        entry.update(extra)
    cases.append(entry)


def box_corners(x0, x1, y0, y1):
    return tuple(ops.convert_to_tensor(np.array(v, dtype="float32")) for v in (x0, x1, y0, y1))


# RandomCrop: the transformation is (h_start, w_start); inference returns the images as they are
# (Keras 3.15.1's transform_images ignores the centred box when training is False).
for kwargs, shape, start in [
    (dict(height=4, width=5, seed=1), (2, 6, 7, 3), (1, 2)),
    (dict(height=3, width=4, seed=2, data_format="channels_first"), (2, 3, 6, 7), (2, 0)),
]:
    layer = keras.layers.RandomCrop(**kwargs)
    images = sine_images(shape)
    inference = layer(images, training=False)
    case("RandomCrop", layer, shape, start, {"inference_shape": list(inference.shape)})

# RandomErasing: masks from fixed box corners, fill values given (a constant, and a noise tensor).
for kwargs, shape, corners, apply, noise in [
    (dict(factor=1.0, fill_value=40.0, seed=3), (2, 6, 7, 3), ([1.2, 0.0], [4.6, 3.1], [0.5, 2.0], [3.9, 5.5]), [True, True], False),
    (dict(factor=(0.2, 0.8), scale=(0.1, 0.5), value_range=(0, 100), seed=4, data_format="channels_first"), (2, 3, 6, 7), ([2.0, 1.5], [6.5, 4.0], [0.0, 1.0], [2.5, 6.0]), [False, True], True),
]:
    layer = keras.layers.RandomErasing(**kwargs)
    masks = layer._generate_batch_mask(shape, box_corners(*corners))
    if noise:
        fill = np.clip(np.cos(np.arange(int(np.prod(shape)), dtype="float32")).reshape(shape) * 150, *layer.value_range).astype("float32")
    else:
        fill = layer._get_fill_value(ops.convert_to_tensor(sine_images(shape)), shape, None)
    transformation = {"apply_erasing": ops.convert_to_tensor(np.array(apply)), "batch_masks": masks, "fill_value": fill}
    case("RandomErasing", layer, shape, transformation)

# RandomShear: every fill mode and both interpolations.
shear = np.array([[0.3, -0.2], [-0.45, 0.15]], dtype="float32")
for kwargs, shape in [
    (dict(x_factor=0.5, y_factor=0.3, seed=5), (2, 6, 7, 3)),
    (dict(x_factor=(0.1, 0.5), y_factor=0.2, fill_mode="wrap", interpolation="nearest", seed=6, data_format="channels_first"), (2, 3, 6, 7)),
    (dict(x_factor=0.5, fill_mode="constant", fill_value=12.5), (2, 6, 7, 3)),
    (dict(x_factor=0.5, y_factor=0.5, fill_mode="nearest"), (2, 6, 7, 3)),
]:
    layer = keras.layers.RandomShear(**kwargs)
    case("RandomShear", layer, shape, {"shear_factor": ops.convert_to_tensor(shear), "input_shape": shape})

# RandomPerspective: fixed end points for the corners of the image.
for kwargs, shape, apply, offsets in [
    (dict(factor=1.0, scale=0.5, seed=7), (2, 6, 7, 3), [True, True], [[[0.1, -0.2], [-0.15, 0.05], [0.2, -0.1], [-0.05, 0.2]], [[-0.1, 0.1], [0.2, -0.2], [0.0, 0.15], [0.1, -0.1]]]),
    (dict(factor=(0.3, 0.9), scale=0.8, interpolation="nearest", fill_value=30.0, seed=8, data_format="channels_first"), (2, 3, 6, 7), [True, False], [[[0.2, 0.1], [-0.2, 0.1], [0.1, -0.2], [-0.1, -0.3]], [[0.1, 0.1], [0.1, 0.1], [0.1, 0.1], [0.1, 0.1]]]),
]:
    layer = keras.layers.RandomPerspective(**kwargs)
    h, w = (shape[1], shape[2]) if layer.data_format == "channels_last" else (shape[2], shape[3])
    start = np.array([[[0, 0], [w - 1, 0], [0, h - 1], [w - 1, h - 1]]] * shape[0], dtype="float32")
    end = (start + start * np.array(offsets, dtype="float32")).astype("float32")
    transformation = {"apply_perspective": ops.convert_to_tensor(np.array(apply)), "start_points": start, "end_points": end, "input_shape": shape}
    case("RandomPerspective", layer, shape, transformation)

# CutMix: a permutation and masks from fixed box corners.
for kwargs, shape, corners, order in [
    (dict(factor=1.0, seed=9), (3, 6, 7, 3), ([1.0, 0.5, 3.2], [5.0, 2.5, 7.0], [0.0, 2.2, 1.0], [3.5, 6.0, 2.0]), [2, 0, 1]),
    (dict(factor=(0.2, 0.6), seed=10, data_format="channels_first"), (2, 3, 6, 7), ([0.0, 2.5], [4.0, 6.0], [1.5, 0.0], [6.0, 3.0]), [1, 0]),
]:
    layer = keras.layers.CutMix(**kwargs)
    masks, mix_weight = layer._generate_batch_mask(shape, box_corners(*corners))
    transformation = {"permutation_order": ops.convert_to_tensor(np.array(order, dtype="int32")), "batch_masks": masks, "mix_weight": mix_weight}
    labels = np.eye(3, dtype="float32")[: shape[0]]
    mixed = layer.transform_labels(ops.convert_to_tensor(labels), transformation, training=True)
    case("CutMix", layer, shape, transformation, {"labels": labels.tolist(), "mixed_labels": plain(mixed)})

# MixUp: a permutation and mixing weights.
for kwargs, shape, weights, order in [
    (dict(alpha=0.2, seed=11), (3, 6, 7, 3), [0.3, 0.85, 0.5], [2, 0, 1]),
    (dict(alpha=0.7, seed=12, data_format="channels_first"), (2, 3, 6, 7), [0.1, 0.6], [1, 0]),
]:
    layer = keras.layers.MixUp(**kwargs)
    transformation = {"mix_weight": ops.convert_to_tensor(np.array(weights, dtype="float32")), "permutation_order": ops.convert_to_tensor(np.array(order, dtype="int32"))}
    labels = np.eye(3, dtype="float32")[: shape[0]]
    mixed = layer.transform_labels(ops.convert_to_tensor(labels), transformation, training=True)
    case("MixUp", layer, shape, transformation, {"labels": labels.tolist(), "mixed_labels": plain(mixed)})

# Pipeline: deterministic layers in order, its config (serialized layers) and output.
pipeline = keras.layers.Pipeline([keras.layers.Rescaling(1 / 255.0, offset=-0.5), keras.layers.CenterCrop(4, 5)], name="pipe")
images = sine_images((2, 6, 7, 3))
cases.append(
    {
        "class_name": "Pipeline",
        "config": plain(pipeline.get_config()),
        "shape": [2, 6, 7, 3],
        "output": plain(pipeline(images)),
    }
)

# MaxNumBoundingBoxes: images unchanged; boxes and labels cut or padded to max_number.
boxes = np.arange(2 * 3 * 4, dtype="float32").reshape(2, 3, 4)
labels = np.array([[1, 2, 3], [4, 5, 6]], dtype="float32")
for kwargs in [dict(max_number=2), dict(max_number=5, fill_value=-7)]:
    layer = keras.layers.MaxNumBoundingBoxes(**kwargs)
    out = layer.transform_bounding_boxes({"boxes": ops.convert_to_tensor(boxes), "labels": ops.convert_to_tensor(labels)}, None)
    cases.append(
        {
            "class_name": "MaxNumBoundingBoxes",
            "config": config_of(layer),
            "fill_value": layer.fill_value,
            "boxes": boxes.tolist(),
            "labels": labels.tolist(),
            "output_boxes": plain(out["boxes"]),
            "output_labels": plain(out["labels"]),
        }
    )

# RandomElasticTransform: Keras's backend draws the two noise fields inside elastic_transform from
# torch's global generator; the script hands it fixed fields (noise_x, noise_y, standard normal in
# shape), which Strata's transformation carries in place of Keras's `seed`.
import torch  # noqa: E402

for kwargs, shape, apply, factor in [
    (dict(factor=1.0, scale=1.0, seed=13), (2, 20, 24, 2), [True, False], 1.0),
    (dict(factor=(0.4, 0.8), scale=(0.5, 0.9), interpolation="nearest", fill_mode="constant", fill_value=40.0, value_range=(0, 200), seed=14, data_format="channels_first"), (1, 2, 16, 18), [True], 0.8),
    (dict(scale=0.7, fill_mode="mirror", value_range=(20, 230)), (1, 18, 16, 1), [True], 0.7),
]:
    layer = keras.layers.RandomElasticTransform(**kwargs)
    h, w = (shape[1], shape[2]) if layer.data_format == "channels_last" else (shape[2], shape[3])
    count = shape[0] * h * w
    fields = [
        (np.sin(np.arange(count, dtype="float32") * 1.3 + 0.2) * 1.5).reshape(shape[0], h, w).astype("float32"),
        (np.cos(np.arange(count, dtype="float32") * 0.7 + 0.4) * 1.2).reshape(shape[0], h, w).astype("float32"),
    ]
    draws = iter(fields)
    real_normal = torch.normal
    torch.normal = lambda *args, **kw: torch.from_numpy(next(draws).copy())
    try:
        transformation = {"apply_transform": ops.convert_to_tensor(np.array(apply)), "distortion_factor": ops.convert_to_tensor(np.float32(factor)), "seed": None}
        images = sine_images(shape)
        output = layer.transform_images(ops.convert_to_tensor(images), transformation, training=True)
    finally:
        torch.normal = real_normal
    cases.append(
        {
            "class_name": "RandomElasticTransform",
            "config": config_of(layer),
            "shape": list(shape),
            "transformation": {"apply_transform": [int(a) for a in apply], "distortion_factor": factor, "noise_x": plain(fields[0]), "noise_y": plain(fields[1])},
            "output": plain(output),
        }
    )

print(json.dumps(cases))
