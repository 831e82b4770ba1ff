"""Keras 3's ReversibleEmbedding with set weights, forward and reverse, tied and untied, and in a saved
functional model (golden/reversible-embedding.json here; the .keras file and a copy of the JSON are
packages/keras/fixtures/reversible-embedding/tied-head.{keras,json}, read by its load test).

  keras-python scripts/golden_reversible_embedding.py golden
"""

import json
import sys

import keras
import numpy as np

folder = sys.argv[1] if len(sys.argv) > 1 else "golden"
ids = np.array([[1, 4, 0], [3, 2, 5]], "int32")
hidden = np.sin(np.arange(2 * 3 * 4, dtype="float32") * 0.37 + 0.1).reshape(2, 3, 4)
embeddings = np.cos(np.arange(6 * 4, dtype="float32") * 0.21).reshape(6, 4)
reverse = np.sin(np.arange(4 * 6, dtype="float32") * 0.13 + 0.5).reshape(4, 6)
cases = []
for tie, cap in [(True, None), (False, 0.5)]:
    layer = keras.layers.ReversibleEmbedding(6, 4, tie_weights=tie, logit_soft_cap=cap, mask_zero=True, name="rev")
    layer.build((None, 3))
    layer.set_weights([embeddings] if tie else [embeddings, reverse])
    cases.append(
        {
            "config": {k: v for k, v in layer.get_config().items() if k not in ("dtype",)},
            "weights": [w.path for w in layer.weights],
            "forward": keras.ops.convert_to_numpy(layer(ids)).tolist(),
            "reverse": keras.ops.convert_to_numpy(layer(hidden, reverse=True)).tolist(),
        }
    )
# A tied language-model head in a functional model: ids -> embeddings -> Dense -> logits through the same matrix.
tokens = keras.Input((3,), dtype="int32", name="tokens")
shared = keras.layers.ReversibleEmbedding(6, 4, name="shared")
states = keras.layers.Dense(4, name="mix")(shared(tokens))
model = keras.Model(tokens, shared(states, reverse=True), name="tied_head")
shared.set_weights([embeddings])
mix = model.get_layer("mix")
mix.set_weights([np.eye(4, dtype="float32") * 0.5, np.full((4,), 0.1, "float32")])
model.save(f"{folder}/reversible-embedding.keras")
result = {"ids": ids.tolist(), "hidden": hidden.tolist(), "cases": cases, "model_output": np.asarray(model.predict(ids, verbose=0)).tolist()}
print(json.dumps(result))
