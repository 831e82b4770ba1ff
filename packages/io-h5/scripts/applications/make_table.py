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
    return "—" if value is None else f"{value:.1e}"


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
                fit = "—" if strata.get("fit") is None else ("yes" if strata["fit"] else "no")
                cells = [error(strata.get("config")), error(strata.get("keras")), error(strata.get("h5")), fit]
                errors = list(strata.get("errors", []))
                if check is None:
                    cells += ["not run", "not run"]
                else:
                    cells += [error(check.get("keras")), error(check.get("h5"))]
                    errors += [f"Keras: {message}" for message in check.get("errors", []) if "Strata wrote no file" not in message]
            text = "; ".join(message.replace("|", "/").replace("\n", " ")[:160] for message in errors) or ""
            top = "yes" if include_top else "no"
            print(f"| {name} | {size}×{size} | {top} | {params} | " + " | ".join(cells) + f" | {text} |")


if __name__ == "__main__":
    main(sys.argv[1])
