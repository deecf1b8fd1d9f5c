#!/usr/bin/env bash
# Publishes capsim for linux-x64, so it starts in well under a second instead of paying `dotnet run`'s
# build check on every call.
#   scripts/publish.sh [DIR]        -> DIR/capsim (default publish/): framework-dependent, ReadyToRun;
#                                      runs on any x86-64 with the .NET 10 runtime
#   scripts/publish.sh --aot [DIR]  -> DIR/capsim (default publish-aot/): Native AOT for x86-64-v3
#                                      (AVX2, FMA), no .NET runtime needed, with the ReadyToRun build
#                                      in DIR/ready-to-run/ for CPUs without AVX2 (README, "Builds")
# The Native AOT build needs clang (or gcc), lld or binutils, and zlib's headers (Debian: clang lld
# zlib1g-dev); NuGet brings the compiler package on restore.
set -euo pipefail
cd "$(dirname "$0")/.."

aot=false
if [ "${1:-}" = "--aot" ]; then aot=true; shift; fi

publish_ready_to_run() {
  # The SIMD kernel uses Vector<T>, whose width the runtime picks at start-up, so ReadyToRun cannot
  # precompile it and it is JIT-compiled in every process whatever instruction set the image
  # targets (an AVX2-only image measured no faster); the default target runs on any x86-64.
  dotnet publish src/CapacitySim.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$1"
}

if [ "$aot" = false ]; then
  out="${1:-publish}"
  publish_ready_to_run "$out"
  echo "run it as: $out/capsim run scenarios/meta-superintelligence.yaml"
  exit 0
fi

out="${1:-publish-aot}"
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  echo "publish.sh --aot: Native AOT links with clang or gcc (Debian: apt-get install clang lld zlib1g-dev)" >&2
  exit 1
fi

# Native AOT for x86-64-v3: Vector<double> has the 4 lanes the JIT gives it on AVX2 (the default
# x86-64-v1 target gives 2 and a 1.6x slower engine). CapsimAot sets PublishAot and the instruction
# set in the Cli project alone (src/CapacitySim.Cli/CapacitySim.Cli.csproj).
obj=$(mktemp -d)
log="$obj/publish.log"
dotnet publish src/CapacitySim.Cli -c Release -r linux-x64 -p:CapsimAot=true -o "$out" 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1

# Trimming and AOT warnings of our own code fail the publish (TreatWarningsAsErrors). A package that
# is not trim-safe as a whole gives one warning, which fails here unless it was reviewed:
#   Parquet: its reflection (Nullable<T> of a field's type, IEnumerable and IDictionary checks) runs
#            for sweep.parquet's int, double and string columns only, and the AOT tests compare
#            sweep.parquet with the JIT build's byte for byte.
reviewed="Parquet"
unreviewed=$(grep -oE "(IL2104|IL3053): Assembly '[^']+'" "$log" | sed -E "s/.*Assembly '([^']+)'/\1/" | sort -u \
  | grep -vxF -f <(tr ' ' '\n' <<<"$reviewed") || true)
rm -rf "$obj"
# Debug symbols and the libraries' XML documentation are not part of the app.
rm -f "$out"/*.dbg "$out"/*.pdb "$out"/*.xml
if [ -n "$unreviewed" ]; then
  echo "publish.sh --aot: trimming or AOT warnings in assemblies not reviewed for Native AOT: $unreviewed" >&2
  exit 1
fi

# The Native AOT runtime refuses to start on a CPU below its target (seen under qemu-x86_64 -cpu
# Nehalem: "The required instruction sets are not supported by the current CPU." and SIGABRT, exit
# code 134), before any of capsim's code could explain, so
# DIR/capsim is a small script that checks the CPU and runs the native binary, or the ReadyToRun
# build beside it.
mv "$out/capsim" "$out/capsim-x86-64-v3"
publish_ready_to_run "$out/ready-to-run"
cp scripts/capsim-launcher.sh "$out/capsim"
chmod +x "$out/capsim"
echo "run it as: $out/capsim run scenarios/meta-superintelligence.yaml"
