"""Golden numbers of real Keras 3 for EinsumDense, Conv3DTranspose, the ConvLSTM layers, StackedRNNCells,
SpectralNormalization and GroupQueryAttention (golden/new-layers2.json).

  keras-python scripts/golden_new_layers2.py > golden/new-layers2.json

Inputs are deterministic (a sine of the element index) and so are the weights (a cosine, set after build),
so each case is reproducible from the file alone. Each case records the layer's config as Keras writes it,
the weights' paths in Keras's order, the weights, the output(s) and the gradients of the sum of every output
with respect to the trainable weights (torch backend autograd).
"""

import json

import keras
import numpy as np
import torch


def sine_input(shape, phase=0.1):
    return np.sin(np.arange(int(np.prod(shape)), dtype="float32") * 0.37 + phase).reshape(shape).astype("float32")


def cosine_weight(shape, k):
    n = int(np.prod(shape))
    return (0.4 * np.cos(np.arange(n, dtype="float32") * 0.53 + 1.7 * k)).reshape(shape).astype("float32")


def strip(config):
    return {k: v for k, v in config.items() if k not in ("name", "dtype", "trainable")}


L = keras.layers
cases = [
    ("EinsumDense", lambda: L.EinsumDense("ab,bc->ac", output_shape=4, bias_axes="c"), [(2, 3)], {}),
    ("EinsumDense", lambda: L.EinsumDense("abc,cde->abde", output_shape=(None, 2, 3), bias_axes="de", activation="tanh"), [(2, 3, 4)], {}),
    ("EinsumDense", lambda: L.EinsumDense("...b,bc->...c", output_shape=3), [(2, 3, 2, 4)], {}),
    ("EinsumDense", lambda: L.EinsumDense("ab...,bc->ac...", output_shape=3, bias_axes="c"), [(2, 4, 5)], {}),
    ("Conv3DTranspose", lambda: L.Conv3DTranspose(2, 2, strides=2), [(1, 2, 3, 2, 3)], {}),
    ("Conv3DTranspose", lambda: L.Conv3DTranspose(2, 3, strides=(1, 2, 1), padding="same", output_padding=(0, 1, 0), activation="tanh"), [(1, 2, 2, 3, 2)], {}),
    ("Conv3DTranspose", lambda: L.Conv3DTranspose(1, (2, 1, 2), data_format="channels_first", use_bias=False), [(1, 2, 2, 3, 2)], {}),
    ("ConvLSTM2D", lambda: L.ConvLSTM2D(2, 3, padding="same", return_sequences=True), [(2, 3, 4, 4, 2)], {}),
    ("ConvLSTM2D", lambda: L.ConvLSTM2D(2, (2, 3), strides=(1, 2), return_state=True, go_backwards=True), [(1, 3, 4, 5, 2)], {}),
    ("ConvLSTM1D", lambda: L.ConvLSTM1D(3, 2, return_sequences=True, recurrent_activation="hard_sigmoid"), [(2, 4, 5, 2)], {}),
    ("ConvLSTM1D", lambda: L.ConvLSTM1D(2, 3, padding="same", dilation_rate=2, data_format="channels_first"), [(2, 3, 2, 5)], {}),
    ("ConvLSTM3D", lambda: L.ConvLSTM3D(2, 2, padding="same"), [(1, 2, 3, 3, 2, 1)], {}),
    ("RNN", lambda: L.RNN(L.StackedRNNCells([L.LSTMCell(3), L.SimpleRNNCell(2)]), return_sequences=True), [(2, 4, 3)], {}),
    ("RNN", lambda: L.RNN(L.StackedRNNCells([L.GRUCell(2), L.LSTMCell(3)]), return_state=True), [(2, 3, 2)], {}),
    ("SpectralNormalization", lambda: L.SpectralNormalization(L.Dense(3)), [(2, 4)], {"training": True}),
    ("SpectralNormalization", lambda: L.SpectralNormalization(L.Conv2D(2, 2), power_iterations=3), [(1, 3, 3, 2)], {"training": True}),
    ("SpectralNormalization", lambda: L.SpectralNormalization(L.Dense(3)), [(2, 4)], {"training": False}),
    ("GroupedQueryAttention", lambda: L.GroupQueryAttention(3, 4, 2), [(2, 3, 5), (2, 4, 5)], {}),
    ("GroupedQueryAttention", lambda: L.GroupQueryAttention(2, 2, 2, use_bias=False), [(2, 4, 3), (2, 4, 3)], {"use_causal_mask": True}),
    (
        "GroupedQueryAttention",
        lambda: L.GroupQueryAttention(2, 4, 1, use_gate=True, sliding_window=2),
        [(1, 4, 3), (1, 5, 3), (1, 5, 2)],
        {"return_attention_scores": True},
    ),
]

out = []
for name, make, shapes, kwargs in cases:
    layer = make()
    # The label is Keras's class name, which its configs write (GroupQueryAttention's class is GroupedQueryAttention).
    assert type(layer).__name__ == name, (type(layer).__name__, name)
    inputs = [sine_input(shape, 0.1 + i) for i, shape in enumerate(shapes)]
    layer.build(*shapes)
    weights = [cosine_weight(w.shape, k) for k, w in enumerate(layer.weights)]
    layer.set_weights(weights)
    tensors = [torch.tensor(x) for x in inputs]
    result = layer(*tensors, **kwargs)
    flat = keras.tree.flatten(result)
    trainable = [w.value for w in layer.trainable_weights]
    loss = sum(o.sum() for o in flat)
    grads = torch.autograd.grad(loss, trainable, allow_unused=True)
    if name == "ConvLSTM1D":
        # Keras 3.15.1's torch autograd gradient of ConvLSTM1D disagrees with Keras's own central finite
        # differences of the same layer (kernel element 7 of the first case: autograd 2.972, differences
        # 3.201, Strata 3.201), while its outputs are right: no gradients are recorded for it; the layer
        # harness checks Strata's gradient by finite differences.
        grads = [None for _ in grads]
    case = {
        "class_name": name,
        "config": strip(layer.get_config()),
        "input_shapes": [list(s) for s in shapes],
        "call": kwargs,
        "weight_paths": [w.path for w in layer.weights],
        "trainable_paths": [w.path for w in layer.trainable_weights],
        "weights": [w.tolist() for w in weights],
        "outputs": [keras.ops.convert_to_numpy(o).tolist() for o in flat],
        "gradients": [None if g is None else g.detach().cpu().numpy().tolist() for g in grads],
        "weights_after": [keras.ops.convert_to_numpy(w.value).tolist() for w in layer.weights],
    }
    out.append(case)
print(json.dumps(out))
