"""Writes src/symbolic/op-signatures.json: for every function of keras.ops (and its nn, linalg, image and numpy
sub-namespaces), how Keras records it in a functional graph, read from Keras's own source.

Each function builds its Operation as `Class(<init args>).symbolic_call(<call args>)`; this script finds that
expression (Python's ast) and writes which of the function's parameters go to the class's constructor (saved
in the node's `config`, with the constructor's defaults filled in, as Keras's auto-config does) and which to
its call (saved in the node's `args` and `kwargs`). Functions that build no single Operation of their own are
listed with `"class": null`; Strata refuses them on symbolic tensors.

Run from packages/ops with real Keras 3: `keras-python scripts/symbolic/op_signatures.py`.
"""

import ast
import inspect
import json
import textwrap

import keras
from keras.src.ops.operation import Operation

NAMESPACES = {
    "ops": keras.ops,
    "ops.nn": keras.ops.nn,
    "ops.linalg": keras.ops.linalg,
    "ops.image": keras.ops.image,
    "ops.numpy": keras.ops.numpy,
}
OUT = "src/symbolic/op-signatures.json"


def json_default(value):
    """A parameter default as JSON, or the marker that it has none JSON can hold."""
    if isinstance(value, tuple):
        value = list(value)
    try:
        json.dumps(value)
        return value
    except TypeError:
        return {"__unserializable__": repr(value)}


def params_of(fn, skip_first=False):
    out = []
    items = list(inspect.signature(fn).parameters.values())
    if skip_first:
        items = items[1:]
    for p in items:
        if p.kind == p.VAR_POSITIONAL:
            out.append("*" + p.name)
        elif p.kind == p.VAR_KEYWORD:
            out.append("**" + p.name)
        elif p.name != "name":
            # A required parameter is its name; one with a default is [name, default].
            out.append(p.name if p.default is inspect.Parameter.empty else [p.name, json_default(p.default)])
    return out


def param_name(param):
    return param if isinstance(param, str) else param[0]


def source_name(node):
    """The function parameter an argument expression passes on (`*name` for a spread), or None when it is computed."""
    if isinstance(node, ast.Starred) and isinstance(node.value, ast.Name):
        return "*" + node.value.id
    return node.id if isinstance(node, ast.Name) else None


def operation_call(node):
    """(constructor call, call) for `Class(...).symbolic_call(...)` or `Class(...)(...)`, else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "symbolic_call":
        func = func.value
    if isinstance(func, ast.Call) and isinstance(func.func, ast.Name):
        return func, node
    return None


def find_symbolic_call(fn, module):
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    found = []
    for node in ast.walk(tree):
        pair = operation_call(node)
        if pair is None:
            continue
        cls = getattr(module, pair[0].func.id, None)
        if inspect.isclass(cls) and issubclass(cls, Operation):
            found.append((cls, *pair))
    classes = {cls for cls, _, _ in found}
    if len(classes) != 1:
        return None, f"builds {len(classes)} operation classes"
    return found[0], None


def alias_of(fn, module):
    """The function of the same module that `fn` only forwards to (`abs` is `absolute`), if any."""
    body = ast.parse(textwrap.dedent(inspect.getsource(fn))).body[0].body
    statements = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(statements) == 1 and isinstance(statements[0], ast.Return) and isinstance(statements[0].value, ast.Call):
        target = statements[0].value.func
        if isinstance(target, ast.Name) and inspect.isfunction(getattr(module, target.id, None)):
            return getattr(module, target.id)
    return None


def describe(fn):
    module = inspect.getmodule(fn)
    mod_name = module.__name__.rsplit(".", 1)[-1]
    entry = {"module": mod_name, "params": params_of(fn)}
    found, why = find_symbolic_call(fn, module)
    alias = alias_of(fn, module)
    if found is None and alias is not None:
        found, why = find_symbolic_call(alias, module)
        entry["aliasOf"] = alias.__name__
    if found is None:
        entry["class"] = None
        entry["why"] = why
        return entry
    cls, ctor, call = found
    fn_params = [param_name(p).lstrip("*") for p in entry["params"]]
    init_params = params_of(cls.__init__, skip_first=True)
    init_names = [param_name(p) for p in init_params if not param_name(p).startswith("*")]
    init_map = {}
    problems = []
    for i, arg in enumerate(ctor.args):
        init_map[init_names[i]] = source_name(arg)
    for kw in ctor.keywords:
        init_map[kw.arg] = source_name(kw.value)
    call_args = [source_name(a) for a in call.args]
    call_kwargs = {kw.arg: source_name(kw.value) for kw in call.keywords if kw.arg is not None}
    for target, src in list(init_map.items()) + [(f"call[{i}]", s) for i, s in enumerate(call_args)] + list(call_kwargs.items()):
        if src is None or src.lstrip("*") not in fn_params:
            problems.append(f"{target} <- computed value")
    entry.update(
        {
            "class": cls.__name__,
            "init": init_params,
            "initFrom": init_map,
            "callArgs": call_args,
            "callKwargs": call_kwargs,
        }
    )
    if "get_config" in cls.__dict__:
        problems.append("the class writes its own config")
    if problems:
        entry["problems"] = problems
    return entry


def main():
    table = {}
    for ns in NAMESPACES.values():
        for name in sorted(dir(ns)):
            fn = getattr(ns, name)
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            entry = describe(fn)
            key = f"{entry['module']}.{name}"
            table.setdefault(key, entry)
    with open(OUT, "w") as f:
        f.write('{"keras_version":%s,"ops":{\n' % json.dumps(keras.__version__))
        lines = [f"{json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}" for k, v in sorted(table.items())]
        f.write(",\n".join(lines))
        f.write("\n}}\n")
    no_class = [k for k, v in table.items() if v["class"] is None]
    flagged = {k: v["problems"] for k, v in table.items() if v.get("problems")}
    print(len(table), "functions;", len(no_class), "without a class:", no_class)
    print("flagged:", json.dumps(flagged, indent=1))


main()
