#!/bin/sh
# Regenerates expected/<case>.csv from cases/<case>.yaml with the oracle, then runs its self-check.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/expected"
for case in "$here"/cases/*.yaml; do
    stem=$(basename "$case" .yaml)
    python3 "$here/oracle.py" "$case" "$here/expected/$stem.csv"
    echo "expected/$stem.csv"
done
python3 "$here/test_oracle.py"
