"""Keras 3.15.1's MultiHeadAttention with `use_gate` and `sliding_window` (golden/mha-gate-window.json).

Weights are set to fixed sine patterns (in Keras's `get_weights()` order) so that Strata can set the same ones.

  keras-python scripts/golden_mha_gate_window.py > golden/mha-gate-window.json
"""

import json

import keras
import numpy as np


def sine(shape, phase):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n, dtype="float64") * 0.61 + phase) * 0.5).reshape(shape).astype("float32")


cases = []
for kwargs, causal in [
    ({}, False),
    ({"use_gate": True}, False),
    ({"sliding_window": 2}, False),
    ({"use_gate": True, "sliding_window": 3}, True),
]:
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3, **kwargs)
    query = sine((2, 5, 4), 0.3)
    value = sine((2, 6, 4), 1.1)
    layer.build(query.shape, value.shape)
    weights = [sine(w.shape, 0.2 + i) for i, w in enumerate(layer.get_weights())]
    layer.set_weights(weights)
    output = layer(query, value, use_causal_mask=causal)
    cases.append(
        {
            "kwargs": kwargs,
            "use_causal_mask": causal,
            "weight_paths": [w.path for w in layer.weights],
            "weight_shapes": [list(w.shape) for w in weights],
            "query_shape": list(query.shape),
            "value_shape": list(value.shape),
            "output": keras.ops.convert_to_numpy(output).tolist(),
        }
    )
print(json.dumps(cases))
