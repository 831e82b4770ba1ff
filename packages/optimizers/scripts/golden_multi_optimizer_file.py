"""A .keras file of a model compiled with Keras 3.15.1's MultiOptimizer (an OptimizerMap: Adam for the second
Dense layer by pattern, SGD with momentum by default) after two epochs, and the optimizer datasets in it: Keras
writes every variable under optimizer/vars and each inner optimizer's again under optimizer/optimizers/<name>/vars.
Writes golden/multi-optimizer-fit.keras and golden/multi-optimizer-file.json.
Run from packages/optimizers: keras-python scripts/golden_multi_optimizer_file.py
"""
import io
import json
import math
import zipfile

import h5py
import keras
import numpy as np

x = np.array([[math.sin(i * 1.3 + j) for j in range(3)] for i in range(8)], "float32")
y = np.array([[math.cos(i * 0.7)] for i in range(8)], "float32")
keras.utils.set_random_seed(3)
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="first"), keras.layers.Dense(1, name="second")])
optimizer_map = keras.optimizers.OptimizerMap(default_optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.5))
optimizer_map["sequential/second/.*"] = keras.optimizers.Adam(learning_rate=0.01)
model.compile(optimizer=keras.optimizers.MultiOptimizer(optimizer_map), loss="mse")
model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
path = "golden/multi-optimizer-fit.keras"
model.save(path)

saved = []
with zipfile.ZipFile(path) as archive:
    weights_bytes = archive.read("model.weights.h5")
with h5py.File(io.BytesIO(weights_bytes), "r") as h5:
    def visit(name, item):
        if isinstance(item, h5py.Dataset) and name.startswith("optimizer"):
            saved.append({"name": name, "value": np.asarray(item).reshape(-1).tolist()})
    h5.visititems(visit)
with open("golden/multi-optimizer-file.json", "w") as handle:
    json.dump(
        {
            "generator": "scripts/golden_multi_optimizer_file.py",
            "keras": keras.__version__,
            "x": x.reshape(-1).tolist(),
            "y": y.reshape(-1).tolist(),
            "weights": [w.reshape(-1).tolist() for w in model.get_weights()],
            "variable_paths": [v.path for v in model.optimizer.variables],
            "saved_optimizer_variables": saved,
        },
        handle,
    )
    handle.write("\n")
print(len(saved), "optimizer datasets")
