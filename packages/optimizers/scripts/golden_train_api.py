"""Keras 3.15.1's ScheduleFreeAdamW, the base optimizer's EMA (use_ema) and MultiOptimizer/OptimizerMap on the
problem of src/test-support/harness.ts (weights [[2, 3], [4]] named w0 and w1, gradients 0.5·w + offset(t, k, i)):
the weights after each of 5 steps, the optimizer's variables at the end in Keras's order, the weights after
finalize_variable_values, and the configs. Run from packages/optimizers: keras-python scripts/golden_train_api.py
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


def numpy_of(v):
    return keras.ops.convert_to_numpy(v).reshape(-1).tolist()


def run(optimizer, steps=5):
    variables = [keras.Variable(np.array(w, "float32").reshape(s), name=f"w{k}") for k, (w, s) in enumerate(zip(initial, shapes))]
    weights = []
    for t in range(1, steps + 1):
        gradients = []
        for k, variable in enumerate(variables):
            value = keras.ops.convert_to_numpy(variable).reshape(-1)
            offsets = np.array([offset(t, k, i) for i in range(value.size)], "float32")
            gradients.append(keras.ops.convert_to_tensor((np.float32(0.5) * value + offsets).reshape(shapes[k])))
        optimizer.apply(gradients, variables)
        weights.append([numpy_of(v) for v in variables])
    saved = [{"path": v.path, "shape": list(v.shape), "data": numpy_of(v)} for v in optimizer.variables]
    optimizer.finalize_variable_values(variables)
    return {"steps": weights, "optimizer_variables": saved, "finalized": [numpy_of(v) for v in variables]}


cases = []
single = [
    ("ScheduleFreeAdamW", {}),
    ("ScheduleFreeAdamW", {"learning_rate": 0.05, "beta_1": 0.8, "beta_2": 0.95, "epsilon": 1e-6, "warmup_steps": 3, "weight_decay": 0.01}),
    ("SGD", {"learning_rate": 0.1, "use_ema": True}),
    ("Adam", {"learning_rate": 0.05, "use_ema": True, "ema_momentum": 0.7, "ema_overwrite_frequency": 2}),
    ("ScheduleFreeAdamW", {"learning_rate": 0.01, "use_ema": True, "ema_momentum": 0.5}),
]
for class_name, kwargs in single:
    optimizer = getattr(keras.optimizers, class_name)(**kwargs)
    case = run(optimizer)
    case.update({"class_name": class_name, "config": optimizer.get_config()})
    cases.append(case)

# MultiOptimizer: w1 goes to Adam by exact path, w0 to the default SGD; the Adam one keeps an EMA.
optimizer_map = keras.optimizers.OptimizerMap(default_optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.5))
optimizer_map["w1"] = keras.optimizers.Adam(learning_rate=0.05, use_ema=True, ema_momentum=0.8)
multi = keras.optimizers.MultiOptimizer(optimizer_map, name="multi")
case = run(multi)
case.update({"class_name": "MultiOptimizer", "serialized": keras.saving.serialize_keras_object(multi)})
cases.append(case)
# A regular-expression key, and a loss scale factor that the MultiOptimizer passes to its inner optimizers.
optimizer_map = keras.optimizers.OptimizerMap(default_optimizer=keras.optimizers.Adam(learning_rate=0.01))
optimizer_map["w.*0"] = keras.optimizers.ScheduleFreeAdamW(learning_rate=0.02)
multi = keras.optimizers.MultiOptimizer(optimizer_map, loss_scale_factor=4.0)
# Each inner optimizer divides the harness's gradients by the factor (Keras sets it on them).
case = run(multi)
case.update({"class_name": "MultiOptimizer", "serialized": keras.saving.serialize_keras_object(multi)})
cases.append(case)

with open("golden/train-api.json", "w") as handle:
    json.dump({"generator": "scripts/golden_train_api.py", "keras": keras.__version__, "cases": cases}, handle)
    handle.write("\n")
print(len(cases), "cases")
