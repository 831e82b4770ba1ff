"""Weights after each of 5 steps of Keras 3.15.1's Ftrl, Lamb and Adafactor on the problem of
src/test-support/harness.ts (weights [[2, 3], [4]], gradients 0.5·w + offset(t, k, i)), and the optimizer's
variables at the end, in Keras's order. Run from packages/optimizers: keras-python scripts/golden_optimizers.py
"""
import json
import math

import keras
import numpy as np

shapes = [(2, 3), (4,)]
initial = [[0.3, -0.7, 1.2, 0.05, -1.5, 0.8], [0.9, -0.2, 0.0, 0.4]]


def offset(t, k, i):
    if t == 1 and k == 1 and i == 2:
        return 0.0
    return math.sin(t * 7 + k * 3 + i * 1.3) * (1 + i) * 0.4


configs = [
    ("Ftrl", {}),
    ("Ftrl", {"learning_rate": 0.1, "l1_regularization_strength": 0.01, "l2_regularization_strength": 0.02, "l2_shrinkage_regularization_strength": 0.05, "beta": 0.3, "learning_rate_power": -0.7, "initial_accumulator_value": 0.5}),
    ("Lamb", {}),
    ("Lamb", {"learning_rate": 0.05, "beta_1": 0.8, "beta_2": 0.95, "epsilon": 1e-5}),
    ("Adafactor", {}),
    ("Adafactor", {"learning_rate": 0.3, "relative_step": True, "clip_threshold": 0.5, "beta_2_decay": -0.5}),
    ("Adafactor", {"learning_rate": 0.01, "relative_step": False, "epsilon_2": 0.01}),
    ("Muon", {}),
    ("Muon", {"learning_rate": 0.02, "nesterov": False, "rms_rate": None, "ns_steps": 3, "adam_lr_ratio": 0.5, "weight_decay": 0.1, "adam_weight_decay": 0.01}),
    ("Muon", {"learning_rate": 0.01, "exclude_layers": ["w0"], "momentum": 0.9}),
]

cases = []
for class_name, kwargs in configs:
    variables = [keras.Variable(np.array(w, "float32").reshape(s), name=f"w{k}") for k, (w, s) in enumerate(zip(initial, shapes))]
    optimizer = getattr(keras.optimizers, class_name)(**kwargs)
    steps = []
    for t in range(1, 6):
        gradients = []
        for k, variable in enumerate(variables):
            value = keras.ops.convert_to_numpy(variable).reshape(-1)
            offsets = np.array([offset(t, k, i) for i in range(value.size)], "float32")
            gradients.append(keras.ops.convert_to_tensor((np.float32(0.5) * value + offsets).reshape(shapes[k])))
        optimizer.apply_gradients(zip(gradients, variables))
        steps.append([keras.ops.convert_to_numpy(v).reshape(-1).tolist() for v in variables])
    cases.append(
        {
            "class_name": class_name,
            "config": optimizer.get_config(),
            "steps": steps,
            "optimizer_variables": [
                {"path": v.path, "shape": list(v.shape), "data": keras.ops.convert_to_numpy(v).reshape(-1).tolist()} for v in optimizer.variables
            ],
        }
    )
with open("golden/optimizers.json", "w") as handle:
    json.dump({"generator": "scripts/golden_optimizers.py", "keras": keras.__version__, "cases": cases}, handle)
    handle.write("\n")
print(len(cases), "cases")
