#!/usr/bin/env python3
"""Hand-computed checks of the oracle on its trickiest clauses. Run: python3 tests/CrossCheck/test_oracle.py"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import oracle  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

ACCELERATORS = [
    {"name": "H100", "available": "2022-10", "peak_flops": 989e12, "tdp_w": 700, "allin_w": 1389, "unit_cost_usd": 50000},
    {"name": "H200", "available": "2024-06", "peak_flops": 989e12, "tdp_w": 700, "allin_w": 1400, "unit_cost_usd": 55000},
    {"name": "GB200", "available": "2025-03", "peak_flops": 2.5e15, "tdp_w": 1200, "allin_w": 2000, "unit_cost_usd": 60000},
    {"name": "GB300", "available": "2025-09", "peak_flops": 2.5e15, "tdp_w": 1400, "allin_w": 2200, "unit_cost_usd": 65000},
    {"name": "VR200", "available": "2026-09", "peak_flops": 8.0e15, "tdp_w": 1800, "allin_w": 2800, "unit_cost_usd": 90000},
]
ROADMAP = ["H100", "H200", "GB200", "GB300", "VR200"]


def values(doc):
    """{(month, scope, metric): value} of the oracle's run of doc."""
    return {(m, s, k): v for m, s, k, v in oracle.run(doc)}


def case(name):
    return values(oracle.load(os.path.join(HERE, "cases", name)))


def close(a, b, rel=1e-12):
    assert math.isclose(a, b, rel_tol=rel, abs_tol=1e-9), f"{a!r} != {b!r}"


def s_curve(x):
    return 3 * x * x - 2 * x * x * x


def test_goodput_calibration():
    t = dict(oracle.TRAINING_DEFAULTS)
    # 16,384 accelerators: M = 50000 / 16384 = 3.0517578125 h, d = 0.5/60, r = 5/60
    # G = 1 - sqrt(2 * 0.0083333 / 3.0517578) - 0.0833333 / 3.0517578 = 1 - 0.0739012 - 0.0273067 = 0.8987925
    close(50000 / 16384, 3.0517578125)
    close(oracle.goodput(16384, t), 0.8987924988770611)
    # 100,000: M = 0.5 h, G = 1 - sqrt(0.0166667 / 0.5) - 0.0833333 / 0.5 = 1 - 0.1825742 - 0.1666667 = 0.6507591
    close(oracle.goodput(100000, t), 0.650759147498278)
    # G = 0 at A = 50000 * y^2, y = (sqrt(1/60 + 1/3) - sqrt(1/60)) / (2 * 5/60) = 2.775053: A = 385,046
    assert oracle.goodput(385000, t) > 0
    assert oracle.goodput(385100, t) == 0.0
    assert oracle.goodput(390000, t) == 0.0
    # A = 0: no run, no failures: G = 1, even with mtbf 0; mtbf 0 with accelerators: G = 0.
    assert oracle.goodput(0, t) == 1.0
    assert oracle.goodput(0, dict(t, accelerator_mtbf_hours=0.0)) == 1.0
    assert oracle.goodput(10, dict(t, accelerator_mtbf_hours=0.0)) == 0.0


def test_nominal_values_and_rounding():
    assert oracle.nominal({"dist": "uniform", "min": 5, "max": 8}) == 6.5
    assert oracle.nominal({"dist": "triangular", "min": 0, "mode": 2, "max": 9}) == 2.0
    assert oracle.nominal({"dist": "pert", "min": 0, "mode": 4, "max": 12}) == 4.0
    assert oracle.nominal({"dist": "normal", "mean": 0.42, "sd": 0.03}) == 0.42
    assert oracle.nominal({"dist": "lognormal", "median": 60, "sigma": 0.2}) == 60.0
    # build_months: half away from zero (Python's round(2.5) is 2)
    assert oracle.months_whole({"dist": "triangular", "min": 1, "mode": 2.5, "max": 4}) == 3.0
    assert oracle.months_whole({"dist": "uniform", "min": 5, "max": 8}) == 7.0
    assert oracle.months_whole(-2) == 0.0  # clamped to >= 0 first
    # clamps: PUE >= 1, shares in [0, 1]
    assert oracle.pue_value({"dist": "triangular", "min": 0.9, "mode": 0.95, "max": 1.2}) == 1.0
    assert oracle.unit({"dist": "uniform", "min": 0.9, "max": 1.3}) == 1.0


def test_vintages_overlap_when_ramp_longer_than_cycle():
    v = case("02-ramp-longer-than-cycle.yaml")
    # o = 1, R = 18 linear, C = 12. 2026-02: t = 25, m = 25.5:
    # f_0 = 1, f_1 = (25.5 - 13)/18 = 12.5/18, f_2 = (25.5 - 25)/18 = 0.5/18
    # b_0 = 50 * (1 - 12.5/18) = 15.2778 MW of H100 (c_0 = 1.0),
    # b_1 = 50 * 12/18 = 33.3333 MW of H200 (c_1 = 13.0), b_2 = 50 * 0.5/18 = 1.3889 MW of GB300 (c_2 = 25.0)
    n = 50 * (1 - 12.5 / 18) * 1e6 / 1389 + 50 * 12 / 18 * 1e6 / 1400 + 50 * 0.5 / 18 * 1e6 / 2200
    close(v[("2026-02", "beta", "accelerators")], n)  # 10999.12 + 23809.52 + 631.31 = 35439.96
    close(v[("2026-02", "beta", "it_built_mw")], 50.0)  # the b_k sum to B_p
    # hardware: f_0 flat; f_1 rose 1/18, f_2 rose 0.5/18 since 2026-01
    hw = 55000 * 50e6 / 1400 / 18 + 65000 * 50e6 / 2200 * 0.5 / 18  # 109,126,984 + 41,035,354
    close(v[("2026-02", "beta", "capex_hardware_usd")], hw)


def test_named_accelerator_replaced_by_latest_at_first_refresh():
    v = case("01-refresh-newer-generation.yaml")
    # alpha-1: o = 2, R = 9 s-curve, L = 2, H100 named. c_1 = 26 (2026-03): latest(26) = GB300 (20 <= 26 < 32).
    # 2026-03, t = 26, m = 26.5: f_1 = s(0.5/9); alpha-2 (40 MW of H200) all built, not refreshed until 36.
    f1 = s_curve(0.5 / 9)
    n = 100 * (1 - f1) * 1e6 / 1389 + 100 * f1 * 1e6 / 2200 + 40e6 / 1400
    close(v[("2026-03", "alpha", "accelerators")], n)
    # hardware capex of 2026-03: only the GB300 installed since f_1(25) = 0
    close(v[("2026-03", "alpha", "capex_hardware_usd")], 65000 * 100e6 / 2200 * f1)
    # no supply list: supply_mw = 140 MW built * design_pue (= pue 1.1)
    close(v[("2026-03", "alpha", "supply_mw")], 140 * 1.1)


def test_slip_moves_latest():
    scn = oracle.Scenario(oracle.load(os.path.join(HERE, "cases", "04-slip-moves-latest.yaml")))
    eps1, eps2 = scn.sites[0].phases
    assert eps1.online == 10.5  # pos(2025-10) = 9, delay triangular mode 1.5
    # GB300: 8 + 4 = 12 > 10.5; VR200: 20 + 6.5 = 26.5
    assert [scn.cycle_accelerator(eps1, k).name for k in range(3)] == ["GB200", "GB300", "VR200"]
    assert [scn.cycle_accelerator(eps2, k).name for k in range(2)] == ["H200", "GB300"]  # c_1 = 26 < 26.5


def test_facility_capex_build_months_zero_and_before_run():
    v = case("03-lifetime-zero-build-zero-no-power.yaml")
    # gamma-1: o = -2, R = 6 s-curve, 10 MW, Lb = 0. t = 0: B(0) = 10 s(2.5/6) = 3.76157, B(-1) = 10 s(1.5/6) = 1.5625
    # capex = 11.7e6 * (3.76157 - 1.5625) = 25,729,166.67 (the 1.5625 MW built before the run are not charged)
    close(v[("2025-01", "gamma", "capex_facility_usd")], 11.7e6 * 10 * (s_curve(2.5 / 6) - s_curve(1.5 / 6)))
    # hardware of the same (H200): 55000 * 10e6 / 1400 * (s(2.5/6) - s(1.5/6)) = 86,392,195.77
    close(v[("2025-01", "gamma", "capex_hardware_usd")],
          55000 * 10e6 / 1400 * (s_curve(2.5 / 6) - s_curve(1.5 / 6)))
    # gas source: from 2025-03, site build_months 0: all 40 * 1e6 in month pos(from) = 2
    assert v[("2025-02", "gamma", "capex_supply_usd")] == 0.0
    close(v[("2025-03", "gamma", "capex_supply_usd")], 40e6)
    # delta, supply: []: built and stranded, never powered
    close(v[("2026-03", "delta", "it_stranded_mw")], 10.0)
    assert v[("2026-03", "delta", "it_powered_mw")] == 0.0
    assert v[("2026-03", "delta", "peak_flops")] == 0.0
    close(v[("2026-03", "delta", "accelerators")], 10e6 / 2000)


def test_capex_edges_of_the_run():
    v = case("05-capex-timing-edges.yaml")
    # Lb = 7 (uniform 5..8 -> 6.5 -> 7). plant: 1.5e6 * 50 = 75e6 over months -4..2: 75e6 / 7 in 0..2 only
    for m in ("2026-01", "2026-02", "2026-03"):
        close(v[(m, "zeta", "capex_supply_usd")], 75e6 / 7)
    assert v[("2026-04", "zeta", "capex_supply_usd")] == 0.0
    # solar: 40e6 over its own 4 months 13..16 (2027-02 .. 2027-05)
    close(v[("2027-02", "zeta", "capex_supply_usd")], 10e6)
    # zeta-late: o = 38, linear R = 6, 80 MW; t = 31: B(38) = 80 * 0.5/6, B(31) = 0: 12e6 * 6.6667 / 7
    close(v[("2028-08", "zeta", "capex_facility_usd")], 12e6 * (80 * 0.5 / 6) / 7)
    # legacy serves until 2027-01 exclusive: 2026-12 has 100 + 50, 2027-01 has plant 50 + replacement 100
    close(v[("2026-12", "zeta", "supply_mw")], 150.0)
    close(v[("2027-01", "zeta", "supply_mw")], 150.0)
    # cumulative capex = sum of the three capex metrics over months so far
    total = sum(v[(f"2026-{m:02d}", "zeta", k)] for m in range(1, 13)
                for k in ("capex_facility_usd", "capex_hardware_usd", "capex_supply_usd"))
    close(v[("2026-12", "zeta", "capex_cumulative_usd")], total)


def test_firm_share_capacity_factor_and_monthly_pue():
    v = case("06-firm-capacity-factor-shortfall.yaml")
    # F = 60 * 0.5 = 30, P = min(40, 30 / 1.05) = 28.5714
    close(v[("2025-04", "eta", "it_powered_mw")], 30 / 1.05)
    # April: q = 1.1 / 1.1 = 1, PUE 1.05; IT = 28.5714 * 0.8 * 720 h = 16457.14 MWh; facility 17280 MWh
    # energy caps: gas 60 * 0.3 * 720 = 12960, solar 20 * 0.25 * 720 = 3600: shortfall 17280 - 16560 = 720
    close(v[("2025-04", "eta", "facility_energy_mwh")], 17280.0)
    close(v[("2025-04", "eta", "shortfall_mwh")], 720.0)
    close(v[("2025-04", "eta", "energy_cost_usd")], 12960 * 80)  # solar has no price
    # March: 1.05 * 0.8 / 1.1 = 0.764 < 1 -> PUE 1: facility energy = IT energy = 28.5714 * 0.8 * 744
    close(v[("2025-03", "eta", "facility_energy_mwh")], 30 / 1.05 * 0.8 * 744)
    # 2026-01: F = 30 + 10 = 40, P = 40 / 1.05 = 38.095; January PUE max(1, 1.05 / 1.1) = 1:
    # facility energy = 38.095 * 0.8 * 744 = 22674.29 MWh. late (listed first, serving 2026-01 .. 2026-06)
    # takes 10 * 744 = 7440 at $50, gas its cap 60 * 0.3 * 744 = 13392 at $80, solar the 1842.29 left at $0.
    close(v[("2026-01", "eta", "facility_energy_mwh")], 40 / 1.05 * 0.8 * 744)
    close(v[("2026-01", "eta", "energy_cost_usd")], 7440 * 50 + 13392 * 80)
    close(v[("2026-01", "eta", "emissions_tco2")], 13392 * 400 / 1000)  # late and solar have no intensity
    assert v[("2026-01", "eta", "shortfall_mwh")] == 0.0


def test_researchers_and_research_share():
    v = case("08-researchers.yaml")
    # points (2, 100), (6, 0), (12, 400), (29, 1000); t = 0 flat at 100; t = 4: 100 - 100 * 2/4 = 50
    assert v[("2024-01", "total", "researchers")] == 100.0
    close(v[("2024-05", "total", "researchers")], 50.0)
    assert v[("2024-07", "total", "h100e_per_researcher")] == 0.0  # R = 0
    close(v[("2024-08", "total", "researchers")], 400 * 1 / 6)  # 0 + 400 * (7 - 6)/(12 - 6)
    # h100e_per_researcher = 0.5 * H100e / R
    close(v[("2024-08", "total", "h100e_per_researcher")], 0.5 * v[("2024-08", "total", "h100e")] / (400 / 6))
    close(v[("2026-12", "total", "researchers")], 1000.0)


def test_paths_set_online_positions_and_a_sources_first_month():
    v = case("13-paths.yaml")
    scn = oracle.Scenario(oracle.load(os.path.join(HERE, "cases", "13-paths.yaml")))
    rho1, rho2 = scn.sites[0].phases
    gas = scn.sites[0].supply[1]
    # rho-1: pos(2025-02) = 1, + 3 + 26 * 12 / 52 (= 6) + max(2 + 1, (1 + 3) / 2) = 1 + 3 + 6 + 3 = 13.
    close(rho1.online, 13.0)
    # rho-2: pos(2025-06) = 5, + the lead's mode 4.5 = 9.5.
    close(rho2.online, 9.5)
    # gas: 0 + 6 + 4.5 = 10.5, rounded up: first month 11 (2025-12).
    assert gas.start == 11
    # rho-2 in 2025-11 (t = 10, m = 10.5): (10.5 - 9.5) / 2 = 0.5 of 30 MW built; rho-1 none yet.
    close(v[("2025-11", "rho", "it_built_mw")], 15.0)
    # 2025-11: gas not yet serving, so grid's 20 MW firm / 1.2 = 16.67 MW of IT can be powered: all 15 MW.
    close(v[("2025-11", "rho", "supply_firm_mw")], 20.0)
    close(v[("2025-12", "rho", "supply_firm_mw")], 140.0)
    # gas capex: 120 MW x $1M over the 4 months 2025-08 .. 2025-11.
    close(v[("2025-07", "rho", "capex_supply_usd")], 0.0)
    close(v[("2025-08", "rho", "capex_supply_usd")], 30e6)
    close(v[("2025-11", "rho", "capex_supply_usd")], 30e6)
    close(v[("2025-12", "rho", "capex_supply_usd")], 0.0)


def test_frontier_run_size_that_trains_most():
    t = dict(oracle.TRAINING_DEFAULTS)
    # d' = 2 * (0.5/60) / 50000 = 1/3e6, r' = (5/60) / 50000 = 1/6e5
    # u* = 2 / (1.5 sqrt(1/3e6) + sqrt(2.25/3e6 + 8/6e5)) = 2 / (8.660254e-4 + 3.752777e-3) = 433.0127
    # a* = u*^2 = 187,500; G = 1 - 433.0127 * sqrt(1/3e6) - 187500 / 6e5 = 1 - 0.25 - 0.3125 = 0.4375
    close(oracle.run_size(400000, t), 187500)
    close(oracle.goodput(187500, t), 0.4375)
    # a smaller candidate is not cut; without checkpoint and restart costs, or with mtbf 0, nothing is cut.
    assert oracle.run_size(100000, t) == 100000
    assert oracle.run_size(400000, dict(t, checkpoint_minutes=0.0, restart_minutes=0.0)) == 400000
    assert oracle.run_size(400000, dict(t, accelerator_mtbf_hours=0.0)) == 400000
    # a site of 400,000 H100 (E = A * 989e12 * 0.4) trains 187,500 of them at G = 0.4375, not 0:
    n = 400000
    doc = {"start": "2025-01", "end": "2025-01", "roadmap": ROADMAP, "accelerators": ACCELERATORS,
           "sites": [{"name": "big", "phases": [{"online": "2024-01", "it_mw": n * 1389 / 1e6, "accelerator": "H100"}]}]}
    v = values(doc)
    close(v[("2025-01", "total", "frontier_run_accelerators")], 187500, rel=1e-9)
    close(v[("2025-01", "total", "frontier_run_goodput")], 0.4375, rel=1e-9)
    close(v[("2025-01", "total", "frontier_run_flop")], 187500 * 989e12 * 0.4 * 0.4375 * 100 * 86400, rel=1e-9)


def test_frontier_argmax_ties_and_shares():
    doc = {
        "start": "2025-01", "end": "2025-01", "roadmap": ROADMAP, "accelerators": ACCELERATORS,
        "clusters": [{"name": "ab", "sites": ["a", "b"]}, {"name": "b-only", "sites": ["b"]}],
        "sites": [
            {"name": "a", "training_share": 0.5, "phases": [{"online": "2024-01", "it_mw": 20, "accelerator": "H100"}]},
            {"name": "b", "supply": [], "phases": [{"online": "2024-01", "it_mw": 10, "accelerator": "H100"}]},
            {"name": "c", "phases": [{"online": "2024-01", "it_mw": 10, "accelerator": "H100"}]},
        ],
    }
    v = values(doc)
    # a: 20e6 / 1389 = 14,399 H100, half trains: A = 7,199.4; b has no power (A = 0); c: 10e6 / 1389 = 7,199.4
    # H100, all train. ab and c give the same A and E = A * 989e12 * 0.4 exactly (halving is exact in binary):
    # a tie, and the first candidate (ab) is reported. b-only gives 0 with G = 1 (A = 0).
    n = 10e6 / 1389
    close(v[("2025-01", "total", "frontier_run_accelerators")], n)
    M = 50000 / n  # 6.9450 h
    g = 1 - math.sqrt(2 * (0.5 / 60) / M) - (5 / 60) / M  # 1 - 0.048989 - 0.011999 = 0.939012
    close(v[("2025-01", "total", "frontier_run_goodput")], g)
    close(v[("2025-01", "total", "frontier_run_flop")], n * 989e12 * 0.4 * g * 100 * 86400)
    scn = oracle.Scenario(doc)
    assert oracle.candidates(scn) == [["a", "b"], ["b"], ["c"]]
    # mtbf 0: ab (A = n, G = 0), b-only (A = 0, G = 1), c with 20 MW (A = 2n, G = 0) all give 0 FLOP;
    # the first, ab, is reported: A = n, not c's 2n.
    doc["training"] = {"accelerator_mtbf_hours": 0}
    doc["sites"][2]["phases"][0]["it_mw"] = 20
    v = values(doc)
    assert v[("2025-01", "total", "frontier_run_flop")] == 0.0
    assert v[("2025-01", "total", "frontier_run_goodput")] == 0.0
    close(v[("2025-01", "total", "frontier_run_accelerators")], n)
    # b's installed accelerators still count in the accelerators metric
    close(v[("2025-01", "b", "accelerators")], 10e6 / 1389)


def test_design_pue_from_defaults_and_facility_mw():
    v = case("07-facility-mw-design-pue-defaults.yaml")
    close(v[("2026-07", "theta", "it_built_mw")], 100.0)  # 130 / 1.3
    close(v[("2026-07", "theta", "supply_mw")], 130.0)  # no supply list: 100 * design_pue 1.3
    close(v[("2026-07", "iota", "it_powered_mw")], 80.0)  # 100 / 1.25 of 160 built
    close(v[("2027-12", "kappa", "supply_mw")], 65.0)  # own pue 1.2, defaults' design_pue 1.3
    # July: pue_monthly 1.4 / mean 1.3; theta facility demand = 100 * 0.7 * 1.1 * 1.4 / 1.3 = 82.923
    close(v[("2026-07", "theta", "facility_demand_mw")], 100 * 0.7 * 1.1 * 1.4 / 1.3)


def test_refuses_accelerators_not_in_the_file():
    doc = {"start": "2025-01", "end": "2025-01", "roadmap": ["H100", "B200"], "accelerators": ACCELERATORS,
           "sites": [{"name": "a", "phases": [{"online": "2025-01", "it_mw": 1}]}]}
    try:
        oracle.run(doc)
    except oracle.OracleError as e:
        assert "B200" in str(e)
    else:
        raise AssertionError("B200 is not defined in the file and must be refused")


# ---------------------------------------------------------------- section 10: life-cycle cost and carbon

def free_h100(**fields):
    """A one-entry catalog: a free H100 (unit_cost_usd 0 isolates facility and supply terms), with overrides."""
    return [dict(ACCELERATORS[0], unit_cost_usd=0, **fields)]


def test_life_months_rounding_and_clamps():
    # Lm = 12 * life rounded half away from zero, at least 1; lives clamped to >= 1/12 year first
    assert oracle.life_months(oracle.life_years(20)) == 240
    assert oracle.life_months(oracle.life_years(1.04)) == 12  # 12.48 -> 12
    assert oracle.life_months(oracle.life_years(2.125)) == 26  # 25.5 -> 26 (half away from zero)
    assert oracle.life_months(oracle.life_years(2.0 + 1 / 24)) == 25  # 24.5 -> 25 (round-half-even gives 24)
    assert oracle.life_months(oracle.life_years(0.01)) == 1  # 0.01 -> 1/12 year -> 1 month
    assert oracle.life_months(oracle.life_years(-3)) == 1
    site = oracle.Site({"name": "s", "wacc": 1.5, "om_facility_share": -0.1,
                        "om_hardware_share": {"dist": "uniform", "min": 0.9, "max": 1.3}},
                       {}, oracle.Calendar("2025-01", "2025-12"))
    assert (site.wacc, site.om_facility_share, site.om_hardware_share) == (1.0, 0.0, 1.0)
    # the defaults of the brief
    assert (site.facility_life_months, site.supply_life_months, site.hardware_life_months) == (240, 300, 60)
    site0 = oracle.Site({"name": "s", "lifetime_years": 0}, {"hardware_book_years": 2.5},
                        oracle.Calendar("2025-01", "2025-12"))
    assert site0.hardware_life_months == 30  # lifetime 0: 12 * hardware_book_years (from defaults)


def test_embodied_carbon_of_each_kind():
    doc = {
        "start": "2025-01", "end": "2025-12", "roadmap": ["H100"],
        "accelerators": free_h100(embodied_kgco2e={"dist": "triangular", "min": 800, "mode": 1000, "max": 1500}),
        "sites": [{
            "name": "a", "build_months": 4, "embodied_tco2_per_it_mw": 1000, "lifetime_years": 0,
            "supply": [
                {"name": "old", "mw": 100, "embodied_tco2_per_mw": 999},  # no from: built before the run
                {"name": "new", "mw": 100, "from": "2025-05", "build_months": 2, "embodied_tco2_per_mw": 50},
            ],
            "phases": [{"online": "2025-07", "it_mw": 13.89, "ramp_months": 0, "accelerator": "H100"}],
        }],
    }
    v = values(doc)
    e = {m: v[(f"2025-{m:02d}", "a", "emissions_embodied_tco2")] for m in range(1, 13)}
    # facility: o = 6, ramp 0: B(t) = 13.89 from t = 6 (m = 6.5 >= 6). Lb = 4: (B(t + 4) - B(t)) / 4
    # = 13.89 / 4 = 3.4725 MW in t = 2..5, times 1000 t/MW = 3472.5 t a month (2025-03 .. 2025-06).
    # supply "new": 100 MW * 50 t/MW = 5000 t over pos(from) - 2 .. pos(from) - 1 = 2, 3: 2500 t each.
    # supply "old": no from, so nothing (as its capex would be).
    assert e[1] == 0.0 and e[2] == 0.0
    close(e[3], 3472.5 + 2500)
    close(e[4], 3472.5 + 2500)
    close(e[5], 3472.5)
    close(e[6], 3472.5)
    # accelerators: 13.89e6 / 1389 = 10,000 H100 installed in 2025-07 at 1000 kg (triangular mode): 10,000 t.
    close(e[7], 10000.0)
    assert e[8] == 0.0  # never refreshed (lifetime 0)
    # cumulative = operational (0: the sources have no intensity) + embodied = 4 * 3472.5 + 5000 + 10000
    close(v[("2025-12", "a", "emissions_cumulative_tco2")], 4 * 3472.5 + 5000 + 10000)
    close(v[("2025-12", "total", "emissions_cumulative_tco2")], 28890.0)
    # with an intensity on "old" (the only source serving before 2025-05) the operational tonnes add in:
    doc["sites"][0]["supply"][0]["gco2_per_kwh"] = 400
    v = values(doc)
    # 2025-07: IT 13.89 MW * 0.8 * 744 h = 8267.328 MWh, * pue 1.2 = 9920.7936 MWh, all from "old":
    # 9920.7936 * 400 / 1000 = 3968.31744 t.
    close(v[("2025-07", "a", "emissions_tco2")], 3968.31744)
    close(v[("2025-07", "a", "emissions_cumulative_tco2")], 4 * 3472.5 + 5000 + 10000 + 3968.31744)


def test_hardware_depreciation_lifetime_and_pre_run_stock():
    doc = {
        "start": "2025-01", "end": "2027-12", "roadmap": ROADMAP, "accelerators": ACCELERATORS,
        "sites": [{
            "name": "b", "lifetime_years": 2, "capex_usd_per_it_mw": 0, "wacc": 0.12,
            "phases": [{"online": "2024-07", "it_mw": 10, "ramp_months": 0, "accelerator": "H100"}],
        }],
    }
    v = values(doc)
    n0 = 10e6 / 1389  # H100 of cycle 0 (c_0 = -6, installed before the run, its capex never charged)
    n1 = 10e6 / 2200  # GB300 of cycle 1 (c_1 = 18 = 2026-07; latest(18) = GB300, VR200's 20 is later)
    # Lm = 12 * 2 = 24. t = 0..17: cycle 0 f_0(t) = 1, f_0(t - 24) at m = t - 23.5 < -6: 0,
    # so 50000 * 7199.42 / 24 = 14,998,800.10 a month although the run never paid for it.
    close(v[("2025-01", "b", "depreciation_usd")], 50000 * n0 / 24)
    close(v[("2026-06", "b", "depreciation_usd")], 50000 * n0 / 24)
    # t = 18: f_0(18 - 24) at m = -5.5 >= -6 is 1: cycle 0 is written off; cycle 1 starts: 65000 * n1 / 24.
    close(v[("2026-07", "b", "depreciation_usd")], 65000 * n1 / 24)
    # = H / (12 L) in every month, since every MW is replaced at the end of its life
    close(v[("2026-07", "b", "depreciation_usd")], 65000 * v[("2026-07", "b", "accelerators")] / 24)
    # book value: no capex before t = 18, so V stays clamped at 0 (not negative): capital charge 0.
    assert v[("2025-01", "b", "capital_charge_usd")] == 0.0
    assert v[("2026-07", "b", "capital_charge_usd")] == 0.0
    # V(19) = max(0, 0 + 65000 n1 - 65000 n1 / 24) = 65000 n1 * 23 / 24 = 1,920,454,545.45;
    # charge(19) = 0.12 / 12 * V(19) = 19,204,545.45
    close(v[("2026-08", "b", "capital_charge_usd")], 0.01 * 65000 * n1 * 23 / 24)
    # V(20) = V(19) - 65000 n1 / 24 = 65000 n1 * 22 / 24
    close(v[("2026-09", "b", "capital_charge_usd")], 0.01 * 65000 * n1 * 22 / 24)


def test_hardware_depreciation_lifetime_zero_along_a_ramp_and_book_value():
    doc = {
        "start": "2025-01", "end": "2025-12", "roadmap": ROADMAP, "accelerators": ACCELERATORS,
        "sites": [{
            "name": "c", "lifetime_years": 0, "hardware_book_years": 0.5, "capex_usd_per_it_mw": 0,
            "wacc": 0.12,
            "phases": [{"online": "2025-01", "it_mw": 20, "ramp_months": 4, "ramp": "linear", "accelerator": "GB200"}],
        }],
    }
    v = values(doc)
    month = ["2025-%02d" % m for m in range(1, 13)]
    dep = [v[(m, "c", "depreciation_usd")] for m in month]
    capex = [v[(m, "c", "capex_hardware_usd")] for m in month]
    charge = [v[(m, "c", "capital_charge_usd")] for m in month]
    # 20 MW of GB200 = 10,000 accelerators at $60,000: $600M. f(t) = clamp((t + 0.5) / 4): .125 .375 .625 .875 1 ...
    # Lm = 12 * 0.5 = 6: dep(t) = 600e6 * (f(t) - f(t - 6)) / 6 = 100e6 * (f(t) - f(t - 6))
    expected_dep = [12.5e6, 37.5e6, 62.5e6, 87.5e6, 100e6, 100e6,    # f(t - 6) = 0
                    87.5e6, 62.5e6, 37.5e6, 12.5e6, 0.0, 0.0]        # 1 - .125, 1 - .375, ...
    for a, b in zip(dep, expected_dep):
        close(a, b)
    close(sum(dep), 600e6)  # written off exactly its cost, nothing past it
    # capex(t) = 600e6 * (f(t) - f(t - 1)): 75, 150, 150, 150, 75 (millions), then 0
    for a, b in zip(capex, [75e6, 150e6, 150e6, 150e6, 75e6] + [0.0] * 7):
        close(a, b)
    # V(0) = 0; V(t+1) = V + capex - dep: 62.5, 175, 262.5, 325, 300, 200, 112.5, 50, 12.5, 0, 0 (millions)
    # capital charge = 0.12 / 12 * V(t) = 0.01 * V(t)
    book = [0, 62.5e6, 175e6, 262.5e6, 325e6, 300e6, 200e6, 112.5e6, 50e6, 12.5e6, 0, 0]
    for a, b in zip(charge, book):
        close(a, 0.01 * b)


def test_facility_and_supply_depreciation():
    doc = {
        "start": "2025-01", "end": "2025-12", "roadmap": ["H100"], "accelerators": free_h100(),
        "sites": [{
            "name": "d", "capex_usd_per_it_mw": 12e6, "facility_life_years": 1, "supply_life_years": 0.5,
            "build_months": 0,
            "supply": [
                {"name": "grid", "mw": 100, "capex_usd_per_mw": 5e6},  # no from: no capex, no depreciation
                {"name": "free", "mw": 10, "from": "2025-02"},  # from but no capex: nothing
                {"name": "gen", "mw": 20, "from": "2025-03", "until": "2025-05", "capex_usd_per_mw": 1.5e6},
            ],
            "phases": [{"online": "2025-01", "it_mw": 10, "ramp_months": 2, "ramp": "linear"}],
        }],
    }
    v = values(doc)
    dep = [v[("2025-%02d" % m, "d", "depreciation_usd")] for m in range(1, 13)]
    # facility: B(t) = 10 * clamp((t + 0.5) / 2) = 2.5, 7.5, 10, ...; Lm = 12, B(t - 12) = 0 in the run:
    # 12e6 * B(t) / 12 = 1e6 * B(t): 2.5e6, 7.5e6, 10e6 ...
    # gen: 20 MW * 1.5e6 = 30e6 over Lm = 12 * 0.5 = 6 months from its first month 2 (2025-03 .. 2025-08):
    # 5e6 a month, also after it stops serving (until 2025-05 = 4).
    # (from t = 12, after the run's end, B(t - 12) rises along the same ramp: 7.5e6, 2.5e6, then 0)
    expected = [2.5e6, 7.5e6] + [10e6 + 5e6] * 6 + [10e6] * 4
    for a, b in zip(dep, expected):
        close(a, b)
    assert v[("2025-06", "d", "supply_mw")] == 110.0  # gen no longer serves, yet still depreciates
    # hardware is free here, so the book value is facility + supply: capex(0) = 12e6 * 2.5 = 30e6, dep 2.5e6:
    # V(1) = 27.5e6, charge(1) = 0.09 / 12 * 27.5e6 = 206,250 (wacc default 0.09)
    close(v[("2025-02", "d", "capital_charge_usd")], 0.09 / 12 * 27.5e6)
    # the same stock seen from a run starting 2026-02: the phase's online 2025-01 is pos -13 and gen's
    # months -11..-6 are past. t = 0: B(0) = 10, B(-12) at m = -11.5: x = (-11.5 + 13) / 2 = 0.75, 7.5 MW:
    # 1e6 * (10 - 7.5) = 2.5e6, the last slice of the ramp (as t = 13 above); t = 1: B(-11) = 10: 0.
    doc["start"] = "2026-02"
    doc["end"] = "2026-03"
    v = values(doc)
    close(v[("2026-02", "d", "depreciation_usd")], 2.5e6)
    assert v[("2026-03", "d", "depreciation_usd")] == 0.0


def test_om_tco_and_usd_per_h100e_hour():
    doc = {
        "start": "2025-01", "end": "2025-02", "roadmap": ["H100"], "accelerators": ACCELERATORS[:1],
        "sites": [
            {"name": "e", "pue": 1.0, "load_factor": 0.5, "capex_usd_per_it_mw": 10e6, "lifetime_years": 0,
             "hardware_book_years": 2, "facility_life_years": 10, "om_facility_share": 0.06,
             "om_hardware_share": 0.12, "grid_price_usd_per_mwh": 100,
             "phases": [{"online": "2024-01", "it_mw": 13.89, "ramp_months": 0, "accelerator": "H100"}]},
            {"name": "f", "supply": [], "lifetime_years": 0,
             "phases": [{"online": "2024-01", "it_mw": 13.89, "ramp_months": 0, "accelerator": "H100"}]},
        ],
    }
    v = values(doc)
    # e: 13.89 MW of H100 = 10,000 accelerators, all built since 2024-01 (pos -12), all powered (no supply list).
    # F = 10e6 * 13.89 = 138.9e6; H = 50,000 * 10,000 = 500e6
    # O&M = (0.06 * 138.9e6 + 0.12 * 500e6) / 12 = (8.334e6 + 60e6) / 12 = 5,694,500
    close(v[("2025-01", "e", "om_usd")], 5694500.0)
    # depreciation: facility 10e6 * (13.89 - 0) / 120 = 1,157,500 (B(t - 120) = 0);
    # hardware 500e6 * (1 - 0) / 24 = 20,833,333.33 (f(t - 24) at m = -23.5 < -12)
    close(v[("2025-01", "e", "depreciation_usd")], 1157500.0 + 500e6 / 24)
    # energy: 13.89 * 0.5 * 744 h = 5167.08 MWh at pue 1, $100: 516,708
    close(v[("2025-01", "e", "energy_cost_usd")], 516708.0)
    # capital charge: V(0) = 0 and stays 0 (pre-run assets carry none): tco = 1,157,500 + 20,833,333.33
    # + 5,694,500 + 516,708 = 28,202,041.33
    tco_e = 1157500.0 + 500e6 / 24 + 5694500.0 + 516708.0
    close(v[("2025-01", "e", "tco_usd")], tco_e)
    assert v[("2025-02", "e", "capital_charge_usd")] == 0.0
    # usd_per_h100e_hour = tco / (H100e * hours) = 28,202,041.33 / (10,000 * 744) = 3.790597
    close(v[("2025-01", "e", "usd_per_h100e_hour")], tco_e / (10000 * 744))
    # f: supply: [] -> H100e 0 -> 0, although f has costs: defaults om 0.03 / 0.03, capex 11.7e6:
    # O&M = (0.03 * 11.7e6 * 13.89 + 0.03 * 500e6) / 12 = (4,875,390 + 15e6) / 12 = 1,656,282.5
    # depreciation: 11.7e6 * 13.89 / 240 + 500e6 / 72 = 677,137.5 + 6,944,444.44 (book 6 years)
    assert v[("2025-01", "f", "usd_per_h100e_hour")] == 0.0
    tco_f = (0.03 * 11.7e6 * 13.89 + 0.03 * 500e6) / 12 + 11.7e6 * 13.89 / 240 + 500e6 / 72
    close(v[("2025-01", "f", "tco_usd")], tco_f)
    # total: the ratio of the total's sums, (tco_e + tco_f) / ((10,000 + 0) * 744), not a sum of ratios
    close(v[("2025-01", "total", "tco_usd")], tco_e + tco_f)
    close(v[("2025-01", "total", "usd_per_h100e_hour")], (tco_e + tco_f) / (10000 * 744))
    # February has 672 hours
    close(v[("2025-02", "e", "usd_per_h100e_hour")], v[("2025-02", "e", "tco_usd")] / (10000 * 672))


def test_trajectories_between_and_outside_their_points():
    doc = {
        "start": "2025-01", "end": "2025-12", "roadmap": ["H100"], "accelerators": free_h100(),
        "sites": [
            {"name": "g", "pue": 1.0, "load_factor": 1.0,
             "grid_price_usd_per_mwh": [{"month": "2025-07", "value": {"dist": "uniform", "min": 60, "max": 80}},
                                        {"month": "2025-03", "value": 50}],  # unsorted on purpose
             "grid_gco2_per_kwh": 300,
             "phases": [{"online": "2024-01", "it_mw": 1, "ramp_months": 0}]},
            {"name": "h", "pue": 1.0, "load_factor": 1.0,
             "supply": [{"name": "s", "mw": 10, "price_usd_per_mwh": 40,
                         "gco2_per_kwh": [{"month": "2025-02", "value": 400}, {"month": "2025-12", "value": 0}]}],
             "phases": [{"online": "2024-01", "it_mw": 1, "ramp_months": 0}]},
        ],
    }
    v = values(doc)
    hours = [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]
    # g: points (2, 50), (6, 70): t = 0, 1 flat at 50; t = 4: 50 + 20 * (4 - 2) / (6 - 2) = 60; t = 5: 65;
    # t >= 6 flat at 70. 1 MW * 1.0 * hours = MWh.
    price = [50, 50, 50, 55, 60, 65, 70, 70, 70, 70, 70, 70]
    for m in range(12):
        close(v[("2025-%02d" % (m + 1), "g", "energy_cost_usd")], price[m] * hours[m])
    # h: points (1, 400), (11, 0): t = 0 at 400 (flat before), t = 6: 400 - 400 * 5/10 = 200, t = 11: 0.
    close(v[("2025-01", "h", "emissions_tco2")], 744 * 400 / 1000)
    close(v[("2025-07", "h", "emissions_tco2")], 744 * 200 / 1000)
    close(v[("2025-12", "h", "emissions_tco2")], 0.0)
    close(v[("2025-07", "h", "energy_cost_usd")], 744 * 40)
    cal = oracle.Calendar("2025-01", "2025-12")
    # a negative price point is clamped to 0 (a price), an intensity is not; a plain number is flat
    tr = oracle.Trajectory([{"month": "2025-01", "value": -10}, {"month": "2025-05", "value": 30}], cal,
                           oracle.nonneg, "x")
    assert tr.at(0) == 0.0 and tr.at(2) == 15.0 and tr.at(11) == 30.0
    assert oracle.Trajectory(70, cal, oracle.nonneg, "x").at(-5) == 70.0
    try:
        oracle.Trajectory([{"month": "2025-01", "value": 1}, {"month": "2025-01", "value": 2}], cal,
                          oracle.nominal, "x")
    except oracle.OracleError:
        pass
    else:
        raise AssertionError("two points in one month must be refused")


def test_lifecycle_case():
    v = case("14-lifecycle.yaml")
    # mu, 2025-01: mu-old (10 MW H100, online -24, ramp 0) depreciates 50000 * 10e6 / 1389 / 36 = 9,999,200.06
    # (Lm = 12 * hardware_book_years 3) plus facility 11.7e6 * 10 / 150 = 780,000 (life 12.5 from defaults);
    # mu-new (online 4) adds nothing yet.
    close(v[("2025-01", "mu", "depreciation_usd")], 50000 * 10e6 / 1389 / 36 + 11.7e6 * 10 / 150)
    # 2026-01 (t = 12): mu-old's hardware is written off (f(12 - 36) at m = -23.5 >= -24);
    # mu-new: 20 MW GB200 = 10,000 * 60,000 / 36 = 16,666,666.67; facility 11.7e6 * 30 / 150 = 2,340,000
    close(v[("2026-01", "mu", "depreciation_usd")], 600e6 / 36 + 11.7e6 * 30 / 150)
    # mu's grid price: (2, 50) .. (14, 70 = uniform 60..80): t = 8 (2025-09): 50 + 20 * 6/12 = 60
    close(v[("2025-09", "mu", "energy_cost_usd")], v[("2025-09", "mu", "facility_energy_mwh")] * 60)
    # lam's turbines: 50 MW * 1e6 = 50e6 over supply_life 2 -> 24 months from t = 8; embodied 50 * 300
    # = 15,000 t over its 4 build months 4..7: 3750 t a month (plus lam-2's facility 1200 t/MW spread).
    # In 2027-08 (t = 31) it still depreciates after stopping (until 2027-06); in 2027-09 it no longer does.
    d31 = v[("2027-08", "lam", "depreciation_usd")]
    d32 = v[("2027-09", "lam", "depreciation_usd")]
    # hardware and facility terms of lam are the same in both months (lam-2's VR200 ramp, c_1 = 33,
    # has not begun; lam-1's cycle 1 fully built; H/24 constant), so the difference is the source's 50e6 / 24
    close(d31 - d32, 50e6 / 24, rel=1e-9)
    # utility's intensity: (5, 400) .. (29, 200 = triangular mode): t = 17 (2026-06): 400 - 200 * 12/24 = 300.
    # lam in 2026-06: 70 MW built, firm 110 / 1.2 = 91.7: all powered; facility energy 70 * 0.8 * 720 h * 1.2
    # = 48,384 MWh; utility (listed first) serves its 60 * 720 = 43,200 MWh at 300 g = 12,960 t, turbines
    # the 5,184 MWh left at 420 g = 2,177.28 t.
    close(v[("2026-06", "lam", "facility_energy_mwh")], 48384.0)
    close(v[("2026-06", "lam", "emissions_tco2")], 12960.0 + 2177.28)
    # before the first point the intensity is flat at 400: 2025-01 (t = 0), 40 MW * 0.8 * 744 * 1.2 = 28,569.6
    # MWh, within utility's 44,640: 11,427.84 t
    close(v[("2025-01", "lam", "emissions_tco2")], 40 * 0.8 * 744 * 1.2 * 400 / 1000)
    # lam's first month: V(0) = 0; its depreciation of the pre-run lam-1 exceeds its capex, so V(1) = 0 too
    assert v[("2025-01", "lam", "capital_charge_usd")] == 0.0
    assert v[("2025-02", "lam", "capital_charge_usd")] == 0.0


def test_expected_files_are_current():
    for name in sorted(os.listdir(os.path.join(HERE, "cases"))):
        stem = name[:-len(".yaml")]
        with open(os.path.join(HERE, "expected", stem + ".csv"), encoding="utf-8") as f:
            expected = f.read()
        assert oracle.to_csv(oracle.run(oracle.load(os.path.join(HERE, "cases", name)))) == expected, \
            f"expected/{stem}.csv is out of date: run generate.sh"


if __name__ == "__main__":
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f)]
    for name, test in tests:
        test()
        print(f"ok  {name}")
    print(f"{len(tests)} passed")
