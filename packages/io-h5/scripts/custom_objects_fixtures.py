"""Writes fixtures/custom-objects/: models with registered custom objects and with layers called on several
tensors, saved by real Keras 3 (.keras, and legacy .h5 where Keras can write one), with inputs and Keras's
predictions, for Strata's loading tests.

Run from packages/io-h5 with real Keras 3.15.1 (torch backend): `keras-python scripts/custom_objects_fixtures.py`.

- custom_layer: a functional model with a registered custom layer ('Custom>Scale', a per-feature gain) compiled
  with a registered loss class ('Custom>ScaledMSE') and a registered loss function ('Custom>abs_error' as a
  metric is not used: Keras writes registered functions as strings only in metrics, so the loss is the class).
- custom_model: a registered subclassed model ('Custom>TinyModel', two Dense layers held as attributes).
- multi_arg: MultiHeadAttention(query, value, key, attention_mask=...), MultiHeadAttention(query, value,
  use_causal_mask=True, return_attention_scores=True), Attention([q, v], mask=[q_mask, v_mask]),
  Attention([q, v, k], use_causal_mask=True), AdditiveAttention([q, v]), Softmax(x, mask=...), Concatenate, Add.

The same classes are written in TypeScript in src/models/custom-objects.fixtures.ts.
"""

import json
import os
import zipfile

import keras
import numpy as np
from keras import layers, ops

OUT = "fixtures/custom-objects"


@keras.saving.register_keras_serializable(package="Custom")
class Scale(layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def build(self, input_shape):
        self.gain = self.add_weight(
            shape=(input_shape[-1],), initializer=keras.initializers.Constant(self.factor), name="gain"
        )

    def call(self, x):
        return x * self.gain

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.saving.register_keras_serializable(package="Custom")
class ScaledMSE(keras.losses.Loss):
    def __init__(self, factor=0.5, name="scaled_mse", reduction="sum_over_batch_size", dtype=None):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.factor = factor

    def call(self, y_true, y_pred):
        return self.factor * ops.mean(ops.square(y_true - y_pred), axis=-1)

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.saving.register_keras_serializable(package="Custom")
class TinyModel(keras.Model):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = layers.Dense(units, activation="relu")
        self.head = layers.Dense(2)

    def call(self, x):
        return self.head(self.hidden(x))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def custom_layer():
    x = keras.Input((3,), name="x")
    h = layers.Dense(4, activation="tanh", name="dense")(x)
    y = Scale(1.5, name="scale")(h)
    model = keras.Model(x, y, name="custom_layer")
    model.compile(optimizer="sgd", loss=ScaledMSE(0.25))
    return model, [(3,)]


def custom_model():
    model = TinyModel(units=4, name="tiny_model")
    model(np.zeros((1, 3), "float32"))
    model.compile(optimizer="sgd", loss="mse")
    return model, [(3,)]


def multi_arg():
    q = keras.Input((4, 8), name="query")
    v = keras.Input((5, 8), name="value")
    k = keras.Input((5, 8), name="key")
    am = keras.Input((4, 5), dtype="bool", name="attention_mask")
    qm = keras.Input((4,), dtype="bool", name="query_mask")
    vm = keras.Input((5,), dtype="bool", name="value_mask")
    o1 = layers.MultiHeadAttention(2, 3, name="mha")(q, v, k, attention_mask=am)
    o2, scores = layers.MultiHeadAttention(1, 4, name="mha_causal")(q, v, use_causal_mask=True, return_attention_scores=True)
    o3 = layers.Attention(name="attention")([q, v], mask=[qm, vm])
    o4 = layers.Attention(use_scale=True, name="attention_causal")([q, v, k], use_causal_mask=True)
    o5 = layers.AdditiveAttention(name="additive")([q, v])
    joined = layers.Concatenate(axis=-1, name="concat")([o1, o2, o3, o4, o5])
    summed = layers.Add(name="add")([o1, o3])
    masked = layers.Softmax(name="softmax")(layers.Dense(5, name="logits")(q), mask=am)
    model = keras.Model([q, v, k, am, qm, vm], [joined, summed, scores, masked], name="multi_arg")
    return model, [(4, 8), (5, 8), (5, 8), (4, 5), (4,), (5,)]


def config_of(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("config.json"))


def sample_inputs(rng, model, shapes):
    inputs = []
    for tensor, shape in zip(model.inputs if hasattr(model, "inputs") and model.inputs else [None], shapes):
        if tensor is not None and tensor.dtype == "bool":
            value = rng.random((2, *shape)) > 0.3
            value[..., 0] = True  # every query position attends to something
            inputs.append(value)
        else:
            inputs.append(rng.normal(size=(2, *shape)).astype("float32"))
    return inputs


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(16)
    for name, build, formats in [
        ("custom_layer", custom_layer, ["keras", "h5"]),
        ("custom_model", custom_model, ["keras"]),
        ("multi_arg", multi_arg, ["keras", "h5"]),
    ]:
        keras.utils.clear_session()
        model, shapes = build()
        inputs = sample_inputs(rng, model, shapes)
        outputs = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
        outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        for ext in formats:
            model.save(f"{OUT}/{name}.{ext}")
        config = config_of(f"{OUT}/{name}.keras")
        with open(f"{OUT}/{name}.json", "w") as f:
            json.dump(
                {
                    "inputs": [x.tolist() for x in inputs],
                    "input_dtypes": [str(x.dtype) for x in inputs],
                    "outputs": [np.asarray(y).tolist() for y in outputs],
                    "config": config,
                },
                f,
            )
        print(name, [np.asarray(y).shape for y in outputs])


if __name__ == "__main__":
    main()
