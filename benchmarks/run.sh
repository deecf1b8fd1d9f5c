#!/usr/bin/env bash
# Runs the BenchmarkDotNet benchmarks the fastest honest way: the built Release dll, in process,
# with the short job. Pass a filter to run some: benchmarks/run.sh '*ReferenceEngine*'
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/CapacitySim.Benchmarks -c Release -v quiet
cd benchmarks/CapacitySim.Benchmarks/bin/Release/net10.0
dotnet CapacitySim.Benchmarks.dll --job short --inProcess --filter "${1:-*}" --artifacts "$OLDPWD/BenchmarkDotNet.Artifacts"
