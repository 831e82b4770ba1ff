"""Keras 3.15.1's InputSpec: its config, repr, and the errors a layer with an input_spec raises.

Run from packages/layers with real Keras: keras-python scripts/golden_input_spec.py
Writes golden/input-spec.json.
"""
import json
import os

import numpy as np

import keras
from keras import layers


class Probe(layers.Layer):
    def __init__(self, spec, **kwargs):
        super().__init__(**kwargs)
        self.input_spec = spec

    def call(self, x):
        return x


cases = []


def case(name, spec_kwargs, input_shape):
    spec = keras.InputSpec(**spec_kwargs)
    entry = {"name": name, "spec": spec_kwargs, "input_shape": list(input_shape), "repr": repr(spec),
             "config": spec.get_config()}
    try:
        Probe(spec, name="probe")(np.zeros(input_shape, dtype="float32"))
        entry["error"] = None
    except ValueError as e:
        entry["error"] = str(e)
    cases.append(entry)


case("ndim4_rank3", {"ndim": 4}, (2, 3, 4))
case("ndim4_ok", {"ndim": 4}, (2, 3, 4, 1))
case("min_ndim3", {"min_ndim": 3}, (2, 3))
case("max_ndim2", {"max_ndim": 2}, (2, 3, 4))
case("axes_last", {"min_ndim": 2, "axes": {-1: 5}}, (2, 3, 4))
case("shape", {"shape": (None, 28, 28)}, (2, 28, 27))
case("shape_squeeze", {"shape": (None, 28, 28, 1), "allow_last_axis_squeeze": True}, (2, 28, 28))
case("shape_squeeze_bad", {"shape": (None, 28, 28, 1), "allow_last_axis_squeeze": True}, (2, 28, 27))
case("named", {"ndim": 2, "name": "features"}, (2, 3, 4))
try:
    keras.InputSpec(ndim=2, axes={3: 1})
    axis_error = None
except ValueError as e:
    axis_error = str(e)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "input-spec.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "axis_error": axis_error}, f, indent=1)
print(json.dumps(cases, indent=1), axis_error)
