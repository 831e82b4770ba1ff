# Writes the HDF5 files that keep their data outside themselves, for hostile-external.test.ts.
# h5wasm cannot create these, so h5py does:
#   python scripts/make-external-storage-fixtures.py src/test-support/fixtures
import sys

import h5py

out = sys.argv[1] if len(sys.argv) > 1 else "."

# External raw storage (an external file list): the dataset's bytes live in /dev/null, which reads as zeros.
with h5py.File(f"{out}/external-storage.weights.h5", "w", libver="earliest") as f:
    group = f.create_group("layers/dense/vars")
    group.create_dataset("0", shape=(4,), dtype="<f4", external=[("/dev/null", 0, h5py.h5f.UNLIMITED)])

# A virtual dataset mapping another file's dataset.
with h5py.File(f"{out}/virtual-dataset.weights.h5", "w", libver="earliest") as f:
    layout = h5py.VirtualLayout(shape=(4,), dtype="<f4")
    layout[:] = h5py.VirtualSource("other.h5", "x", shape=(4,))
    f.create_group("layers/dense/vars").create_virtual_dataset("0", layout, fillvalue=0)
