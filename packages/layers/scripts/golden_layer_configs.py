"""The configs Keras 3 writes for the layers whose config types Strata declares (golden/layer-configs.json).

Each case builds a layer with Keras's defaults, and one with other arguments, and records `get_config()` after a
build (so that build-time fields are there too).

  keras-python scripts/golden_layer_configs.py > golden/layer-configs.json
"""

import json

import keras

L = keras.layers
CASES = [
    ("Conv1D", lambda: L.Conv1D(4, 3), (None, 8, 2)),
    ("Conv2D", lambda: L.Conv2D(8, (3, 3)), (None, 8, 8, 2)),
    ("Conv2D", lambda: L.Conv2D(8, 3, strides=2, padding="same", activation="relu", use_bias=False, dilation_rate=1, groups=2), (None, 8, 8, 4)),
    ("Conv3D", lambda: L.Conv3D(2, 2), (None, 4, 4, 4, 1)),
    ("Conv2DTranspose", lambda: L.Conv2DTranspose(3, 2, strides=2), (None, 4, 4, 2)),
    ("DepthwiseConv2D", lambda: L.DepthwiseConv2D(3, depth_multiplier=2), (None, 6, 6, 2)),
    ("SeparableConv2D", lambda: L.SeparableConv2D(4, 3), (None, 6, 6, 2)),
    ("MaxPooling2D", lambda: L.MaxPooling2D(), (None, 6, 6, 2)),
    ("MaxPooling2D", lambda: L.MaxPooling2D(3, strides=1, padding="same"), (None, 6, 6, 2)),
    ("AveragePooling1D", lambda: L.AveragePooling1D(2), (None, 6, 2)),
    ("GlobalAveragePooling2D", lambda: L.GlobalAveragePooling2D(), (None, 4, 4, 2)),
    ("GlobalMaxPooling1D", lambda: L.GlobalMaxPooling1D(keepdims=True), (None, 4, 2)),
    ("Dropout", lambda: L.Dropout(0.25), (None, 3)),
    ("Dropout", lambda: L.Dropout(0.5, noise_shape=(None, 1), seed=3), (None, 3)),
    ("Flatten", lambda: L.Flatten(), (None, 2, 3)),
    ("Activation", lambda: L.Activation("relu"), (None, 3)),
    ("Reshape", lambda: L.Reshape((3, 2)), (None, 6)),
    ("Embedding", lambda: L.Embedding(10, 4), (None, 5)),
    ("Embedding", lambda: L.Embedding(10, 4, mask_zero=True), (None, 5)),
    ("BatchNormalization", lambda: L.BatchNormalization(), (None, 4, 3)),
    ("LayerNormalization", lambda: L.LayerNormalization(), (None, 4, 3)),
    ("LSTM", lambda: L.LSTM(3), (None, 5, 2)),
    ("GRU", lambda: L.GRU(3, return_sequences=True), (None, 5, 2)),
    ("SimpleRNN", lambda: L.SimpleRNN(3), (None, 5, 2)),
    ("MultiHeadAttention", lambda: L.MultiHeadAttention(2, 4), None),
    ("Rescaling", lambda: L.Rescaling(1 / 255), (None, 3)),
    ("Concatenate", lambda: L.Concatenate(axis=-1), None),
]

out = []
for class_name, make, shape in CASES:
    layer = make()
    if shape is not None:
        layer.build(shape)
    out.append({"class_name": class_name, "config": layer.get_config()})
print(json.dumps(out, indent=1))
