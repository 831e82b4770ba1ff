"""Writes fixtures/new-layers/: one functional model of the layers added for issue 16 (ConvLSTM2D,
Conv3DTranspose, EinsumDense, RNN over StackedRNNCells, GroupQueryAttention, SpectralNormalization of a
Dense), saved by real Keras 3 as .keras and legacy .h5, with inputs and Keras's predictions, for Strata's
loading test (src/models/new-layers.test.ts).

Run from packages/io-h5 with real Keras 3.15.1 (torch backend): `keras-python scripts/new_layers_fixtures.py`.
"""

import json
import os
import zipfile

import keras
import numpy as np
from keras import layers

OUT = "fixtures/new-layers"


def build():
    x = keras.Input((3, 4, 4, 2), name="frames")
    h = layers.ConvLSTM2D(2, 3, padding="same", return_sequences=True)(x)
    h = layers.Conv3DTranspose(2, (1, 2, 2), strides=(1, 2, 2))(h)
    h = layers.Reshape((3, 128))(h)
    h = layers.EinsumDense("abc,cd->abd", output_shape=(None, 6), bias_axes="d", activation="tanh")(h)
    h = layers.RNN(layers.StackedRNNCells([layers.LSTMCell(4), layers.SimpleRNNCell(3)]), return_sequences=True)(h)
    h = layers.GroupQueryAttention(2, 2, 1)(h, h)
    y = layers.SpectralNormalization(layers.Dense(2))(h)
    return keras.Model(x, y, name="new_layers")


def main():
    os.makedirs(OUT, exist_ok=True)
    keras.utils.set_random_seed(16)
    model = build()
    # Non-trivial biases and a vector_u that is not its initial value.
    weights = [w + 0.05 * np.cos(np.arange(w.size, dtype="float32")).reshape(w.shape) for w in model.get_weights()]
    model.set_weights(weights)
    rng = np.random.default_rng(16)
    inputs = rng.normal(size=(2, 3, 4, 4, 2)).astype("float32")
    outputs = model.predict(inputs, verbose=0)
    for ext in ("keras", "h5"):
        model.save(f"{OUT}/new_layers.{ext}")
    with zipfile.ZipFile(f"{OUT}/new_layers.keras") as archive:
        config = json.loads(archive.read("config.json"))
    with open(f"{OUT}/new_layers.json", "w") as f:
        json.dump({"inputs": inputs.tolist(), "outputs": np.asarray(outputs).tolist(), "weight_paths": [w.path for w in model.weights], "config": config}, f)
    print([w.path for w in model.weights], np.asarray(outputs).shape)


if __name__ == "__main__":
    main()
