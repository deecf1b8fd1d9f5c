#!/usr/bin/env bash
# Regenerates the golden CSVs of tests/CapacitySim.Tests/IO/Csv/Golden from the code as it is (the
# golden test writes them when CAPSIM_REGENERATE_GOLDEN=1) and prints what changed, to review before
# committing: a change the model's text does not explain is a bug, not a new golden file.
#   scripts/regenerate-golden.sh
set -euo pipefail
cd "$(dirname "$0")/.."
golden=tests/CapacitySim.Tests/IO/Csv/Golden
CAPSIM_REGENERATE_GOLDEN=1 dotnet test CapacitySim.sln --filter "FullyQualifiedName~GoldenCsvTests.MatchesTheGoldenFiles" >/dev/null \
  || { echo "the golden test failed after writing the files; run it without CAPSIM_REGENERATE_GOLDEN to see why" >&2; exit 1; }
git add -N "$golden" 2>/dev/null || true
if git diff --quiet -- "$golden"; then
  echo "golden files unchanged"
else
  git --no-pager diff --stat -- "$golden"
  git --no-pager diff -- "$golden"
fi
