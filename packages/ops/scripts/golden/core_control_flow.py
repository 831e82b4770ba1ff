"""Keras's control-flow ops run with fixed Python functions; the TypeScript test (control-flow.test.ts) runs the
same functions, written in TypeScript, through Strata's ops and compares with the results recorded here."""
import json

import numpy as np
import torch

from golden_common import encode, keras, ops

rng = np.random.RandomState(2)
xs = rng.randn(4, 3).astype("float32")
init = rng.randn(3).astype("float32")
records = {}


def record(name, inputs, result):
    records[name] = {"inputs": encode(inputs), "result": encode(result)}


# scan: carry is a running sum, y the carry times x.
scan_f = lambda c, x: (c + x, c * x)  # noqa: E731
record("scan", [init, xs], list(ops.scan(scan_f, ops.convert_to_tensor(init), ops.convert_to_tensor(xs))))
record("scan_reverse", [init, xs], list(ops.scan(scan_f, ops.convert_to_tensor(init), ops.convert_to_tensor(xs), reverse=True)))
record("scan_length", [init], list(ops.scan(lambda c, _: (c * 2.0, c + 1.0), ops.convert_to_tensor(init), None, length=3)))
# nested: carry (a, b), xs a dict
scan_nested = lambda c, x: ((c[0] + x["p"], c[1] * 2.0), {"s": c[0] - x["q"]})  # noqa: E731
q = rng.randn(4, 3).astype("float32")
carry, ys = ops.scan(scan_nested, (ops.convert_to_tensor(init), ops.convert_to_tensor(1.5)), {"p": ops.convert_to_tensor(xs), "q": ops.convert_to_tensor(q)})
record("scan_nested", [init, xs, q], [list(carry), ys["s"]])

# map
record("map", [xs], ops.map(lambda x: x * x + 1.0, ops.convert_to_tensor(xs)))
mapped = ops.map(lambda x: {"y1": x * 2.0, "y2": ops.sum(x)}, ops.convert_to_tensor(xs))
record("map_nested", [xs], [mapped["y1"], mapped["y2"]])
record("vectorized_map", [xs, init], ops.vectorized_map(lambda x: ops.sum(x * ops.convert_to_tensor(init)) + 1.0, ops.convert_to_tensor(xs)))

# associative_scan
seq = rng.randn(7).astype("float32")
grid = rng.randn(2, 5).astype("float32")
record("associative_scan_add", [seq], ops.associative_scan(lambda a, b: a + b, ops.convert_to_tensor(seq)))
record("associative_scan_axis1_reverse", [grid], ops.associative_scan(lambda a, b: a + b, ops.convert_to_tensor(grid), reverse=True, axis=1))
record("associative_scan_max_even", [grid[0, :4]], ops.associative_scan(ops.maximum, ops.convert_to_tensor(grid[0, :4])))
coef = rng.uniform(0.5, 1.0, 6).astype("float32")
bias = rng.randn(6).astype("float32")
linear = lambda u, v: (u[0] * v[0], u[1] * v[0] + v[1])  # noqa: E731  h_t = a_t * h_{t-1} + b_t
record("associative_scan_linear_recurrence", [coef, bias], list(ops.associative_scan(linear, (ops.convert_to_tensor(coef), ops.convert_to_tensor(bias)))))

# while_loop, fori_loop, cond, switch
record("while_loop_scalar", [0], ops.while_loop(lambda i: i < 10, lambda i: i + 1, 0))
record("while_loop_pair", [0, 1.5], list(ops.while_loop(lambda x, y: x < 10, lambda x, y: (x + 1, y * 2.0), (0, 1.5))))
record("while_loop_maximum_iterations", [0, 1.5], list(ops.while_loop(lambda x, y: x < 10, lambda x, y: (x + 1, y * 2.0), (0, 1.5), maximum_iterations=3)))
record("fori_loop", [init], ops.fori_loop(0, 5, lambda i, v: v + i * ops.convert_to_tensor(init), ops.zeros((3,))))
record("cond", [init], [ops.cond(ops.convert_to_tensor(True), lambda: init * 2.0, lambda: init - 1.0), ops.cond(False, lambda: init * 2.0, lambda: init - 1.0)])
branches = [lambda x, y: x + y, lambda x, y: x - y, lambda x, y: x * y]
record("switch", [2.0, 0.5], [ops.switch(i, branches, ops.convert_to_tensor(2.0), ops.convert_to_tensor(0.5)) for i in (0, 1, 5, -3)])


# custom_gradient: softplus with a hand-written gradient; the gradient is read with torch's autograd.
@ops.custom_gradient
def log1pexp(x):
    e = ops.exp(x)

    def grad(*args, upstream=None):
        if upstream is None:
            (upstream,) = args
        return ops.multiply(upstream, 1.0 - 1.0 / ops.add(1, e))

    return ops.log(1 + e), grad


point = torch.tensor(rng.randn(5).astype("float32"), requires_grad=True)
value = log1pexp(point)
(value * torch.arange(1, 6, dtype=torch.float32)).sum().backward()
record("custom_gradient", [point.detach().numpy()], [value.detach(), point.grad])

# stop_gradient: d/dx sum(stop_gradient(x) * x) = x
leaf = torch.tensor(init, requires_grad=True)
ops.sum(ops.stop_gradient(leaf) * leaf).backward()
record("stop_gradient_grad", [init], leaf.grad)

with open("golden/core_control_flow.json", "w") as handle:
    json.dump({"generator": "scripts/golden/core_control_flow.py", "keras": keras.__version__, "records": records}, handle, separators=(",", ":"))
    handle.write("\n")
print(f"wrote {len(records)} records")
