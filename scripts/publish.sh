#!/usr/bin/env bash
# Publishes capsim as a framework-dependent linux-x64 app compiled ahead of time (ReadyToRun), so
# it starts in well under a second instead of paying `dotnet run`'s build check on every call.
#   scripts/publish.sh            -> publish/capsim
#   scripts/publish.sh DIR        -> DIR/capsim
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-publish}"
# x86-64-v3 (AVX2) lets ReadyToRun precompile the SIMD kernel too (Vector<T> is 256 bits there); on a
# machine without AVX2 the runtime ignores that code and compiles it at start-up instead.
dotnet publish src/CapacitySim.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  "-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3" -o "$out"
echo "run it as: $out/capsim run scenarios/meta-superintelligence.yaml"
