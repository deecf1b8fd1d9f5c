#!/bin/sh
# capsim as `scripts/publish.sh --aot` ships it: the Native AOT binary compiled for x86-64-v3 when
# the CPU has that level, else the ReadyToRun build beside it (same outputs, byte for byte; it needs
# the .NET 10 runtime). The AOT runtime itself would abort on such a CPU with "The required
# instruction sets are not supported by the current CPU." before capsim could say what to do.
dir=$(dirname "$(readlink -f "$0")")
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
missing=
# x86-64-v3: AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT (abm in /proc/cpuinfo), MOVBE.
for flag in avx avx2 bmi1 bmi2 f16c fma abm movbe; do
  case " ${flags#*:} " in *" $flag "*) ;; *) missing="$missing $flag" ;; esac
done
if [ -z "$missing" ]; then exec "$dir/capsim-x86-64-v3" "$@"; fi
if [ -x "$dir/ready-to-run/capsim" ]; then exec "$dir/ready-to-run/capsim" "$@"; fi
echo "capsim: this build needs an x86-64-v3 CPU (AVX2, FMA) and this one lacks:$missing." >&2
echo "capsim: publish the ReadyToRun build instead (runs on any x86-64 with the .NET 10 runtime): scripts/publish.sh DIR" >&2
exit 1
