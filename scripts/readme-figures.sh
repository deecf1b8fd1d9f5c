#!/usr/bin/env bash
# Regenerates what the README and docs show from the shipped files: the reference run's key
# figures (printed as the README's Markdown table) and the images in docs/images/, from the
# reference run, the competitor comparison, the two tornados, the reference plan, the battery plan and the sweep.
#   scripts/readme-figures.sh [OUT]     (OUT: a scratch folder, default a new temporary one)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
bin="$out/publish"
scripts/publish.sh "$bin" >/dev/null
capsim() { "$bin/capsim" "$@"; }

capsim run scenarios/meta-superintelligence.yaml --out "$out" >/dev/null
ref="$out/meta-superintelligence"
cp "$ref/dashboard.png" "$ref/frontier.png" "$ref/capex.png" "$ref/emissions.png" "$ref/cost.png" "$ref/cfe.png" "$ref/dispatch.png" docs/images/

capsim compare scenarios/meta-superintelligence.yaml scenarios/meta-hyperion-delayed.yaml scenarios/openai-stargate.yaml \
  scenarios/xai-colossus.yaml scenarios/anthropic-compute.yaml scenarios/google-tpu.yaml --out "$out" >/dev/null
cmp=$(ls -d "$out"/compare-meta-superintelligence-vs-*)
for m in it_powered_mw effective_flops capex_cumulative_usd; do cp "$cmp/compare-$m.png" docs/images/; done

capsim sensitivity scenarios/meta-superintelligence.yaml --metric effective_flops --month 2030-12 --out "$out" >/dev/null
cp "$out/meta-superintelligence-sensitivity-effective_flops-2030-12/tornado.png" docs/images/tornado.png
capsim sensitivity scenarios/meta-superintelligence.yaml --metric frontier_run_flop --month 2030-12 --out "$out" >/dev/null
cp "$out/meta-superintelligence-sensitivity-frontier_run_flop-2030-12/tornado.png" docs/images/tornado-frontier-run.png

capsim plan plans/meta-superintelligence.plan.yaml --out "$out" > "$out/plan.txt" || true
cp "$out/meta-superintelligence-plan/plan.png" docs/images/plan.png
capsim plan plans/solar-battery-cfe.plan.yaml --out "$out" >/dev/null
cp "$out/solar-battery-gas-plan/plan.png" docs/images/plan-sources.png

capsim sweep sweeps/meta-hyperion.yaml --out "$out" >/dev/null
cp "$out/meta-hyperion-sweep/heatmap-effective_flops-2030-12.png" docs/images/sweep-heatmap.png

# The key figures table: annual.csv's total rows, P50 [P10, P90], capex in the year as the mean.
python3 - "$ref/annual.csv" <<'PY'
import csv, sys
rows = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["scope"] == "total":
        rows[(r["year"], r["metric"])] = r
years = sorted({y for y, _ in rows})
def band(y, m, scale, fmt):
    r = rows[(y, m)]
    f = lambda k: format(float(r[k]) / scale, fmt)
    return f"{f('p50')} [{f('p10')}, {f('p90')}]"
def mean(y, m, scale, fmt):
    return format(float(rows[(y, m)]["mean"]) / scale, fmt)
print("| year | powered IT (GW) | H100e (M) | largest run allowed (FLOP) | capex in the year ($B, mean) | capex to date ($B) | $ per H100e-hour in the year | embodied emissions in the year (MtCO2e, mean) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for y in years:
    capex = sum(float(rows[(y, m)]["mean"]) for m in ("capex_facility_usd", "capex_hardware_usd", "capex_supply_usd")) / 1e9
    print(f"| {y} | {band(y, 'it_powered_mw', 1e3, '.2f')} | {band(y, 'h100e', 1e6, '.2f')} | {band(y, 'frontier_run_flop', 1, '.1e').replace('e+', 'e')} | {capex:.1f} | {band(y, 'capex_cumulative_usd', 1e9, '.0f')} "
          f"| {band(y, 'usd_per_h100e_hour', 1, '.2f')} | {mean(y, 'emissions_embodied_tco2', 1e6, '.2f')} |")
# The power table: supply decided hour by hour (MODEL.md section 8), the same rows.
print()
print("| year | carbon-free share (hourly) | unserved hours | curtailed solar (TWh) | gas burned (million MMBtu) | emissions (MtCO2) |")
print("| --- | --- | --- | --- | --- | --- |")
for y in years:
    print(f"| {y} | {band(y, 'cfe_share', 1, '.2f')} | {band(y, 'unserved_hours', 1, '.0f')} | {band(y, 'curtailed_mwh', 1e6, '.2f')} "
          f"| {band(y, 'gas_fuel_mmbtu', 1e6, '.0f')} | {band(y, 'emissions_tco2', 1e6, '.1f')} |")
PY
echo "plan console: $out/plan.txt; outputs under $out"
