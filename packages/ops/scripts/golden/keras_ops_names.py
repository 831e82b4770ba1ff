"""Lists every op Keras 3.15.1 exports under keras.ops and its sub-namespaces, for docs/OPS.md and its test."""
import inspect
import json

import keras

namespaces = {
    "ops": keras.ops,
    "ops.nn": keras.ops.nn,
    "ops.numpy": keras.ops.numpy,
    "ops.linalg": keras.ops.linalg,
    "ops.image": keras.ops.image,
}
ops = {}
for namespace, module in namespaces.items():
    for name in sorted(dir(module)):
        value = getattr(module, name)
        if name.startswith("_") or inspect.ismodule(value) or not callable(value):
            continue
        entry = ops.setdefault(name, {"namespaces": [], "module": value.__module__})
        entry["namespaces"].append(namespace)
with open("golden/keras_ops.json", "w") as handle:
    json.dump({"keras": keras.__version__, "ops": ops}, handle, indent=1, sort_keys=True)
    handle.write("\n")
print(len(ops), "ops")
