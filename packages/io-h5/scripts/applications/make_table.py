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


def error(value):
    # The bar is 1e-4 relative to the output's scale; a value above it is a failure, in bold.
    return f"{value:.1e}" if value <= 1e-4 else f"**{value:.1e} (fails)**"


def main(out_dir):
    print("| architecture | input | top | params | config (formula weights) | `.keras` → Strata | `.h5` → Strata | fit step | Strata `.keras` → Keras | Strata `.h5` → Keras | errors |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |")
    for name, (size, _family) in ARCHITECTURES.items():
        for include_top in (False, True):
            ident = variant_id(name, include_top)
            meta = read(out_dir, f"{ident}.meta.json")
            strata = read(out_dir, f"{ident}.strata.json")
            check = read(out_dir, f"{ident}.keras-check.json")
            params = f"{meta['params'] / 1e6:.1f} M" if meta else "—"
            if strata is None:
                cells = ["not run"] * 6
                errors = []
            else:
                errors = list(strata.get("errors", []))

                def cell(key, step):
                    if strata.get(key) is not None:
                        return error(strata[key])
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
            print(f"| {name} | {size}×{size} | {top} | {params} | " + " | ".join(cells) + f" | {text} |")


if __name__ == "__main__":
    main(sys.argv[1])
