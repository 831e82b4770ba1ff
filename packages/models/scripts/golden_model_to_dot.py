"""The DOT text of Keras 3.15.1's keras.utils.model_to_dot for a few models and option sets.

Run from packages/models with real Keras and pydot importable (pydot is pure Python; put its wheel's
contents in scripts/.pydot-site, which is not committed): keras-python scripts/golden_model_to_dot.py
Writes golden/model-to-dot.json. Node names are Python object ids, so the test compares the text with
the ids renamed in order of first appearance.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".pydot-site"))

import keras  # noqa: E402
from keras import layers  # noqa: E402

import pydot  # noqa: E402


def sequential():
    return keras.Sequential(
        [
            keras.Input((4,), name="features"),
            layers.Dense(8, activation="relu", name="hidden"),
            layers.Dropout(0.5, name="drop"),
            layers.Dense(3, activation="softmax", name="probabilities"),
        ],
        name="mlp",
    )


def functional():
    left = keras.Input((5,), name="left")
    right = keras.Input((3,), name="right")
    a = layers.Dense(4, activation="tanh", name="left_dense")(left)
    b = layers.Dense(4, name="right_dense")(right)
    frozen = layers.Dense(4, name="frozen")
    frozen.trainable = False
    b = frozen(b)
    merged = layers.Concatenate(name="merge")([a, b])
    out = layers.Dense(1, activation="sigmoid", name="score")(merged)
    return keras.Model([left, right], out, name="two_towers")


def nested():
    inner = keras.Sequential([keras.Input((6,)), layers.Dense(6, activation="relu", name="inner_a"), layers.Dense(2, name="inner_b")], name="block")
    inputs = keras.Input((6,), name="x")
    h = layers.Dense(6, name="pre")(inputs)
    h = inner(h)
    out = layers.Dense(1, name="head")(h)
    return keras.Model(inputs, out, name="outer")


option_sets = {
    "default": {},
    "everything": {"show_shapes": True, "show_dtype": True, "show_layer_activations": True, "show_trainable": True, "rankdir": "LR", "dpi": 96},
    "no-names": {"show_layer_names": False, "show_shapes": True},
}
cases = []
for model_name, make in [("sequential", sequential), ("functional", functional), ("nested", nested)]:
    model = make()
    for option_name, options in option_sets.items():
        cases.append({"model": model_name, "options": option_name, "kwargs": options, "dot": keras.utils.model_to_dot(model, **options).to_string()})
    if model_name == "nested":
        cases.append({"model": model_name, "options": "expand-nested", "kwargs": {"expand_nested": True, "show_shapes": True},
                      "dot": keras.utils.model_to_dot(model, expand_nested=True, show_shapes=True).to_string()})

os.makedirs("golden", exist_ok=True)
with open(os.path.join("golden", "model-to-dot.json"), "w") as f:
    json.dump({"keras": keras.__version__, "pydot": pydot.__version__, "cases": cases}, f, indent=1)
print(cases[0]["dot"])
print(cases[4]["dot"])
