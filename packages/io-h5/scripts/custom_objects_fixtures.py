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
- mask_args: the other layers whose call takes a mask or more tensors: LSTM(x, mask=..., initial_state=[h, c]),
  GRU(x, initial_state=h), GlobalAveragePooling1D(x, mask=...), TimeDistributed(Dense)(x, mask=...),
  Bidirectional(LSTM)(x, mask=...), MultiHeadAttention(x, x, query_mask=..., value_mask=...), an Embedding's
  implicit mask into SimpleRNN, and Dot, Subtract, Multiply, Average, Maximum, Minimum of lists.

`keras-python scripts/custom_objects_fixtures.py mask_args` writes only the models named.

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


def mask_args():
    x = keras.Input((6, 3), name="x")
    m = keras.Input((6,), dtype="bool", name="mask")
    h0 = keras.Input((4,), name="h0")
    c0 = keras.Input((4,), name="c0")
    tokens = keras.Input((6,), dtype="int32", name="tokens")
    seq = layers.LSTM(4, return_sequences=True, name="lstm")(x, mask=m, initial_state=[h0, c0])
    gru = layers.GRU(4, name="gru")(x, initial_state=h0)
    pooled = layers.GlobalAveragePooling1D(name="gap")(seq, mask=m)
    td = layers.TimeDistributed(layers.Dense(2, name="inner"), name="td")(x, mask=m)
    bi = layers.Bidirectional(layers.LSTM(3, name="inner_lstm"), name="bi")(x, mask=m)
    embedded = layers.Embedding(10, 3, mask_zero=True, name="emb")(tokens)
    implicit = layers.SimpleRNN(2, name="rnn")(embedded)
    self_att = layers.MultiHeadAttention(2, 2, name="self_mha")(x, x, query_mask=m, value_mask=m)
    dot = layers.Dot(axes=1, name="dot")([pooled, gru])
    merged = [
        layers.Subtract(name="sub")([pooled, gru]),
        layers.Multiply(name="mul")([pooled, gru, h0]),
        layers.Average(name="avg")([pooled, gru, h0]),
        layers.Maximum(name="max")([pooled, gru, h0]),
        layers.Minimum(name="min")([pooled, gru, h0]),
    ]
    model = keras.Model([x, m, h0, c0, tokens], [td, bi, implicit, self_att, dot, *merged], name="mask_args")
    return model, [(6, 3), (6,), (4,), (4,), (6,)]


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
        elif tensor is not None and tensor.dtype == "int32":
            value = rng.integers(1, 10, size=(2, *shape)).astype("int32")
            value[:, -2:] = 0  # padding, masked by mask_zero
            inputs.append(value)
        else:
            inputs.append(rng.normal(size=(2, *shape)).astype("float32"))
    return inputs


def main(only):
    os.makedirs(OUT, exist_ok=True)
    for seed, (name, build, formats) in enumerate([
        ("custom_layer", custom_layer, ["keras", "h5"]),
        ("custom_model", custom_model, ["keras"]),
        ("multi_arg", multi_arg, ["keras", "h5"]),
        ("mask_args", mask_args, ["keras", "h5"]),
    ]):
        if only and name not in only:
            continue
        rng = np.random.default_rng(16 + seed)
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
    import sys

    main(sys.argv[1:])
