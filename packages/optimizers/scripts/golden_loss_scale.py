"""Keras 3.15.1's LossScaleOptimizer (torch backend): the dynamic scale, the skipped steps and the weights
over a sequence of gradients (some with inf or nan), its config, its serialized form, and the optimizer
variables a .keras file holds after `fit`.

Run from packages/optimizers with real Keras: keras-python scripts/golden_loss_scale.py
Writes golden/loss-scale.json and golden/loss-scale-fit.keras (a small file, for the saved-file form).
"""
import io
import json
import os
import zipfile

import h5py
import keras
import numpy as np

os.makedirs("golden", exist_ok=True)

# 1. apply() over a sequence of gradients: scale 8, growth every 2 finite steps, inner SGD with momentum.
inner = keras.optimizers.SGD(learning_rate=0.1, momentum=0.5)
optimizer = keras.optimizers.LossScaleOptimizer(inner, initial_scale=8.0, dynamic_growth_steps=2)
kernel = keras.Variable(np.array([[1.0, -2.0], [0.5, 3.0]], "float32"), name="kernel")
bias = keras.Variable(np.array([0.25, -0.75], "float32"), name="bias")
inf, nan = float("inf"), float("nan")
gradient_steps = [
    ([[8.0, -4.0], [2.0, 16.0]], [4.0, -8.0]),
    ([[16.0, 8.0], [-8.0, 4.0]], [2.0, 2.0]),
    ([[inf, 1.0], [1.0, 1.0]], [1.0, 1.0]),
    ([[8.0, 8.0], [8.0, 8.0]], [nan, 8.0]),
    ([[4.0, -2.0], [1.0, 3.0]], [0.5, -1.0]),
    ([[2.0, 2.0], [-2.0, 2.0]], [1.0, 0.0]),
    ([[1.0, 0.5], [0.25, -1.0]], [2.0, -2.0]),
]
def json_safe(values):
    return [json_safe(v) if isinstance(v, list) else (v if np.isfinite(v) else str(v)) for v in values]


steps = []
for kernel_grad, bias_grad in gradient_steps:
    optimizer.apply([np.array(kernel_grad, "float32"), np.array(bias_grad, "float32")], [kernel, bias])
    steps.append({
        # inf and nan as the strings "inf" and "nan": JSON has no such numbers.
        "kernel_grad": json_safe(kernel_grad), "bias_grad": json_safe(bias_grad),
        "kernel": keras.ops.convert_to_numpy(kernel).reshape(-1).tolist(),
        "bias": keras.ops.convert_to_numpy(bias).tolist(),
        "dynamic_scale": float(keras.ops.convert_to_numpy(optimizer.dynamic_scale)),
        "step_counter": int(keras.ops.convert_to_numpy(optimizer.step_counter)),
        "iterations": int(keras.ops.convert_to_numpy(optimizer.iterations)),
    })
variables = [{"path": v.path, "value": keras.ops.convert_to_numpy(v).reshape(-1).tolist()} for v in optimizer.variables]
scaled = float(keras.ops.convert_to_numpy(optimizer.scale_loss(keras.ops.convert_to_tensor(1.5))))

config = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam(learning_rate=0.01), initial_scale=1024.0, dynamic_growth_steps=100, name="lso").get_config()
serialized = keras.optimizers.serialize(keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD()))

# 2. fit with a LossScaleOptimizer: the weights after one epoch, and the saved file's optimizer variables.
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, kernel_initializer=keras.initializers.Constant(0.1), bias_initializer="zeros")])
model.compile(optimizer=keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam(learning_rate=0.05), initial_scale=4.0, dynamic_growth_steps=3), loss="mse")
x = np.arange(24, dtype="float32").reshape(8, 3) / 10.0
y = np.stack([x.sum(1), x[:, 0] - x[:, 2]], axis=1).astype("float32")
history = model.fit(x, y, batch_size=2, epochs=2, shuffle=False, verbose=0)
path = os.path.join("golden", "loss-scale-fit.keras")
model.save(path)
with zipfile.ZipFile(path) as archive:
    saved_config = json.loads(archive.read("config.json"))
    weights_bytes = archive.read("model.weights.h5")
saved_variables = []
with h5py.File(io.BytesIO(weights_bytes), "r") as h5:
    def visit(name, item):
        if isinstance(item, h5py.Dataset) and name.startswith("optimizer"):
            saved_variables.append({"name": name, "value": np.asarray(item).reshape(-1).tolist()})
    h5.visititems(visit)

with open(os.path.join("golden", "loss-scale.json"), "w") as f:
    json.dump({
        "keras": keras.__version__,
        "steps": steps,
        "variables": variables,
        "scale_loss_1_5": scaled,
        "config": config,
        "serialized": serialized,
        "fit": {
            "x": x.reshape(-1).tolist(), "y": y.reshape(-1).tolist(),
            "loss": history.history["loss"],
            "kernel": keras.ops.convert_to_numpy(model.layers[0].kernel).reshape(-1).tolist(),
            "bias": keras.ops.convert_to_numpy(model.layers[0].bias).tolist(),
            "compile_config": saved_config.get("compile_config"),
            "saved_optimizer_variables": saved_variables,
        },
    }, f, indent=1)
print(json.dumps(steps[-1]), json.dumps([v["path"] for v in variables]), json.dumps(saved_variables)[:600])
