"""Shared writer for the golden files of Strata's ops: runs an op with real Keras and records its result.

Each family script (numpy_elementwise.py, nn.py, ...) builds a list of cases with `case(...)` and calls
`write(path, cases)`. Run with real Keras 3.15.1 from this folder's package root:
    keras-python scripts/golden/<family>.py
A case's positional `args` are the op's required parameters and `kwargs` its optional ones (snake_case):
Strata's signature puts the first positionally and the second in one options object.
"""
import json
import math
import os

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras import ops  # noqa: E402

try:
    import torch  # noqa: E402

    torch.set_num_threads(1)
except ImportError:  # pragma: no cover
    pass


def _number(value):
    value = float(value) if not isinstance(value, (bool, np.bool_)) else bool(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
    return value


def encode(value):
    """A JSON-safe form of an argument or a result; arrays and tensors become {"tensor": {...}}."""
    if value is None or isinstance(value, (str,)):
        return value
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return _number(value)
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    array = np.asarray(ops.convert_to_numpy(value)) if not isinstance(value, np.ndarray) else value
    dtype = str(array.dtype)
    if array.dtype.kind == "c":  # complex: [re, im] pairs interleaved, held as complex64 by Strata
        pairs = np.stack([array.real, array.imag], axis=-1).reshape(-1).tolist()
        return {"tensor": {"dtype": "complex64", "shape": list(array.shape), "data": [_number(v) for v in pairs]}}
    flat = array.reshape(-1).tolist()
    if array.dtype.kind == "f":
        flat = [_number(v) for v in flat]
    elif array.dtype.kind == "b":
        flat = [bool(v) for v in flat]
    else:
        flat = [int(v) for v in flat]
    return {"tensor": {"dtype": dtype, "shape": list(array.shape), "data": flat}}


def case(op, *args, namespace="ops", rtol=None, note=None, **kwargs):
    """Runs `keras.<namespace>.<op>(*args, **kwargs)` and records arguments and result (or the error Keras raises)."""
    module = keras
    for part in namespace.split("."):
        module = getattr(module, part)
    record = {"op": op, "namespace": namespace, "args": encode(list(args)), "kwargs": encode(kwargs)}
    if rtol is not None:
        record["rtol"] = rtol
    if note is not None:
        record["note"] = note
    try:
        record["result"] = encode(getattr(module, op)(*args, **kwargs))
    except Exception as error:  # Keras refuses the input: Strata must refuse it too.
        record["error"] = type(error).__name__
    return record


def write(path, cases):
    meta = {"keras": keras.__version__, "backend": keras.backend.backend(), "numpy": np.__version__}
    with open(path, "w") as handle:
        json.dump({"generator": "scripts/golden/" + os.path.basename(__import__("sys").argv[0]), "env": meta, "cases": cases}, handle, separators=(",", ":"))
        handle.write("\n")
    print(f"wrote {len(cases)} cases to {path}")
