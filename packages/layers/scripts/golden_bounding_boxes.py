"""Keras 3's keras.utils.bounding_boxes on fixed boxes (golden/bounding-boxes.json).

  keras-python scripts/golden_bounding_boxes.py > golden/bounding-boxes.json
"""

import json

import keras
import numpy as np

bb = keras.utils.bounding_boxes
FORMATS = ["xyxy", "yxyx", "xywh", "center_xywh", "center_yxhw", "rel_xyxy", "rel_yxyx", "rel_xywh", "rel_center_xywh"]
ABSOLUTE = np.array([[10.0, 20.0, 50.0, 80.0], [100.0, 40.0, 160.0, 90.0], [0.0, 0.0, 30.0, 15.0]], "float32")
BATCHED = np.array([[[12.0, 8.0, 40.0, 60.0], [5.0, 5.0, 25.0, 35.0]], [[70.0, 30.0, 90.0, 110.0], [1.0, 2.0, 3.0, 4.0]]], "float32")
RELATIVE = np.array([[0.1, 0.2, 0.5, 0.6], [0.25, 0.05, 0.75, 0.45], [0.0, 0.0, 0.3, 0.15]], "float32")


def out(x):
    if isinstance(x, dict):
        return {k: out(v) for k, v in x.items()}
    return keras.ops.convert_to_numpy(x).tolist()


cases = {"convert_format": [], "clip_to_image_size": [], "affine_transform": [], "crop": [], "pad": [], "encode_box_to_deltas": [], "decode_deltas_to_boxes": [], "compute_iou": [], "compute_ciou": []}

for source in FORMATS:
    for target in FORMATS:
        for boxes in ([ABSOLUTE, BATCHED] if not source.startswith("rel_") else [RELATIVE, BATCHED / 200.0]):
            cases["convert_format"].append({"boxes": boxes.tolist(), "source": source, "target": target, "height": 200, "width": 300, "output": out(bb.convert_format(boxes.copy(), source, target, height=200, width=300))})
for source, target in [("xyxy", "center_xywh"), ("xywh", "yxyx"), ("center_yxhw", "xyxy")]:
    cases["convert_format"].append({"boxes": ABSOLUTE.tolist(), "source": source, "target": target, "output": out(bb.convert_format(ABSOLUTE.copy(), source, target))})
labels = np.array([1, 2, 3], "int32")
cases["convert_format"].append({"boxes": {"boxes": ABSOLUTE.tolist(), "labels": labels.tolist()}, "source": "xyxy", "target": "rel_center_xywh", "height": 100, "width": 120, "output": out(bb.convert_format({"boxes": ABSOLUTE.copy(), "labels": labels.copy()}, "xyxy", "rel_center_xywh", height=100, width=120))})

OUTSIDE = np.array([[-10.0, -20.0, 150.0, 160.0], [50.0, 40.0, 70.0, 80.0], [130.0, 10.0, 140.0, 20.0]], "float32")
cases["clip_to_image_size"].append({"boxes": {"boxes": OUTSIDE.tolist(), "labels": [0, 1, 2]}, "height": 100, "width": 120, "format": "xyxy", "output": out(bb.clip_to_image_size({"boxes": OUTSIDE, "labels": np.array([0, 1, 2], "int32")}, height=100, width=120))})
batched_outside = np.stack([OUTSIDE, OUTSIDE[::-1] * 0.5])
cases["clip_to_image_size"].append({"boxes": {"boxes": batched_outside.tolist(), "labels": [[0, 1, 2], [3, 4, 5]]}, "height": 50, "width": 60, "format": "xyxy", "output": out(bb.clip_to_image_size({"boxes": batched_outside, "labels": np.array([[0, 1, 2], [3, 4, 5]], "int32")}, height=50, width=60))})
rel_outside = np.array([[-0.1, 0.2, 0.5, 1.3], [1.1, 0.2, 1.4, 0.5]], "float32")
cases["clip_to_image_size"].append({"boxes": {"boxes": rel_outside.tolist(), "labels": [7, 8]}, "format": "rel_xyxy", "output": out(bb.clip_to_image_size({"boxes": rel_outside, "labels": np.array([7, 8], "int32")}, bounding_box_format="rel_xyxy"))})
cases["clip_to_image_size"].append({"boxes": {"boxes": OUTSIDE.tolist()}, "height": 100, "width": 120, "format": "xyxy", "output": out(bb.clip_to_image_size({"boxes": OUTSIDE}, height=100, width=120))})

for angle, tx, ty, scale, shx, shy, cx, cy in [([30.0, -45.0], [0.1, -0.2], [0.0, 0.15], [1.0, 1.2], [0.0, 10.0], [0.0, -5.0], None, None), ([90.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.8, 1.0], [0.0, 0.0], [0.0, 0.0], 0.25, 0.75)]:
    args = [np.array(v, "float32") for v in (angle, tx, ty, scale, shx, shy)]
    cases["affine_transform"].append({"boxes": BATCHED.tolist(), "angle": angle, "translate_x": tx, "translate_y": ty, "scale": scale, "shear_x": shx, "shear_y": shy, "height": 120, "width": 100, "center_x": cx, "center_y": cy, "output": out(bb.affine_transform(BATCHED, *args, 120, 100, center_x=cx, center_y=cy))})

for boxes in (ABSOLUTE, BATCHED):
    cases["crop"].append({"boxes": boxes.tolist(), "top": 10, "left": 20, "height": 40, "width": 30, "output": out(bb.crop(boxes, 10, 20, 40, 30))})
    cases["pad"].append({"boxes": boxes.tolist(), "top": 7, "left": 3, "output": out(bb.pad(boxes, 7, 3))})

ANCHORS = np.array([[8.0, 16.0, 48.0, 72.0], [90.0, 30.0, 170.0, 100.0], [2.0, 1.0, 26.0, 18.0]], "float32")
for anchor_format, box_format, encoding, variance, image_shape, boxes in [
    ("xyxy", "xyxy", "center_yxhw", None, None, ABSOLUTE),
    ("xyxy", "xywh", "center_xywh", [0.1, 0.1, 0.2, 0.2], None, ABSOLUTE),
    ("xyxy", "rel_xyxy", "center_yxhw", None, (200, 300, 3), RELATIVE),
    ("xyxy", "xyxy", "center_yxhw", [0.1, 0.1, 0.2, 0.2], None, np.stack([ABSOLUTE, ABSOLUTE + 3.0])),
]:
    kwargs = {"encoding_format": encoding, "variance": variance, "image_shape": image_shape}
    deltas = bb.encode_box_to_deltas(ANCHORS, boxes, anchor_format, box_format, **kwargs)
    cases["encode_box_to_deltas"].append({"anchors": ANCHORS.tolist(), "boxes": boxes.tolist(), "anchor_format": anchor_format, "box_format": box_format, "encoding_format": encoding, "variance": variance, "image_shape": image_shape, "output": out(deltas)})
    decoded = bb.decode_deltas_to_boxes(ANCHORS, deltas, anchor_format, box_format, encoded_format=encoding, variance=variance, image_shape=image_shape)
    cases["decode_deltas_to_boxes"].append({"anchors": ANCHORS.tolist(), "deltas": out(deltas), "anchor_format": anchor_format, "box_format": box_format, "encoded_format": encoding, "variance": variance, "image_shape": image_shape, "output": out(decoded)})
level_anchors = {"P3": ANCHORS, "P4": ANCHORS[:2] * 2.0}
level_deltas = {"P3": keras.ops.convert_to_tensor(np.array([[0.1, -0.2, 0.3, 0.0], [0.0, 0.5, -0.1, 0.2], [-0.3, 0.1, 0.0, -0.4]], "float32")), "P4": keras.ops.convert_to_tensor(np.array([[0.2, 0.2, 0.1, 0.1], [-0.1, 0.0, 0.0, 0.3]], "float32"))}
cases["decode_deltas_to_boxes"].append({"anchors": {k: v.tolist() for k, v in level_anchors.items()}, "deltas": out(level_deltas), "anchor_format": "xyxy", "box_format": "center_xywh", "encoded_format": "center_yxhw", "variance": None, "image_shape": None, "output": out(bb.decode_deltas_to_boxes(level_anchors, level_deltas, "xyxy", "center_xywh"))})

OTHER = np.array([[12.0, 22.0, 48.0, 70.0], [-1.0, -1.0, -1.0, -1.0], [95.0, 45.0, 150.0, 100.0], [200.0, 200.0, 210.0, 220.0]], "float32")
for fmt, b1, b2, masking, image_shape in [
    ("xyxy", ABSOLUTE, OTHER, False, None),
    ("xyxy", ABSOLUTE, OTHER, True, None),
    ("yxyx", ABSOLUTE, OTHER, False, None),
    ("center_xywh", ABSOLUTE, OTHER, False, None),
    ("rel_xyxy", RELATIVE, RELATIVE[::-1] + 0.05, False, (200, 300, 3)),
    ("xyxy", BATCHED, np.stack([OTHER[:3], OTHER[1:]]), True, None),
    ("xywh", BATCHED, OTHER, False, None),
]:
    cases["compute_iou"].append({"boxes1": b1.tolist(), "boxes2": b2.tolist(), "format": fmt, "use_masking": masking, "image_shape": image_shape, "output": out(bb.compute_iou(b1, b2, fmt, use_masking=masking, mask_val=-1, image_shape=image_shape))})
for fmt, b1, b2 in [("xyxy", ABSOLUTE, OTHER[:3]), ("xywh", BATCHED, BATCHED[::-1] + 2.0), ("center_yxhw", ABSOLUTE, ABSOLUTE[::-1])]:
    cases["compute_ciou"].append({"boxes1": b1.tolist(), "boxes2": b2.tolist(), "format": fmt, "output": out(bb.compute_ciou(b1, b2, fmt))})

print(json.dumps({"keras_version": keras.__version__, "cases": cases}))
