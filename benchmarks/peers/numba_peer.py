#!/usr/bin/env python3
"""A parallel numba implementation of CapacitySim's model, the speed peer of issue 22.

Written from MODEL.md sections 1-4 (the version 2 clauses, with version 3's frontier run size),
not from the C# code: it reads a scenario YAML (PyYAML), draws every (u) once per sample (numpy's
generators inside numba: the same distributions and clamping as MODEL.md section 2, not capsim's
random streams), computes every site metric per month and sample, sums sites into regions and the
total per sample, adds the total-only metrics (researchers, frontier run), and takes the mean and
the file's percentiles (type 7) of every series. Samples run in parallel (njit + prange).
Not covered: version 3's hourly dispatch, time to power and life-cycle cost (sections 8-10), which
capsim does not implement yet either.

Agreement with capsim (fast engine), means per month, scope and metric, scenarios/examples/*.yaml
with samples: 1 (the nominal run; `--check OUTPUT/monthly.csv`): every series of every example
within a relative 1e-9 of capsim's monthly.csv (most are identical to the last digit written).
With samples > 1 the draws differ from capsim's, so only the statistics agree (to the Monte Carlo
error). See benchmarks/peers/README.md.

    python3 benchmarks/peers/numba_peer.py SCENARIO.yaml [--samples N] [--threads N]
                                           [--scopes total,region,site] [--csv FILE]
                                           [--check CAPSIM_MONTHLY_CSV] [--repeat N]
"""
import argparse
import calendar
import csv
import math
import os
import sys
import time

PROCESS_START = time.perf_counter()

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from numba import njit, prange, set_num_threads  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CATALOG = os.path.join(REPO, "src", "CapacitySim.IO", "Catalog", "accelerators.csv")

SITE_METRICS = [
    "it_built_mw", "it_powered_mw", "it_stranded_mw", "supply_mw", "supply_firm_mw", "supply_firm_it_mw",
    "facility_demand_mw", "accelerators", "h100e", "peak_flops", "effective_flops", "it_energy_mwh",
    "facility_energy_mwh", "shortfall_mwh", "energy_cost_usd", "emissions_tco2", "water_m3",
    "capex_facility_usd", "capex_hardware_usd", "capex_supply_usd", "capex_cumulative_usd",
]
TOTAL_METRICS = [
    "researchers", "h100e_per_researcher", "pflops_per_researcher",
    "frontier_run_flop", "frontier_run_goodput", "frontier_run_accelerators",
]
NM = len(SITE_METRICS)
NT = len(TOTAL_METRICS)
M = {name: i for i, name in enumerate(SITE_METRICS)}

# Section 3's site defaults.
SITE_DEFAULTS = {
    "pue": 1.2, "load_factor": 0.8, "mfu": 0.4, "lifetime_years": 5, "capex_usd_per_it_mw": 11.7e6,
    "build_months": 18, "training_share": 1, "wue_l_per_kwh": 0.3, "grid_price_usd_per_mwh": 70,
    "grid_gco2_per_kwh": 350,
}
INF = float("inf")
KINDS = {"fixed": 0, "uniform": 1, "triangular": 2, "pert": 3, "normal": 4, "lognormal": 5}


# ---------------------------------------------------------------- reading the scenario into arrays

def month_pos(text, y0, m0):
    y, m = str(text).split("-")
    return (int(y) - y0) * 12 + (int(m) - m0)


class Params:
    """The table of (u) numbers: one row per place in the file; a sample draws every row once."""

    def __init__(self):
        self.rows = []  # kind, a, b, c, nominal, lo, hi, round

    def add(self, node, lo=-INF, hi=INF, rnd=False):
        if isinstance(node, dict):
            d = node["dist"]
            if d == "uniform":
                row = (1, node["min"], node["max"], 0.0, (node["min"] + node["max"]) / 2)
            elif d == "triangular":
                row = (2, node["min"], node["mode"], node["max"], node["mode"])
            elif d == "pert":
                row = (3, node["min"], node["mode"], node["max"], node["mode"])
            elif d == "normal":
                row = (4, node["mean"], node["sd"], 0.0, node["mean"])
            elif d == "lognormal":
                row = (5, node["median"], node["sigma"], 0.0, node["median"])
            else:
                raise ValueError(f"unknown distribution {d}")
        else:
            row = (0, float(node), 0.0, 0.0, float(node))
        self.rows.append(tuple(float(x) for x in row) + (lo, hi, 1.0 if rnd else 0.0))
        return len(self.rows) - 1

    def arrays(self):
        a = np.array(self.rows, dtype=np.float64).reshape(-1, 8)
        return a[:, 0].astype(np.int64), np.ascontiguousarray(a[:, 1:4]), a[:, 4].copy(), a[:, 5].copy(), \
            a[:, 6].copy(), a[:, 7].copy()


def load_catalog():
    with open(CATALOG, newline="") as f:
        return {r["name"]: {k: r[k] for k in ("available", "slip_months", "peak_flops", "allin_w", "unit_cost_usd")}
                for r in csv.DictReader(f)}


def build(path, samples_override, scopes_override):
    with open(path) as f:
        doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present
    y0, m0 = (int(x) for x in str(doc["start"]).split("-"))
    T = month_pos(doc["end"], y0, m0) + 1
    samples = int(samples_override or doc.get("samples", 1))
    percentiles = [float(p) for p in doc.get("percentiles", [10, 50, 90])]
    P = Params()

    hours = np.empty(T)
    cal = np.empty(T, dtype=np.int64)
    labels = []
    for t in range(T):
        y, m = y0 + (m0 - 1 + t) // 12, (m0 - 1 + t) % 12 + 1
        hours[t] = calendar.monthrange(y, m)[1] * 24
        cal[t] = m - 1
        labels.append(f"{y:04d}-{m:02d}")

    # Accelerators: the built-in catalog, overridden field by field by the file's entries.
    catalog = load_catalog()
    for entry in doc.get("accelerators", []) or []:
        merged = dict(catalog.get(entry["name"], {}))
        merged.update({k: v for k, v in entry.items() if k != "name"})
        catalog[entry["name"]] = merged
    acc_names = list(catalog)
    acc_index = {n: i for i, n in enumerate(acc_names)}
    acc_avail = np.array([month_pos(catalog[n]["available"], y0, m0) for n in acc_names], dtype=np.float64)
    num = lambda v: v if isinstance(v, dict) else float(v)  # noqa: E731
    acc_slip = np.array([P.add(num(catalog[n].get("slip_months", 0) or 0), 0) for n in acc_names])
    acc_peak = np.array([P.add(num(catalog[n]["peak_flops"]), 0) for n in acc_names])
    acc_allin = np.array([P.add(num(catalog[n]["allin_w"]), 0) for n in acc_names])
    acc_cost = np.array([P.add(num(catalog[n]["unit_cost_usd"]), 0) for n in acc_names])
    roadmap = np.array([acc_index[n] for n in doc["roadmap"]], dtype=np.int64)
    h100 = acc_index["H100"]

    training = doc.get("training", {}) or {}
    train = np.array([P.add(training.get("days", 100), 0), P.add(training.get("accelerator_mtbf_hours", 50000), 0),
                      P.add(training.get("checkpoint_minutes", 0.5), 0), P.add(training.get("restart_minutes", 5), 0),
                      P.add(doc.get("research_share", 1), 0, 1)], dtype=np.int64)

    # Site fields: a site's own value, else the defaults' (one shared draw), else section 3's default.
    defaults = doc.get("defaults", {}) or {}
    ranges = {"pue": (1, INF), "design_pue": (1, INF), "load_factor": (0, 1), "mfu": (0, 1), "training_share": (0, 1)}
    shared = {}

    def site_param(site, key):
        lo, hi = ranges.get(key, (0, INF))
        rnd = key == "build_months"
        if key in site:
            return P.add(site[key], lo, hi, rnd)
        if key not in shared:
            shared[key] = P.add(defaults[key] if key in defaults else SITE_DEFAULTS[key], lo, hi, rnd)
        return shared[key]

    sites = doc["sites"]
    S = len(sites)
    keep = scopes_override or ("total,region,site" if S <= 50 else "total,region")
    keep = set(keep.split(","))
    scope_names = ["total"]
    region_scope = {}
    site_region = np.full(S, -1, dtype=np.int64)
    site_scope = np.full(S, -1, dtype=np.int64)
    # Scope order: total, regions (first appearance), sites (file order).
    order = []
    for site in sites:
        region = site.get("region", defaults.get("region"))
        if region is not None and "region" in keep and region not in order:
            order.append(region)
    for r in order:
        region_scope[r] = len(scope_names)
        scope_names.append(f"region:{r}")
    for s, site in enumerate(sites):
        region = site.get("region", defaults.get("region"))
        site_region[s] = region_scope[region] if region is not None and "region" in keep else -1
        if "site" in keep:
            site_scope[s] = len(scope_names)
            scope_names.append(site["name"])

    fields = ["pue", "design_pue", "load_factor", "mfu", "lifetime_years", "capex_usd_per_it_mw", "build_months",
              "training_share", "wue_l_per_kwh", "grid_price_usd_per_mwh", "grid_gco2_per_kwh"]
    site_p = np.empty((S, len(fields)), dtype=np.int64)
    pue_q = np.ones((S, 12))
    unlimited = np.zeros(S, dtype=np.bool_)
    ph_off, src_off = [0], [0]
    ph_rows, ph_p, src_rows, src_p = [], [], [], []
    for s, site in enumerate(sites):
        for j, key in enumerate(fields):
            if key == "design_pue" and "design_pue" not in site and "design_pue" not in defaults:
                site_p[s, j] = site_p[s, 0]  # the same draw as the site's pue
            else:
                site_p[s, j] = site_param(site, key)
        q = site.get("pue_monthly", defaults.get("pue_monthly"))
        if q is not None:
            q = np.array(q, dtype=np.float64)
            pue_q[s] = q / q.mean()
        for ph in site["phases"]:
            size_key = "it_mw" if "it_mw" in ph else "facility_mw"
            acc = ph.get("accelerator", "latest")
            ph_rows.append((month_pos(ph["online"], y0, m0), 1.0 if size_key == "facility_mw" else 0.0,
                            1.0 if ph.get("ramp", "s-curve") == "linear" else 0.0, -1.0 if acc == "latest" else acc_index[acc]))
            ph_p.append((P.add(ph.get("delay_months", 0), 0), P.add(ph[size_key], 0), P.add(ph.get("ramp_months", 12), 0)))
        ph_off.append(len(ph_rows))
        if "supply" not in site:
            unlimited[s] = True
        for src in site.get("supply", []) or []:
            has_from = "from" in src
            src_rows.append((month_pos(src["from"], y0, m0) if has_from else -1e9,
                             month_pos(src["until"], y0, m0) if "until" in src else 1e9, 1.0 if has_from else 0.0))
            src_p.append((P.add(src["mw"], 0), P.add(src.get("firm_fraction", 1), 0, 1), P.add(src.get("capacity_factor", 1), 0, 1),
                          P.add(src.get("capex_usd_per_mw", 0), 0),
                          P.add(src["build_months"], 0, INF, True) if "build_months" in src else -1,
                          P.add(src.get("price_usd_per_mwh", 0), 0), P.add(src.get("gco2_per_kwh", 0), 0)))
        src_off.append(len(src_rows))

    # Researchers, and the frontier run's candidates: clusters, then every site in no cluster.
    res = sorted(((month_pos(r["month"], y0, m0), r["count"]) for r in doc.get("researchers", []) or []))
    res_pos = np.array([p for p, _ in res], dtype=np.float64)
    res_p = np.array([P.add(c, 0) for _, c in res], dtype=np.int64)
    index = {site["name"]: s for s, site in enumerate(sites)}
    cand_off, cand_sites = [0], []
    clustered = set()
    for cl in doc.get("clusters", []) or []:
        for n in cl["sites"]:
            cand_sites.append(index[n])
            clustered.add(index[n])
        cand_off.append(len(cand_sites))
    for s in range(S):
        if s not in clustered:
            cand_sites.append(s)
            cand_off.append(len(cand_sites))
    # The same membership by site: the candidates each site adds to.
    by_site = [[] for _ in range(S)]
    for c in range(len(cand_off) - 1):
        for j in range(cand_off[c], cand_off[c + 1]):
            by_site[cand_sites[j]].append(c)
    site_cand_off = np.cumsum([0] + [len(b) for b in by_site]).astype(np.int64)
    site_cand = np.array([c for b in by_site for c in b], dtype=np.int64)

    kind, abc, nominal, lo, hi, rnd = P.arrays()
    arrays = dict(
        kind=kind, abc=abc, nominal=nominal, lo=lo, hi=hi, rnd=rnd,
        T=T, hours=hours, cal=cal,
        acc_avail=acc_avail, acc_slip=acc_slip, acc_peak=acc_peak, acc_allin=acc_allin, acc_cost=acc_cost,
        roadmap=roadmap, h100=h100, train=train,
        site_p=site_p, pue_q=pue_q, unlimited=unlimited, site_region=site_region, site_scope=site_scope,
        ph_off=np.array(ph_off, dtype=np.int64), ph_rows=np.array(ph_rows, dtype=np.float64).reshape(-1, 4),
        ph_p=np.array(ph_p, dtype=np.int64).reshape(-1, 3),
        src_off=np.array(src_off, dtype=np.int64), src_rows=np.array(src_rows, dtype=np.float64).reshape(-1, 3),
        src_p=np.array(src_p, dtype=np.int64).reshape(-1, 7),
        res_pos=res_pos, res_p=res_p,
        n_cands=len(cand_off) - 1, site_cand_off=site_cand_off, site_cand=site_cand,
        is_region=np.array([name.startswith("region:") and k > 0 for k, name in enumerate(scope_names)]),
        n_scopes=len(scope_names),
    )
    meta = dict(name=doc["name"], samples=samples, percentiles=percentiles, labels=labels, scopes=scope_names,
                has_researchers=len(res) > 0, sites=S, months=T, seed=int(doc.get("seed", 0)))
    return arrays, meta


# ---------------------------------------------------------------- the kernel

@njit(cache=True)
def draw(kind, a, b, c):
    """One draw of a section 2 distribution."""
    if kind == 0:
        return a
    if kind == 1:
        return a + (b - a) * np.random.random()
    if kind == 2:  # triangular: min a, mode b, max c, by its inverse CDF
        if c <= a:
            return a
        u = np.random.random()
        fm = (b - a) / (c - a)
        if u < fm:
            return a + math.sqrt(u * (c - a) * (b - a))
        return c - math.sqrt((1 - u) * (c - a) * (c - b))
    if kind == 3:  # beta-PERT, lambda 4
        if c <= a:
            return a
        alpha = 1 + 4 * (b - a) / (c - a)
        beta = 1 + 4 * (c - b) / (c - a)
        return a + (c - a) * np.random.beta(alpha, beta)
    if kind == 4:
        return a + b * np.random.standard_normal()
    return a * math.exp(b * np.random.standard_normal())  # lognormal: median a, sigma b


@njit(cache=True)
def ramp(m, o, R, linear):
    """f at month middle m of a ramp starting at o over R months (section 4)."""
    if R <= 0:
        return 1.0 if m >= o else 0.0
    x = (m - o) / R
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    return x if linear else x * x * (3 - 2 * x)


@njit(cache=True)
def latest(c, roadmap, acc_avail, v, acc_slip):
    g = roadmap[0]
    for j in range(roadmap.shape[0]):
        r = roadmap[j]
        if acc_avail[r] + v[acc_slip[r]] <= c:
            g = r
    return g


@njit(cache=True)
def run_sample(i, nominal_run, kind, abc, nominal, lo, hi, rnd, T, hours, cal,
               acc_avail, acc_slip, acc_peak, acc_allin, acc_cost, roadmap, h100, train,
               site_p, pue_q, unlimited, site_region, site_scope,
               ph_off, ph_rows, ph_p, src_off, src_rows, src_p, res_pos, res_p, n_cands, site_cand_off, site_cand, is_region,
               out, out_total):
    n = kind.shape[0]
    v = np.empty(n)
    for p in range(n):
        x = nominal[p] if nominal_run else draw(kind[p], abc[p, 0], abc[p, 1], abc[p, 2])
        x = min(max(x, lo[p]), hi[p])
        if rnd[p] > 0:
            x = math.floor(abs(x) + 0.5) * (1.0 if x >= 0 else -1.0)
        v[p] = x

    S = site_p.shape[0]
    C = n_cands
    cand_a = np.zeros((C, T))
    cand_e = np.zeros((C, T))
    sumB = np.empty(T)
    n_acc = np.empty(T)
    peak_raw = np.empty(T)
    cap_fac = np.empty(T)
    cap_hw = np.empty(T)
    cap_sup = np.empty(T)
    vals = np.empty(NM)
    h100_peak = v[acc_peak[h100]]
    for s in range(S):
        pue = v[site_p[s, 0]]
        dpue = v[site_p[s, 1]]
        lf = v[site_p[s, 2]]
        mfu = v[site_p[s, 3]]
        cycle = 12.0 * v[site_p[s, 4]]
        capex_mw = v[site_p[s, 5]]
        lb = v[site_p[s, 6]]
        ts = v[site_p[s, 7]]
        wue = v[site_p[s, 8]]
        gprice = v[site_p[s, 9]]
        gco2 = v[site_p[s, 10]]
        sumB[:] = 0.0
        n_acc[:] = 0.0
        peak_raw[:] = 0.0
        cap_fac[:] = 0.0
        cap_hw[:] = 0.0
        cap_sup[:] = 0.0
        for p in range(ph_off[s], ph_off[s + 1]):
            o = ph_rows[p, 0] + v[ph_p[p, 0]]
            it_mw = v[ph_p[p, 1]] / dpue if ph_rows[p, 1] > 0 else v[ph_p[p, 1]]
            R = v[ph_p[p, 2]]
            linear = ph_rows[p, 2] > 0
            named = int(ph_rows[p, 3])
            lead = max(lb, 1.0)
            for t in range(T):
                m = t + 0.5
                if m + lead <= o:  # before any spend: nothing yet
                    continue
                if m - 1 >= o + R:  # built out, this month and the last: no spend
                    sumB[t] += it_mw
                    continue
                f0 = ramp(m, o, R, linear)
                sumB[t] += it_mw * f0
                if lb >= 1:
                    cap_fac[t] += capex_mw * it_mw * (ramp(m + lb, o, R, linear) - f0) / lb
                else:
                    cap_fac[t] += capex_mw * it_mw * (f0 - ramp(m - 1, o, R, linear))
            # Vintages: cycle k starts at o + k * cycle and replaces along the same ramp.
            k = 0
            while True:
                ck = o + k * cycle
                if ck >= T:
                    break
                g = named if (k == 0 and named >= 0) else latest(ck, roadmap, acc_avail, v, acc_slip)
                per_mw = 1e6 / v[acc_allin[g]]
                peak_g = v[acc_peak[g]]
                cost_g = v[acc_cost[g]]
                first = max(0, int(math.floor(ck - 0.5)))
                steady_mw = it_mw * per_mw
                for t in range(first, T):
                    m = t + 0.5
                    if m - 1 >= ck + R and (cycle <= 0 or m < ck + cycle):
                        # This cycle fully installed and its replacement not begun: no purchases.
                        n_acc[t] += steady_mw
                        peak_raw[t] += steady_mw * peak_g
                        continue
                    fk = ramp(m, ck, R, linear)
                    fprev = ramp(m - 1, ck, R, linear)
                    fnext = ramp(m, ck + cycle, R, linear) if cycle > 0 else 0.0
                    b = it_mw * (fk - fnext)
                    n_acc[t] += b * per_mw
                    peak_raw[t] += b * per_mw * peak_g
                    cap_hw[t] += cost_g * it_mw * per_mw * (fk - fprev)
                if cycle <= 0:
                    break
                k += 1
        # Supply capex: capex_usd_per_mw * mw over the source's build months before its `from`.
        for q in range(src_off[s], src_off[s + 1]):
            capex = v[src_p[q, 3]]
            if src_rows[q, 2] > 0 and capex > 0:
                total = capex * v[src_p[q, 0]]
                sb = v[src_p[q, 4]] if src_p[q, 4] >= 0 else lb
                start = int(src_rows[q, 0])
                if sb < 1:
                    if 0 <= start < T:
                        cap_sup[start] += total
                else:
                    for t in range(start - int(sb), start):
                        if 0 <= t < T:
                            cap_sup[t] += total / sb
        cum = 0.0
        region = site_region[s]
        own = site_scope[s]
        for t in range(T):
            built = sumB[t]
            if unlimited[s]:
                nameplate = built * dpue
                firm = nameplate
            else:
                nameplate = 0.0
                firm = 0.0
                for q in range(src_off[s], src_off[s + 1]):
                    if src_rows[q, 0] <= t < src_rows[q, 1]:
                        mw = v[src_p[q, 0]]
                        nameplate += mw
                        firm += mw * v[src_p[q, 1]]
            # An unlimited grid never strands (built * dpue / dpue may round below built).
            powered = built if unlimited[s] else min(built, firm / dpue)
            sigma = powered / built if built > 0 else 0.0
            pue_t = max(1.0, pue * pue_q[s, cal[t]])
            it_e = powered * lf * hours[t]
            fac_e = it_e * pue_t
            cost = 0.0
            emis = 0.0
            short = 0.0
            if unlimited[s]:
                cost = fac_e * gprice
                emis = fac_e * gco2 / 1000
            else:
                rest = fac_e
                for q in range(src_off[s], src_off[s + 1]):
                    if src_rows[q, 0] <= t < src_rows[q, 1] and rest > 0:
                        served = min(rest, v[src_p[q, 0]] * v[src_p[q, 2]] * hours[t])
                        rest -= served
                        cost += served * v[src_p[q, 5]]
                        emis += served * v[src_p[q, 6]] / 1000
                short = rest
            peak = sigma * peak_raw[t]
            spent = cap_fac[t] + cap_hw[t] + cap_sup[t]
            cum += spent
            vals[0] = built
            vals[1] = powered
            vals[2] = built - powered
            vals[3] = nameplate
            vals[4] = firm
            vals[5] = firm / dpue
            vals[6] = fac_e / hours[t]
            vals[7] = n_acc[t]
            vals[8] = peak / h100_peak
            vals[9] = peak
            vals[10] = peak * mfu
            vals[11] = it_e
            vals[12] = fac_e
            vals[13] = short
            vals[14] = cost
            vals[15] = emis
            vals[16] = it_e * wue
            vals[17] = cap_fac[t]
            vals[18] = cap_hw[t]
            vals[19] = cap_sup[t]
            vals[20] = cum
            # A site adds to its region, or to the total when it has none (or regions are not
            # kept); regions are added to the total once, after the last site.
            into = region if region >= 0 else 0
            for j in range(NM):
                out[i, into, t, j] += vals[j]
            if own >= 0:
                for j in range(NM):
                    out[i, own, t, j] = vals[j]
            n_acc[t] = sigma * n_acc[t]  # powered accelerators, for the frontier run
            peak_raw[t] = peak * mfu * ts  # the training share's effective FLOP/s
        for j in range(site_cand_off[s], site_cand_off[s + 1]):
            c = site_cand[j]
            for t in range(T):
                cand_a[c, t] += ts * n_acc[t]
                cand_e[c, t] += peak_raw[t]

    for c in range(1, out.shape[1]):
        if is_region[c]:
            for t in range(T):
                for j in range(NM):
                    out[i, 0, t, j] += out[i, c, t, j]

    # Total-only metrics: researchers, compute per researcher, the frontier run (version 3 size).
    days = v[train[0]]
    mtbf = v[train[1]]
    d = v[train[2]] / 60
    r = v[train[3]] / 60
    share = v[train[4]]
    # The run size that trains most: a * G(a) is largest at a = u*^2 (section 4, version 3).
    best_size = np.inf
    if mtbf > 0 and (d > 0 or r > 0):
        dp = 2 * d / mtbf
        rp = r / mtbf
        u = 2 / (1.5 * math.sqrt(dp) + math.sqrt(2.25 * dp + 8 * rp))
        best_size = u * u
    for t in range(T):
        count = 0.0
        nr = res_pos.shape[0]
        if nr > 0:
            if t <= res_pos[0]:
                count = v[res_p[0]]
            elif t >= res_pos[nr - 1]:
                count = v[res_p[nr - 1]]
            else:
                for j in range(nr - 1):
                    if res_pos[j] <= t <= res_pos[j + 1]:
                        w = (t - res_pos[j]) / (res_pos[j + 1] - res_pos[j])
                        count = v[res_p[j]] + w * (v[res_p[j + 1]] - v[res_p[j]])
                        break
        out_total[i, 0, t] = count
        out_total[i, 1, t] = share * out[i, 0, t, M_H100E] / count if count > 0 else 0.0
        out_total[i, 2, t] = share * out[i, 0, t, M_EFF] / 1e15 / count if count > 0 else 0.0
        best, best_g, best_a = -1.0, 0.0, 0.0
        for c in range(C):
            A = cand_a[c, t]
            E = cand_e[c, t]
            a = min(A, best_size)
            if a <= 0:
                g = 1.0
            elif mtbf <= 0:
                g = 0.0
            else:
                mh = mtbf / a
                g = max(0.0, 1 - math.sqrt(2 * d / mh) - r / mh)
            flop = (E / A) * a * g * days * 86400 if A > 0 else 0.0
            if flop > best:
                best, best_g, best_a = flop, g, a
        out_total[i, 3, t] = max(best, 0.0)
        out_total[i, 4, t] = best_g
        out_total[i, 5, t] = best_a


M_H100E = M["h100e"]
M_EFF = M["effective_flops"]


@njit(parallel=True, cache=True)
def simulate(samples, seed, kind, abc, nominal, lo, hi, rnd, T, hours, cal,
             acc_avail, acc_slip, acc_peak, acc_allin, acc_cost, roadmap, h100, train,
             site_p, pue_q, unlimited, site_region, site_scope,
             ph_off, ph_rows, ph_p, src_off, src_rows, src_p, res_pos, res_p, n_cands, site_cand_off, site_cand, is_region, n_scopes):
    out = np.zeros((samples, n_scopes, T, NM))
    out_total = np.zeros((samples, NT, T))
    np.random.seed(seed)
    for i in prange(samples):
        run_sample(i, samples == 1, kind, abc, nominal, lo, hi, rnd, T, hours, cal,
                   acc_avail, acc_slip, acc_peak, acc_allin, acc_cost, roadmap, h100, train,
                   site_p, pue_q, unlimited, site_region, site_scope,
                   ph_off, ph_rows, ph_p, src_off, src_rows, src_p, res_pos, res_p, n_cands, site_cand_off, site_cand, is_region,
                   out, out_total)
    return out, out_total


@njit(parallel=True, cache=True)
def statistics(values, percentiles):
    """Mean and type-7 percentiles of every column of values [samples, series]: out [series, 1 + P]."""
    samples, series = values.shape
    npc = percentiles.shape[0]
    result = np.empty((series, 1 + npc))
    kth = np.empty(2 * npc, dtype=np.int64)
    for k in range(npc):
        h = (samples - 1) * percentiles[k] / 100
        kth[2 * k] = int(math.floor(h))
        kth[2 * k + 1] = min(kth[2 * k] + 1, samples - 1)
    kth = np.unique(kth)
    block = 64
    for b in prange((series + block - 1) // block):
        j0 = b * block
        j1 = min(series, j0 + block)
        buf = np.empty((j1 - j0, samples))
        for i in range(samples):  # rows of 64 neighbouring series: contiguous reads
            for j in range(j0, j1):
                buf[j - j0, i] = values[i, j]
        for j in range(j0, j1):
            x = np.partition(buf[j - j0], kth)  # the order statistics needed, not a full sort
            result[j, 0] = x.mean()
            for k in range(npc):
                h = (samples - 1) * percentiles[k] / 100
                low = int(math.floor(h))
                high = min(low + 1, samples - 1)
                result[j, 1 + k] = x[low] + (h - low) * (x[high] - x[low])
    return result


ORDER = ["kind", "abc", "nominal", "lo", "hi", "rnd", "T", "hours", "cal", "acc_avail", "acc_slip", "acc_peak",
         "acc_allin", "acc_cost", "roadmap", "h100", "train", "site_p", "pue_q", "unlimited", "site_region",
         "site_scope", "ph_off", "ph_rows", "ph_p", "src_off", "src_rows", "src_p", "res_pos", "res_p", "n_cands",
         "site_cand_off", "site_cand", "is_region", "n_scopes"]


def run(arrays, meta, stages):
    t0 = time.perf_counter()
    out, out_total = simulate(meta["samples"], meta["seed"], *[arrays[k] for k in ORDER])
    t1 = time.perf_counter()
    samples = meta["samples"]
    site_stats = statistics(out.reshape(samples, -1), np.array(meta["percentiles"]))
    total_stats = statistics(out_total.reshape(samples, -1), np.array(meta["percentiles"]))
    stages["engine"] = t1 - t0
    stages["statistics"] = time.perf_counter() - t1
    return site_stats.reshape(arrays["n_scopes"], arrays["T"], NM, -1), total_stats.reshape(NT, arrays["T"], -1)


# ---------------------------------------------------------------- output and the check against capsim

def rows(meta, site_stats, total_stats):
    """(month, scope, metric) -> [mean, percentiles...], as capsim's monthly.csv keys them."""
    table = {}
    for t, label in enumerate(meta["labels"]):
        for c, scope in enumerate(meta["scopes"]):
            for j, metric in enumerate(SITE_METRICS):
                table[(label, scope, metric)] = site_stats[c, t, j]
        for j, metric in enumerate(TOTAL_METRICS):
            if j < 3 and not meta["has_researchers"]:
                continue
            table[(label, "total", metric)] = total_stats[j, t]
    return table


def check(table, capsim_csv):
    """
    Largest relative difference of the means, per metric, against capsim's monthly.csv: relative to
    the largest mean of that scope and metric over the run, so that a difference such as built minus
    powered IT (1e-14 MW where capsim writes 0) is read against the series it comes from.
    """
    worst = {}
    missing = 0
    with open(capsim_csv, newline="") as f:
        capsim = list(csv.DictReader(f))
    scales = {}
    for r in capsim:
        key = (r["scope"], r["metric"])
        scales[key] = max(scales.get(key, 0.0), abs(float(r["mean"])))
    for r in capsim:
        key = (r["month"], r["scope"], r["metric"])
        if key not in table:
            missing += 1
            continue
        ours, theirs = table[key][0], float(r["mean"])
        scale = max(abs(ours), abs(theirs), scales[(r["scope"], r["metric"])])
        rel = abs(ours - theirs) / scale if scale > 0 else 0.0
        if rel >= worst.get(r["metric"], (-1, None))[0]:
            worst[r["metric"]] = (rel, key, ours, theirs)
    return worst, missing


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--samples", type=int)
    ap.add_argument("--threads", type=int)
    ap.add_argument("--scopes", help="total,region,site (default: sites too when there are at most 50)")
    ap.add_argument("--csv", help="write month,scope,metric,mean,p.. here")
    ap.add_argument("--check", help="capsim's monthly.csv of the same scenario: compare the means")
    ap.add_argument("--repeat", type=int, default=2, help="runs in this process; the first compiles (or loads the cache)")
    args = ap.parse_args()
    if args.threads:
        set_num_threads(args.threads)

    started = time.perf_counter()
    arrays, meta = build(args.scenario, args.samples, args.scopes)
    loaded = time.perf_counter()
    print(f"{meta['name']}: {meta['sites']} sites x {meta['months']} months x {meta['samples']} samples, "
          f"{len(meta['scopes'])} scopes; imports {started - PROCESS_START:.2f} s, loading {loaded - started:.2f} s")
    for k in range(args.repeat):
        t0 = time.perf_counter()
        stages = {}
        site_stats, total_stats = run(arrays, meta, stages)
        t1 = time.perf_counter()
        throughput = meta["sites"] * meta["months"] * meta["samples"] / (t1 - t0) / 1e6
        print(f"run {k + 1}{' (compiles or loads the cache)' if k == 0 else ' (warm)'}: {t1 - t0:.3f} s "
              f"(engine {stages['engine']:.3f} s, statistics {stages['statistics']:.3f} s), "
              f"{throughput:.1f} M site-month-samples/s")
    table = rows(meta, site_stats, total_stats)
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["month", "scope", "metric", "mean"] + [f"p{p:g}" for p in meta["percentiles"]])
            for (month, scope, metric), st in table.items():
                w.writerow([month, scope, metric] + [repr(float(x)) for x in st])
    print(f"whole process: {time.perf_counter() - PROCESS_START:.2f} s")
    if args.check:
        worst, missing = check(table, args.check)
        overall = max((w[0] for w in worst.values()), default=0.0)
        for metric, (rel, key, ours, theirs) in sorted(worst.items(), key=lambda kv: -kv[1][0]):
            if rel > 1e-9:
                print(f"  {metric}: relative {rel:.2e} at {key}: peer {ours!r}, capsim {theirs!r}")
        print(f"check against {args.check}: {len(worst)} metrics, largest relative difference of a mean {overall:.2e}"
              + (f"; {missing} capsim rows the peer does not write" if missing else ""))
        return 0 if overall <= 1e-9 or meta["samples"] > 1 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
