#!/usr/bin/env python3
"""Deterministic nominal run of a CapacitySim scenario, written from MODEL.md (version 2, with
version 3's frontier run size, paths to power and life-cycle cost and carbon) alone.

An independent second implementation of the model's formulas (section 4), for
cross-checking the C# engines: every (u) takes its nominal value (samples: 1),
and the result is written as CSV `month,scope,metric,value` with repr-exact floats.
It is plain on purpose: one formula of the text, one function here.

Usage: python3 oracle.py scenario.yaml [out.csv]   (stdout when no out.csv)

The built-in accelerator catalog is not available here: every accelerator the
file uses (roadmap, phases, and H100 for H100e) must be fully defined in its
`accelerators:` list. Interpretations of unclear clauses are numbered in
README.md; the comments below refer to them as (I1), (I2), ...
"""

import calendar
import math
import re
import sys

import yaml

SITE_FIELD_DEFAULTS = {
    "pue": 1.2,
    "load_factor": 0.8,
    "mfu": 0.4,
    "lifetime_years": 5.0,
    "capex_usd_per_it_mw": 11.7e6,
    "build_months": 18.0,
    "training_share": 1.0,
    "wue_l_per_kwh": 0.3,
    "grid_price_usd_per_mwh": 70.0,
    "grid_gco2_per_kwh": 350.0,
    # Section 10: life-cycle cost and carbon.
    "embodied_tco2_per_it_mw": 1500.0,
    "facility_life_years": 20.0,
    "supply_life_years": 25.0,
    "hardware_book_years": 6.0,
    "wacc": 0.09,
    "om_facility_share": 0.03,
    "om_hardware_share": 0.03,
    # Section 8: the grid's carbon-free share (ModelDefaults.GridCfeShare).
    "grid_cfe_share": 0.40,
}

TRAINING_DEFAULTS = {
    "days": 100.0,
    "accelerator_mtbf_hours": 50000.0,
    "checkpoint_minutes": 0.5,
    "restart_minutes": 5.0,
}

ACCELERATOR_REQUIRED = ("available", "peak_flops", "allin_w", "unit_cost_usd", "tdp_w")

SITE_METRICS = [
    "it_built_mw", "it_powered_mw", "it_stranded_mw", "supply_mw", "facility_demand_mw",
    "accelerators", "h100e", "peak_flops", "effective_flops", "it_energy_mwh",
    "facility_energy_mwh", "shortfall_mwh", "energy_cost_usd", "emissions_tco2", "water_m3",
    "capex_facility_usd", "capex_hardware_usd", "supply_firm_mw", "supply_firm_it_mw", "capex_supply_usd",
    "capex_cumulative_usd",
    "emissions_embodied_tco2", "emissions_cumulative_tco2", "depreciation_usd", "capital_charge_usd",
    "om_usd", "tco_usd", "usd_per_h100e_hour",
    "cfe_mwh", "curtailed_mwh", "unserved_hours", "battery_discharge_mwh", "gas_fuel_mmbtu", "cfe_share",
]

# Section 5 order, total scope: the site metrics with the total-only ones in their places.
TOTAL_METRICS = [
    "it_built_mw", "it_powered_mw", "it_stranded_mw", "supply_mw", "facility_demand_mw",
    "accelerators", "h100e", "peak_flops", "effective_flops", "it_energy_mwh",
    "facility_energy_mwh", "shortfall_mwh", "energy_cost_usd", "emissions_tco2", "water_m3",
    "capex_facility_usd", "capex_hardware_usd", "researchers", "h100e_per_researcher",
    "pflops_per_researcher", "frontier_run_flop", "supply_firm_mw", "supply_firm_it_mw", "capex_supply_usd",
    "capex_cumulative_usd", "frontier_run_goodput", "frontier_run_accelerators",
    "emissions_embodied_tco2", "emissions_cumulative_tco2", "depreciation_usd", "capital_charge_usd",
    "om_usd", "tco_usd", "usd_per_h100e_hour",
    "cfe_mwh", "curtailed_mwh", "unserved_hours", "battery_discharge_mwh", "gas_fuel_mmbtu", "cfe_share",
]

RESEARCHER_METRICS = {"researchers", "h100e_per_researcher", "pflops_per_researcher"}


class OracleError(Exception):
    """A file the oracle cannot run (it is not a validating loader)."""


# ---------------------------------------------------------------- YAML

class _Loader(yaml.SafeLoader):
    """SafeLoader that reads 1e6 and 11.0e6 as floats (YAML 1.2 numbers, as the C# loader does)."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def load(path):
    """The parsed YAML document of a scenario file."""
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)


# ---------------------------------------------------------------- numbers (section 2)

def _number(v):
    if isinstance(v, bool):
        raise OracleError(f"expected a number, got {v!r}")
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        return float(v)
    raise OracleError(f"expected a number, got {v!r}")


def nominal(v):
    """Nominal value of a (u): a plain number, or the distribution's nominal of section 2's table."""
    if isinstance(v, dict):
        dist = v.get("dist")
        if dist == "uniform":
            return (_number(v["min"]) + _number(v["max"])) / 2
        if dist in ("triangular", "pert"):
            return _number(v["mode"])
        if dist == "normal":
            return _number(v["mean"])
        if dist == "lognormal":
            return _number(v["median"])
        raise OracleError(f"unknown distribution {dist!r}")
    return _number(v)


def clamp(v, lo, hi=math.inf):
    return min(max(v, lo), hi)


def round_half_away(v):
    """Whole months, half away from zero (Python's round() would round half to even)."""
    return math.floor(v + 0.5) if v >= 0 else -math.floor(-v + 0.5)


def nonneg(v):
    return clamp(nominal(v), 0.0)


def unit(v):
    return clamp(nominal(v), 0.0, 1.0)


def pue_value(v):
    return clamp(nominal(v), 1.0)


def months_whole(v):
    """build_months: clamped to >= 0, then rounded half away from zero (section 2)."""
    return float(round_half_away(clamp(nominal(v), 0.0)))


def life_years(v):
    """A life of section 10 (facility, supply, hardware book): clamped to >= 1/12 year."""
    return clamp(nominal(v), 1.0 / 12.0)


def life_months(years):
    """Lm = 12 * life rounded half away from zero to whole months, at least 1 (section 10)."""
    return max(1, round_half_away(12.0 * years))


# ---------------------------------------------------------------- trajectories (section 10)

def interpolate(points, t):
    """Linear between (position, value) points sorted by position, evaluated at t; flat outside."""
    if t <= points[0][0]:
        return points[0][1]
    if t >= points[-1][0]:
        return points[-1][1]
    for (p0, c0), (p1, c1) in zip(points, points[1:]):
        if p0 <= t <= p1:
            return c0 + (c1 - c0) * (t - p0) / (p1 - p0)
    raise AssertionError("unreachable")


class Trajectory:
    """A (u) that may also be a list of {month, value} points: linear between, flat outside, at t (I29)."""

    def __init__(self, v, cal, value_of, what):
        if isinstance(v, list):
            if not v:
                raise OracleError(f"{what}: a trajectory needs at least one point")
            points = sorted((cal.pos(p["month"]), value_of(p["value"])) for p in v)
            for (a, _), (b, _) in zip(points, points[1:]):
                if a == b:
                    raise OracleError(f"{what}: two trajectory points in the same month")
            self.points = points
        else:
            self.points = [(0, value_of(v))]

    def at(self, t):
        return interpolate(self.points, t)


# ---------------------------------------------------------------- time (section 1)

def parse_month(s):
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(s))
    if not m:
        raise OracleError(f"not a YYYY-MM month: {s!r}")
    return int(m.group(1)), int(m.group(2))


class Calendar:
    """Months of the run: pos(Y-M) = (Y - Y0)*12 + (M - M0), t = 0 .. T-1."""

    def __init__(self, start, end):
        self.y0, self.m0 = parse_month(start)
        self.T = self.pos(end) + 1

    def pos(self, s):
        y, m = parse_month(s)
        return (y - self.y0) * 12 + (m - self.m0)

    def year_month(self, t):
        index = self.m0 - 1 + t
        return self.y0 + index // 12, index % 12 + 1

    def label(self, t):
        y, m = self.year_month(t)
        return f"{y:04d}-{m:02d}"

    def hours(self, t):
        y, m = self.year_month(t)
        return calendar.monthrange(y, m)[1] * 24.0


def mid(t):
    """m(t) = t + 0.5: continuous things are evaluated at the middle of a month."""
    return t + 0.5


# ---------------------------------------------------------------- model records

class Accelerator:
    def __init__(self, entry, cal):
        missing = [k for k in ACCELERATOR_REQUIRED if k not in entry]
        if missing:
            raise OracleError(
                f"accelerator {entry.get('name')!r} is not fully defined in accelerators: "
                f"missing {', '.join(missing)} (the oracle has no built-in catalog)")
        self.name = entry["name"]
        self.available = cal.pos(entry["available"])
        self.slip_months = nonneg(entry.get("slip_months", 0))  # a delay: >= 0 (I17)
        self.peak_flops = nominal(entry["peak_flops"])
        self.allin_w = nominal(entry["allin_w"])
        self.unit_cost_usd = nonneg(entry["unit_cost_usd"])
        self.tdp_w = nominal(entry["tdp_w"])
        # Section 10: kgCO2e per accelerator as installed; 0 when the file does not give it (I25).
        self.embodied_kgco2e = nominal(entry.get("embodied_kgco2e", 0))


# ---------------------------------------------------------------- time to power (section 9)

def stage_months(stage, leads):
    """A stage's nominal months: months, weeks * 12 / 52, a lead entry's, or the longest parallel branch."""
    if "parallel" in stage:
        branches = stage["parallel"]
        if len(branches) < 2:
            raise OracleError("parallel needs two or more branches")
        return max(sum(stage_months(s, leads) for s in branch) for branch in branches)
    if "lead" in stage:
        name = stage["lead"]
        if name not in leads:
            raise OracleError(f"lead {name!r} is not in the file's lead_times: (the oracle has no built-in lead-time catalog)")
        return stage_months(leads[name], leads)
    if "months" in stage:
        return nonneg(stage["months"])
    if "weeks" in stage:
        return nonneg(stage["weeks"]) * 12 / 52
    raise OracleError(f"a stage needs months, weeks, lead or parallel: {stage!r}")


def path_end(path, cal):
    """The path's end position: pos(start) + the sum of its stages in series."""
    return cal.pos(path["start"]) + sum(stage_months(s, cal.leads) for s in path["stages"])


class Source:
    def __init__(self, entry, cal, site_build_months):
        self.name = entry.get("name")
        if "type" in entry:
            raise OracleError(f"source {self.name!r}: typed sources (section 8's hours) are not in the oracle")
        self.mw = nonneg(entry["mw"])
        if "path" in entry:
            # A source with a path starts at its end rounded up to a whole month (section 9).
            self.start = math.ceil(path_end(entry["path"], cal))
        else:
            self.start = cal.pos(entry["from"]) if "from" in entry else None  # None: before the run
        self.until = cal.pos(entry["until"]) if "until" in entry else None  # None: never
        what = f"source {self.name!r}"
        self.price_usd_per_mwh = Trajectory(entry.get("price_usd_per_mwh", 0), cal, nonneg, what)
        self.gco2_per_kwh = Trajectory(entry.get("gco2_per_kwh", 0), cal, nominal, what)
        self.firm_fraction = unit(entry.get("firm_fraction", 1))
        self.capacity_factor = unit(entry.get("capacity_factor", 1))
        self.capex_usd_per_mw = nonneg(entry.get("capex_usd_per_mw", 0))
        self.build_months = (months_whole(entry["build_months"]) if "build_months" in entry
                             else site_build_months)
        self.embodied_tco2_per_mw = nominal(entry.get("embodied_tco2_per_mw", 0))  # (I25)

    def serves(self, t):
        """pos(from) <= t < pos(until) (I3: until is exclusive)."""
        return (self.start is None or self.start <= t) and (self.until is None or t < self.until)


class Phase:
    def __init__(self, entry, cal, design_pue, lifetime_years):
        self.name = entry.get("name")
        if "path" in entry:
            self.online = path_end(entry["path"], cal)  # o_p: the path's end, fractional (section 9)
        else:
            self.online = cal.pos(entry["online"]) + nonneg(entry.get("delay_months", 0))  # o_p
        self.ramp_months = nonneg(entry.get("ramp_months", 12))  # R
        self.ramp = entry.get("ramp", "s-curve")
        if self.ramp not in ("s-curve", "linear"):
            raise OracleError(f"unknown ramp {self.ramp!r}")
        if ("it_mw" in entry) == ("facility_mw" in entry):
            raise OracleError(f"phase {self.name!r}: exactly one of it_mw, facility_mw")
        # it_mw_p = it_mw, or facility_mw / design_pue.
        self.it_mw = nonneg(entry["it_mw"]) if "it_mw" in entry else nonneg(entry["facility_mw"]) / design_pue
        self.accelerator = entry.get("accelerator", "latest")
        self.lifetime_years = lifetime_years
        self.cycle_months = 12.0 * lifetime_years  # C

    def shape(self, m, begin):
        """Ramp shape at continuous time m of a ramp beginning at `begin`."""
        R = self.ramp_months
        if R == 0:
            x = 1.0 if m >= begin else 0.0
        else:
            x = clamp((m - begin) / R, 0.0, 1.0)
        return x if self.ramp == "linear" else 3 * x * x - 2 * x * x * x

    def built_mw(self, t):
        """B_p(t) = it_mw_p * f; any integer t, inside the run or not."""
        return self.it_mw * self.shape(mid(t), self.online)

    def cycle_start(self, k):
        """c_k = o_p + k * C."""
        return self.online + k * self.cycle_months

    def installed_fraction(self, k, t):
        """f_k(t): the ramp shape from c_k; f_k = 0 for k >= 1 when L = 0 (never refresh)."""
        if k >= 1 and self.lifetime_years == 0:
            return 0.0
        return self.shape(mid(t), self.cycle_start(k))

    def cycles(self, t):
        """Cycles k that can have started by m(t) (f_k(t) = 0 for all later k): c_k <= m(t)."""
        if self.lifetime_years == 0:
            return [0]
        ks = []
        k = 0
        while self.cycle_start(k) <= mid(t):
            ks.append(k)
            k += 1
        return ks or [0]

    def cycle_mw(self, k, t):
        """b_k(t) = it_mw_p * (f_k(t) - f_{k+1}(t))."""
        return self.it_mw * (self.installed_fraction(k, t) - self.installed_fraction(k + 1, t))


class Site:
    def __init__(self, entry, defaults, cal):
        self.name = entry["name"]

        def field(key):
            if key in entry:
                return entry[key]
            if key in defaults:
                return defaults[key]
            return SITE_FIELD_DEFAULTS[key]

        self.pue = pue_value(field("pue"))
        # design_pue defaults to pue (the same draw, so the same nominal).
        if "design_pue" in entry:
            self.design_pue = pue_value(entry["design_pue"])
        elif "design_pue" in defaults:
            self.design_pue = pue_value(defaults["design_pue"])
        else:
            self.design_pue = self.pue
        q = entry.get("pue_monthly", defaults.get("pue_monthly"))
        self.pue_monthly = [_number(v) for v in q] if q is not None else [1.0] * 12
        if len(self.pue_monthly) != 12:
            raise OracleError(f"site {self.name!r}: pue_monthly needs 12 values")
        self.load_factor = unit(field("load_factor"))
        self.mfu = unit(field("mfu"))
        self.lifetime_years = nonneg(field("lifetime_years"))
        self.capex_usd_per_it_mw = nonneg(field("capex_usd_per_it_mw"))
        self.build_months = months_whole(field("build_months"))
        self.training_share = unit(field("training_share"))
        self.wue_l_per_kwh = nominal(field("wue_l_per_kwh"))
        what = f"site {self.name!r}"
        self.grid_price_usd_per_mwh = Trajectory(field("grid_price_usd_per_mwh"), cal, nonneg, what)
        self.grid_gco2_per_kwh = Trajectory(field("grid_gco2_per_kwh"), cal, nominal, what)
        # Section 10.
        self.embodied_tco2_per_it_mw = nominal(field("embodied_tco2_per_it_mw"))  # (I25)
        self.facility_life_months = life_months(life_years(field("facility_life_years")))
        self.supply_life_months = life_months(life_years(field("supply_life_years")))
        hardware_years = (self.lifetime_years if self.lifetime_years > 0
                          else life_years(field("hardware_book_years")))
        self.hardware_life_months = life_months(hardware_years)  # (I26)
        self.wacc = unit(field("wacc"))
        self.om_facility_share = unit(field("om_facility_share"))
        self.om_hardware_share = unit(field("om_hardware_share"))
        self.grid_cfe_share = Trajectory(field("grid_cfe_share"), cal, unit, what)  # sections 8 and 10
        supply = entry.get("supply")  # None: no list (unlimited grid); []: no power at all
        self.supply = None if supply is None else [Source(s, cal, self.build_months) for s in supply]
        self.phases = [Phase(p, cal, self.design_pue, self.lifetime_years) for p in entry.get("phases") or []]

    def pue_at(self, calendar_month):
        """PUE(t) = max(1, pue * q), q = pue_monthly / its own mean."""
        mean = sum(self.pue_monthly) / 12
        q = self.pue_monthly[calendar_month - 1] / mean
        return max(1.0, self.pue * q)


class Scenario:
    def __init__(self, doc):
        self.cal = Calendar(doc["start"], doc["end"])
        cal = self.cal
        # The file's lead-time entries by name; paths name them with lead: (section 9).
        cal.leads = {e["name"]: e for e in doc.get("lead_times") or []}
        self.research_share = unit(doc.get("research_share", 1))
        training = doc.get("training") or {}
        self.training = {k: nonneg(training.get(k, v)) for k, v in TRAINING_DEFAULTS.items()}
        self.roadmap = list(doc.get("roadmap") or [])
        self.accelerators = {}
        for entry in doc.get("accelerators") or []:
            self.accelerators[entry["name"]] = Accelerator(entry, cal)
        defaults = doc.get("defaults") or {}
        self.sites = [Site(s, defaults, cal) for s in doc["sites"]]
        self.clusters = [(c["name"], list(c["sites"])) for c in doc.get("clusters") or []]
        points = doc.get("researchers")
        self.researchers = (None if points is None else
                            sorted((cal.pos(p["month"]), nonneg(p["count"])) for p in points))

        needed = set(self.roadmap) | {"H100"}
        needed |= {p.accelerator for s in self.sites for p in s.phases if p.accelerator != "latest"}
        for name in sorted(needed):
            if name not in self.accelerators:
                raise OracleError(f"accelerator {name!r} is not defined in the file's accelerators: "
                                  "(the oracle has no built-in catalog)")
        if not self.roadmap:
            raise OracleError("the oracle needs a roadmap")
        names = {s.name for s in self.sites}
        for cname, members in self.clusters:
            for m in members:
                if m not in names:
                    raise OracleError(f"cluster {cname!r} names unknown site {m!r}")

    def latest(self, c):
        """The last roadmap entry with pos(available) + slip_months <= c; the first entry when none is."""
        chosen = self.roadmap[0]
        for name in self.roadmap:
            a = self.accelerators[name]
            if a.available + a.slip_months <= c:
                chosen = name
        return chosen

    def cycle_accelerator(self, phase, k):
        """g_0 = the phase's accelerator if named, else latest(c_0); g_k = latest(c_k) for k >= 1."""
        if k == 0 and phase.accelerator != "latest":
            return self.accelerators[phase.accelerator]
        return self.accelerators[self.latest(phase.cycle_start(k))]

    def researchers_at(self, t):
        """R(t): linear between the points at their positions, evaluated at t; flat outside (I12)."""
        return interpolate(self.researchers, t)


# ---------------------------------------------------------------- one site, one month (section 4)

def facility_spend(site, phase, t, per_it_mw):
    """per_it_mw * (B_p(t+Lb) - B_p(t)) / Lb, or * (B_p(t) - B_p(t-1)) when Lb = 0: spread over the build months."""
    Lb = int(site.build_months)
    if Lb >= 1:
        return per_it_mw * (phase.built_mw(t + Lb) - phase.built_mw(t)) / Lb
    return per_it_mw * (phase.built_mw(t) - phase.built_mw(t - 1))


def facility_capex(site, phase, t):
    """capex_usd_per_it_mw over the build months before each MW energizes."""
    return facility_spend(site, phase, t, site.capex_usd_per_it_mw)


def hardware_installs(scn, phase, t, per_accelerator, divisor=1.0):
    """sum_k per_accelerator(g_k) * it_mw_p * 1e6 / allin_w(g_k) * (f_k(t) - f_k(t-1)) / divisor; f_k(-1) by the same formula."""
    total = 0.0
    for k in phase.cycles(t):
        g = scn.cycle_accelerator(phase, k)
        delta = phase.installed_fraction(k, t) - phase.installed_fraction(k, t - 1)
        total += per_accelerator(g) * phase.it_mw * 1e6 / g.allin_w * delta / divisor
    return total


def hardware_capex(scn, phase, t):
    """unit_cost_usd of the accelerators installed in month t, replacements included."""
    return hardware_installs(scn, phase, t, lambda g: g.unit_cost_usd)


def supply_spread(source, t, per_mw):
    """per_mw * mw evenly over pos(from) - Lb .. pos(from) - 1 (all at pos(from) when Lb = 0)."""
    Lb = int(source.build_months)
    total = per_mw * source.mw
    if Lb == 0:
        return total if t == source.start else 0.0
    return total / Lb if source.start - Lb <= t <= source.start - 1 else 0.0


def supply_capex(source, t):
    """capex_usd_per_mw * mw spread over the source's build months."""
    if source.start is None or source.capex_usd_per_mw <= 0:
        return 0.0
    return supply_spread(source, t, source.capex_usd_per_mw)


# ---------------------------------------------------------------- life-cycle cost and carbon (section 10)

def facility_embodied(site, phase, t):
    """Facility capex's twin: embodied_tco2_per_it_mw over the same build months."""
    return facility_spend(site, phase, t, site.embodied_tco2_per_it_mw)


def hardware_embodied(scn, phase, t):
    """Hardware capex's twin in tCO2: embodied_kgco2e / 1000 of the accelerators installed in month t."""
    return hardware_installs(scn, phase, t, lambda g: g.embodied_kgco2e, divisor=1000.0)


def supply_embodied(source, t):
    """Supply capex's twin: embodied_tco2_per_mw * mw over the same months; none without from or path (I27)."""
    if source.start is None or source.embodied_tco2_per_mw == 0:
        return 0.0
    return supply_spread(source, t, source.embodied_tco2_per_mw)


def hardware_depreciation(scn, site, phase, t):
    """sum_k unit_cost(g_k) * it_mw_p * 1e6 / allin_w(g_k) * (f_k(t) - f_k(t - Lm)) / Lm, f_k at month middles.

    Lm = 12 lifetime_years, or 12 hardware_book_years when lifetime_years is 0 (I26); the same formula
    before the run, so hardware standing at the start is written off too (I28).
    """
    Lm = site.hardware_life_months
    total = 0.0
    for k in phase.cycles(t):
        g = scn.cycle_accelerator(phase, k)
        delta = phase.installed_fraction(k, t) - phase.installed_fraction(k, t - Lm)
        total += g.unit_cost_usd * phase.it_mw * 1e6 / g.allin_w * delta / Lm
    return total


def facility_depreciation(site, phase, t):
    """capex_usd_per_it_mw * (B_p(t) - B_p(t - Lm)) / Lm, Lm = 12 facility_life_years (I28)."""
    Lm = site.facility_life_months
    return site.capex_usd_per_it_mw * (phase.built_mw(t) - phase.built_mw(t - Lm)) / Lm


def supply_depreciation(site, source, t):
    """capex_usd_per_mw * mw / Lm in each of the Lm months from the source's first month (I27)."""
    if source.start is None or source.capex_usd_per_mw <= 0:
        return 0.0
    Lm = site.supply_life_months
    return source.capex_usd_per_mw * source.mw / Lm if source.start <= t < source.start + Lm else 0.0


def site_month(scn, site, t):
    """Every per-site metric of month t, plus the powered accelerators A_s for the frontier run."""
    cal = scn.cal
    hours = cal.hours(t)
    _, month_of_year = cal.year_month(t)
    h100 = scn.accelerators["H100"]

    built = [p.built_mw(t) for p in site.phases]
    built_total = sum(built)

    if site.supply is None:
        # Unlimited grid sized to the need: it never strands or falls short (I5).
        supply_mw = built_total * site.design_pue
        firm_mw = supply_mw
        powered_total = built_total
        serving = []
    else:
        serving = [s for s in site.supply if s.serves(t)]
        supply_mw = sum(s.mw for s in serving)
        firm_mw = sum(s.mw * s.firm_fraction for s in serving)
        powered_total = min(built_total, firm_mw / site.design_pue)
    sigma = powered_total / built_total if built_total > 0 else 0.0
    stranded = built_total - powered_total

    installed = 0.0
    peak = 0.0
    powered_accelerators = 0.0
    it_energy = 0.0
    capex_facility = 0.0
    capex_hardware = 0.0
    embodied = 0.0
    depreciation = 0.0
    hardware_in_service = 0.0  # H(t): the accelerators standing at their unit cost, stranded included (I31)
    for phase, b in zip(site.phases, built):
        n_p = 0.0
        peak_p = 0.0
        for k in phase.cycles(t):
            g = scn.cycle_accelerator(phase, k)
            count = phase.cycle_mw(k, t) * 1e6 / g.allin_w
            n_p += count
            peak_p += count * g.peak_flops
            hardware_in_service += g.unit_cost_usd * count
        installed += n_p
        peak += sigma * peak_p
        powered_accelerators += sigma * n_p
        powered_p = b * sigma
        it_energy += powered_p * site.load_factor * hours
        capex_facility += facility_capex(site, phase, t)
        capex_hardware += hardware_capex(scn, phase, t)
        embodied += facility_embodied(site, phase, t) + hardware_embodied(scn, phase, t)
        depreciation += facility_depreciation(site, phase, t) + hardware_depreciation(scn, site, phase, t)
    facility_in_service = site.capex_usd_per_it_mw * built_total  # F(t) = capex_usd_per_it_mw * sum_p B_p(t) (I31)

    facility_energy = it_energy * site.pue_at(month_of_year)

    # Section 8 without typed sources: every hour alike, so the month is the hourly result.
    if site.supply is None:
        shortfall = 0.0
        cost = facility_energy * site.grid_price_usd_per_mwh.at(t)
        emissions = facility_energy * site.grid_gco2_per_kwh.at(t) / 1000
        cfe = facility_energy * site.grid_cfe_share.at(t)
    else:
        remaining = facility_energy
        cost = 0.0
        emissions = 0.0
        cfe = 0.0
        for s in serving:  # listed order, only the sources serving month t (I4)
            served = min(remaining, s.mw * s.capacity_factor * hours)
            remaining -= served
            cost += served * s.price_usd_per_mwh.at(t)
            emissions += served * s.gco2_per_kwh.at(t) / 1000
            if s.gco2_per_kwh.at(t) == 0:
                cfe += served  # an untyped source of 0 gCO2/kWh is carbon-free
        shortfall = remaining
    unserved_hours = hours if shortfall > 1e-9 * facility_energy else 0.0

    capex_supply = sum(supply_capex(s, t) for s in site.supply or [])
    embodied += sum(supply_embodied(s, t) for s in site.supply or [])
    depreciation += sum(supply_depreciation(site, s, t) for s in site.supply or [])
    om = (site.om_facility_share * facility_in_service + site.om_hardware_share * hardware_in_service) / 12

    return {
        "it_built_mw": built_total,
        "it_powered_mw": powered_total,
        "it_stranded_mw": stranded,
        "supply_mw": supply_mw,
        "facility_demand_mw": facility_energy / hours,
        "accelerators": installed,
        "h100e": peak / h100.peak_flops,
        "peak_flops": peak,
        "effective_flops": peak * site.mfu,
        "it_energy_mwh": it_energy,
        "facility_energy_mwh": facility_energy,
        "shortfall_mwh": shortfall,
        "energy_cost_usd": cost,
        "emissions_tco2": emissions,
        "water_m3": it_energy * site.wue_l_per_kwh,
        "capex_facility_usd": capex_facility,
        "capex_hardware_usd": capex_hardware,
        "supply_firm_mw": firm_mw,
        "supply_firm_it_mw": firm_mw / site.design_pue,
        "capex_supply_usd": capex_supply,
        "emissions_embodied_tco2": embodied,
        "depreciation_usd": depreciation,
        "om_usd": om,
        "cfe_mwh": cfe,
        "curtailed_mwh": 0.0,
        "unserved_hours": unserved_hours,
        "battery_discharge_mwh": 0.0,
        "gas_fuel_mmbtu": 0.0,
        "powered_accelerators": powered_accelerators,
    }


# ---------------------------------------------------------------- frontier run

def goodput(accelerators, training):
    """Young/Daly: G = max(0, 1 - sqrt(2d/M) - r/M), M = mtbf / A; 1 when A = 0, else 0 when mtbf = 0 (I13)."""
    if accelerators == 0:
        return 1.0
    mtbf = training["accelerator_mtbf_hours"]
    if mtbf == 0:
        return 0.0
    M = mtbf / accelerators
    d = training["checkpoint_minutes"] / 60
    r = training["restart_minutes"] / 60
    return max(0.0, 1 - math.sqrt(2 * d / M) - r / M)


def run_size(A, training):
    """Version 3: the run size a <= A that maximises a * G(a); u* = 2 / (1.5 sqrt(d') + sqrt(2.25 d' + 8 r'))."""
    mtbf = training["accelerator_mtbf_hours"]
    d = training["checkpoint_minutes"] / 60
    r = training["restart_minutes"] / 60
    if mtbf == 0 or (d == 0 and r == 0):
        return A
    dp = 2 * d / mtbf
    rp = r / mtbf
    u = 2 / (1.5 * math.sqrt(dp) + math.sqrt(2.25 * dp + 8 * rp))
    return min(A, u * u)


def candidates(scn):
    """The clusters, then every site in no cluster on its own, in file order."""
    clustered = {m for _, members in scn.clusters for m in members}
    return [members for _, members in scn.clusters] + [[s.name] for s in scn.sites if s.name not in clustered]


def frontier(scn, by_site):
    """(frontier_run_flop, frontier_run_goodput, frontier_run_accelerators): the argmax, first on ties."""
    share = {s.name: s.training_share for s in scn.sites}
    best = None
    for members in candidates(scn):
        A = sum(share[n] * by_site[n]["powered_accelerators"] for n in members)
        E = sum(share[n] * by_site[n]["effective_flops"] for n in members)
        a = run_size(A, scn.training)
        G = goodput(a, scn.training)
        flop = (E / A) * a * G * scn.training["days"] * 86400 if A > 0 else 0.0
        if best is None or flop > best[0]:
            best = (flop, G, a)
    return best


# ---------------------------------------------------------------- the run

def cfe_share(cfe, facility_energy):
    """cfe_mwh / facility energy of a scope; 0 when there is none (section 8)."""
    return cfe / facility_energy if facility_energy > 0 else 0.0


def usd_per_h100e_hour(tco, h100e, hours):
    """tco_usd / (H100e * hours(t)) of a scope; 0 when H100e is 0 (I32)."""
    return tco / (h100e * hours) if h100e != 0 else 0.0


def run(doc):
    """Rows (month label, scope, metric, value) of the nominal run, months then scopes then metrics."""
    scn = Scenario(doc)
    cal = scn.cal
    rows = []
    cumulative = {s.name: 0.0 for s in scn.sites}
    cumulative_emissions = {s.name: 0.0 for s in scn.sites}
    book = {s.name: 0.0 for s in scn.sites}  # V(t), the book value at the start of month t; V(0) = 0
    for t in range(cal.T):
        hours = cal.hours(t)
        by_site = {}
        for site in scn.sites:
            v = site_month(scn, site, t)
            capex = v["capex_facility_usd"] + v["capex_hardware_usd"] + v["capex_supply_usd"]
            cumulative[site.name] += capex
            v["capex_cumulative_usd"] = cumulative[site.name]
            cumulative_emissions[site.name] += v["emissions_tco2"] + v["emissions_embodied_tco2"]
            v["emissions_cumulative_tco2"] = cumulative_emissions[site.name]
            # capital_charge(t) = wacc / 12 * V(t); V(t+1) = max(0, V(t) + capex(t) - depreciation(t)) (I30)
            v["capital_charge_usd"] = site.wacc / 12 * book[site.name]
            book[site.name] = max(0.0, book[site.name] + capex - v["depreciation_usd"])
            v["tco_usd"] = v["depreciation_usd"] + v["capital_charge_usd"] + v["om_usd"] + v["energy_cost_usd"]
            v["usd_per_h100e_hour"] = usd_per_h100e_hour(v["tco_usd"], v["h100e"], hours)
            v["cfe_share"] = cfe_share(v["cfe_mwh"], v["facility_energy_mwh"])
            by_site[site.name] = v

        total = {m: sum(by_site[s.name][m] for s in scn.sites) for m in SITE_METRICS}
        # A ratio of the scope's sums, not a sum of the sites' ratios.
        total["usd_per_h100e_hour"] = usd_per_h100e_hour(total["tco_usd"], total["h100e"], hours)
        total["cfe_share"] = cfe_share(total["cfe_mwh"], total["facility_energy_mwh"])
        flop, G, A = frontier(scn, by_site)
        total["frontier_run_flop"] = flop
        total["frontier_run_goodput"] = G
        total["frontier_run_accelerators"] = A
        if scn.researchers is not None:
            R = scn.researchers_at(t)
            total["researchers"] = R
            total["h100e_per_researcher"] = scn.research_share * total["h100e"] / R if R > 0 else 0.0
            total["pflops_per_researcher"] = (scn.research_share * total["effective_flops"] / 1e15 / R
                                              if R > 0 else 0.0)

        label = cal.label(t)
        for site in scn.sites:
            for m in SITE_METRICS:
                rows.append((label, site.name, m, by_site[site.name][m]))
        for m in TOTAL_METRICS:
            if m in RESEARCHER_METRICS and scn.researchers is None:
                continue
            rows.append((label, "total", m, total[m]))
    return rows


def to_csv(rows):
    lines = ["month,scope,metric,value"]
    for month, scope, metric, value in rows:
        lines.append(f"{month},{scope},{metric},{repr(float(value) + 0.0)}")  # + 0.0: no -0.0
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: oracle.py scenario.yaml [out.csv]", file=sys.stderr)
        return 2
    try:
        text = to_csv(run(load(argv[1])))
    except OracleError as e:
        print(f"{argv[1]}: oracle: {e}", file=sys.stderr)
        return 2
    if len(argv) == 3:
        with open(argv[2], "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
