"""Writes the results table of docs/APPLICATIONS.md from the run's small result files (plain Python, no Keras).

  python3 scripts/applications/make_table.py scripts/applications/out
prints the table rows in markdown, one per architecture and include_top, in architectures.py's order.
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


def main(out_dir):
    print("| architecture | input | top | params | config (formula weights) | `.keras` → Strata | `.h5` → Strata | fit step | Strata `.keras` → Keras | Strata `.h5` → Keras | Keras float32 vs float64 | errors |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |")
    for name, (size, _family) in ARCHITECTURES.items():
        for include_top in (False, True):
            ident = variant_id(name, include_top)
            meta = read(out_dir, f"{ident}.meta.json")
            strata = read(out_dir, f"{ident}.strata.json")
            check = read(out_dir, f"{ident}.keras-check.json")
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
            print(f"| {name} | {size}×{size} | {top} | {params} | " + " | ".join(cells) + f" | {text} |")


if __name__ == "__main__":
    main(sys.argv[1])
