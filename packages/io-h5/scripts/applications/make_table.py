"""Writes the results table of docs/APPLICATIONS.md from the run's small result files (plain Python, no Keras).

  python3 scripts/applications/make_table.py scripts/applications/results
prints the table in markdown, one row per architecture and include_top, in architectures.py's order.
  python3 scripts/applications/make_table.py scripts/applications/results --doc ../../docs/APPLICATIONS.md
rewrites the table under the document's "## Results" heading instead. A row whose variant has no result file
in the folder keeps the document's current row: results of runs before the small files were committed.
"""

import json
import os
import sys

from architectures import ARCHITECTURES, variant_id


def read(out_dir, name):
    path = os.path.join(out_dir, name)
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return json.load(handle)


BAR = 1e-4


def error(value, noise=None):
    # The bar is 1e-4 relative to the output's scale; a value above it is a failure, in bold, unless Keras's own
    # float32 output is as far from its float64 output (`noise`): then no float32 implementation can do better.
    if value <= BAR:
        return f"{value:.1e}"
    if noise is not None and noise > BAR and value <= 10 * noise:
        return f"{value:.1e} (float32-bound)"
    return f"**{value:.1e} (fails)**"


def float32_noise(out_dir, ident, meta):
    """Keras float32 against Keras float64 on the model's output: from make_applications.py or dump_layers.py."""
    if meta and meta.get("keras_float32_vs_float64") is not None:
        return meta["keras_float32_vs_float64"]
    layers = read(out_dir, f"{ident}.layers.json")
    return layers[-1]["f32_vs_f64"] if layers else None


def rows(out_dir):
    """(variant id, markdown row) for every architecture and include_top; the row is None without results."""
    yield "header", "| architecture | input | top | params | config (formula weights) | `.keras` → Strata | `.h5` → Strata | fit step | Strata `.keras` → Keras | Strata `.h5` → Keras | Keras float32 vs float64 | errors |"
    yield "rule", "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |"
    for name, (size, _family) in ARCHITECTURES.items():
        for include_top in (False, True):
            ident = variant_id(name, include_top)
            meta = read(out_dir, f"{ident}.meta.json")
            strata = read(out_dir, f"{ident}.strata.json")
            check = read(out_dir, f"{ident}.keras-check.json")
            if meta is None and strata is None and check is None:
                yield ident, None
                continue
            params = f"{meta['params'] / 1e6:.1f} M" if meta else "—"
            noise = float32_noise(out_dir, ident, meta)
            if strata is None:
                cells = ["not run"] * 6
                errors = []
            else:
                errors = list(strata.get("errors", []))

                def cell(key, step):
                    if strata.get(key) is not None:
                        return error(strata[key], noise)
                    return "fails" if any(message.startswith(step) for message in errors) else "not run"

                fit = "not run" if strata.get("fit") is None else ("yes" if strata["fit"] else "no")
                if strata.get("fit") is None and any(message.startswith("fit step") for message in errors):
                    fit = "fails"
                cells = [cell("config", "config"), cell("keras", "load .keras"), cell("h5", "load .h5"), fit]
                if check is None:
                    cells += ["not run", "not run"]
                else:
                    for key in ("keras", "h5"):
                        if check.get(key) is not None:
                            cells.append(error(check[key]))
                        elif any(m.startswith(f"{key}: Strata wrote no file") for m in check.get("errors", [])):
                            cells.append("no file")
                        else:
                            cells.append("fails")
                    errors += [f"Keras: {message}" for message in check.get("errors", []) if "Strata wrote no file" not in message]
            text = "; ".join(message.replace("|", "/").replace("\n", " ")[:160] for message in errors) or ""
            top = "yes" if include_top else "no"
            cells.append("—" if noise is None else f"{noise:.1e}")
            yield ident, f"| {name} | {size}×{size} | {top} | {params} | " + " | ".join(cells) + f" | {text} |"


def empty_row(ident):
    name, top = ident.rsplit("_", 1)
    size = ARCHITECTURES[name][0]
    include_top = "yes" if top == "top" else "no"
    return f"| {name} | {size}×{size} | {include_top} | — | " + " | ".join(["not run"] * 6) + " | — |  |"


def current_rows(doc_lines):
    """The document's table rows by variant id (architecture and its top column)."""
    current = {}
    for line in doc_lines:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) > 3 and cells[0] in ARCHITECTURES and cells[2] in ("yes", "no"):
            current[variant_id(cells[0], cells[2] == "yes")] = line.rstrip("\n")
    return current


def update_doc(out_dir, doc_path):
    with open(doc_path) as handle:
        lines = handle.readlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("## Results"))
    end = heading + 1
    while end < len(lines) and (lines[end].startswith("|") or not lines[end].strip()):
        end += 1
    current = current_rows(lines[heading + 1 : end])
    table = [row if row is not None else current.get(ident, empty_row(ident)) for ident, row in rows(out_dir)]
    with open(doc_path, "w") as handle:
        handle.writelines(lines[: heading + 1] + [row + "\n" for row in table] + lines[end:])


if __name__ == "__main__":
    if "--doc" in sys.argv:
        update_doc(sys.argv[1], sys.argv[sys.argv.index("--doc") + 1])
    else:
        for ident, row in rows(sys.argv[1]):
            print(row if row is not None else empty_row(ident))
