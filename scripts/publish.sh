#!/usr/bin/env bash
# Publishes capsim as a framework-dependent linux-x64 app compiled ahead of time (ReadyToRun), so
# it starts in well under a second instead of paying `dotnet run`'s build check on every call.
#   scripts/publish.sh            -> publish/capsim
#   scripts/publish.sh DIR        -> DIR/capsim
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-publish}"
# The SIMD kernel uses Vector<T>, whose width the runtime picks at start-up, so ReadyToRun cannot
# precompile it and it is JIT-compiled in every process whatever instruction set the image
# targets (an AVX2-only image measured no faster); the default target runs on any x86-64.
dotnet publish src/CapacitySim.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out"
echo "run it as: $out/capsim run scenarios/meta-superintelligence.yaml"
