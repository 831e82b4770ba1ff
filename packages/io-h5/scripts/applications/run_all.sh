#!/bin/sh
# Runs the whole parity check, one architecture at a time (the files of big ones are gigabytes):
# Keras writes the files, Strata loads/predicts/trains/saves them, Keras loads Strata's saves, then the
# big files are deleted and the small results (*.meta.json, *.strata.json, *.keras-check.json) stay, and are
# copied to scripts/applications/results (committed; RESULTS= to change), from which the table is made.
# From packages/io-h5:  KERAS_PYTHON=<path to keras-python> sh scripts/applications/run_all.sh [Name ...]
# CONFIG_ONLY=1: Keras writes no .keras/.h5 (--no-files) and Strata checks the config with formula weights only.
# Then: python3 scripts/applications/make_table.py scripts/applications/results --doc ../../docs/APPLICATIONS.md
set -u
OUT=${OUT:-scripts/applications/out}
RESULTS=${RESULTS:-scripts/applications/results}
mkdir -p "$OUT" "$RESULTS"
NAMES="$*"
if [ -z "$NAMES" ]; then
  NAMES=$(python3 -c 'import sys; sys.path.insert(0, "scripts/applications"); from architectures import ARCHITECTURES; print(" ".join(ARCHITECTURES))')
fi
for NAME in $NAMES; do
  echo "== $NAME $(date -u +%H:%M:%S)"
  FLAGS=""
  [ "${CONFIG_ONLY:-}" = 1 ] && FLAGS="--no-files"
  "$KERAS_PYTHON" scripts/applications/make_applications.py "$OUT" $FLAGS "$NAME" 2>&1 | grep -v "WARNING:absl" | cut -c1-300
  STRATA_APPLICATIONS_DIR="$(cd "$OUT" && pwd)" STRATA_APPLICATIONS="${NAME}_notop,${NAME}_top" \
    npx vitest run src/applications/files.local.test.ts 2>&1 | grep -E '^\S*\{"variant"|✓|×' | cut -c1-400
  [ "${CONFIG_ONLY:-}" = 1 ] || "$KERAS_PYTHON" scripts/applications/check_strata_files.py "$OUT" "${NAME}_notop" "${NAME}_top" 2>&1 | grep '^{' | cut -c1-400
  rm -f "$OUT/${NAME}"_*.keras "$OUT/${NAME}"_*.h5
  for FILE in "$OUT/${NAME}"_top.*.json "$OUT/${NAME}"_notop.*.json; do
    case "$FILE" in *.layers.*) ;; *.meta.json | *.strata.json | *.keras-check.json) cp "$FILE" "$RESULTS/" ;; esac
  done
done
echo "== done $(date -u +%H:%M:%S)"
