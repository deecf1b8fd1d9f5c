using CapacitySim.Core.Engine;

namespace CapacitySim.Tests.Core;

/// <summary>Each formula of docs/model.md section 4 on cases small enough to work out by hand; the arithmetic is in the assertions.</summary>
public class ReferenceEngineTests
{
    private const double Rel = 1e-9;

    // A made-up accelerator with round numbers: 1 kW all-in, so 1 MW of IT = 1,000 accelerators.
    private const string Round = """
        accelerators:
          - {name: R1, available: 2020-01, peak_flops: 1.0e15, tdp_w: 700, allin_w: 1000, unit_cost_usd: 20000}
          - {name: R2, available: 2025-06, peak_flops: 4.0e15, tdp_w: 700, allin_w: 2000, unit_cost_usd: 50000}
        """;

    private static string Scenario(string site, string extra = "", string roadmap = "[R1]", string start = "2025-01", string end = "2025-12") => $"""
        name: t
        start: {start}
        end: {end}
        roadmap: {roadmap}
        {Round}
        {extra}
        sites:
        {site}
        """;

    private static void Near(double actual, double expected, double rel = Rel) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Math.Max(Math.Abs(expected) * rel, 1e-9)));

    [Test]
    public void LinearRampIsEvaluatedMidMonth()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                phases: [{name: P, online: 2025-01, it_mw: 100, ramp_months: 10, ramp: linear, accelerator: R1}]
            """));
        // x = (t + 0.5 - 0) / 10: t=0 -> 0.05 -> 5 MW; t=4 -> 0.45 -> 45 MW; t=9 -> 0.95; t=10 -> 1.
        Near(r.At("A", Metric.ItBuiltMw, "2025-01"), 5);
        Near(r.At("A", Metric.ItBuiltMw, "2025-05"), 45);
        Near(r.At("A", Metric.ItBuiltMw, "2025-10"), 95);
        Near(r.At("A", Metric.ItBuiltMw, "2025-11"), 100);
        Near(r.At("A", Metric.ItBuiltMw, "2025-12"), 100);
    }

    [Test]
    public void SCurveRampIsSmoothstep()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                phases: [{name: P, online: 2025-03, it_mw: 80, ramp_months: 4, accelerator: R1}]
            """));
        // o = pos(2025-03) = 2. t=2: x = 0.5/4 = 0.125, f = 3(0.015625) - 2(0.001953125) = 0.04296875 -> 3.4375 MW.
        Near(r.At("A", Metric.ItBuiltMw, "2025-02"), 0);
        Near(r.At("A", Metric.ItBuiltMw, "2025-03"), 80 * 0.04296875);
        // t=3: x = 1.5/4 = 0.375, f = 3(0.140625) - 2(0.052734375) = 0.31640625.
        Near(r.At("A", Metric.ItBuiltMw, "2025-04"), 80 * 0.31640625);
        // t=4: x = 2.5/4 = 0.625, f = 1 - 0.31640625 by symmetry = 0.68359375.
        Near(r.At("A", Metric.ItBuiltMw, "2025-05"), 80 * 0.68359375);
        Near(r.At("A", Metric.ItBuiltMw, "2025-07"), 80);
    }

    [Test]
    public void ZeroRampSwitchesOnAtOnlineMonth()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                phases: [{name: P, online: 2025-04, delay_months: 2, it_mw: 10, ramp_months: 0, accelerator: R1}]
            """));
        // o = 3 + 2 = 5: m(4) = 4.5 < 5 -> 0; m(5) = 5.5 >= 5 -> 10 MW.
        Near(r.At("A", Metric.ItBuiltMw, "2025-05"), 0);
        Near(r.At("A", Metric.ItBuiltMw, "2025-06"), 10);
    }

    [Test]
    public void FacilityMwIsSizedThroughDesignPue()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                pue: 1.1
                design_pue: 1.25
                phases: [{name: P, online: 2020-01, facility_mw: 500, ramp_months: 0, accelerator: R1}]
            """));
        // it_mw = 500 / 1.25 = 400; no supply list: supply_mw = 400 * 1.25 = 500.
        Near(r.At("A", Metric.ItBuiltMw, "2025-01"), 400);
        Near(r.At("A", Metric.ItPoweredMw, "2025-01"), 400);
        Near(r.At("A", Metric.SupplyMw, "2025-01"), 500);
        Near(r.At("A", Metric.ItStrandedMw, "2025-01"), 0);
    }

    [Test]
    public void AcceleratorsComputeEnergyCostEmissionsAndWater()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                pue: 1.2
                load_factor: 0.8
                mfu: 0.5
                wue_l_per_kwh: 0.3
                grid_price_usd_per_mwh: 50
                grid_gco2_per_kwh: 400
                phases: [{name: P, online: 2020-01, it_mw: 100, ramp_months: 0, accelerator: R1}]
            """));
        // 100 MW / 1 kW = 100,000 accelerators; peak 1e5 * 1e15 = 1e20; effective 0.5e20.
        Near(r.At("A", Metric.Accelerators, "2025-02"), 100_000);
        Near(r.At("A", Metric.PeakFlops, "2025-02"), 1e20);
        Near(r.At("A", Metric.EffectiveFlops, "2025-02"), 5e19);
        // H100e = 1e20 / 9.89e14 (catalog H100).
        Near(r.At("A", Metric.H100e, "2025-02"), 1e20 / 9.89e14);
        // February 2025: 28 days = 672 h. IT = 100 * 0.8 * 672 = 53,760 MWh; facility x1.2 = 64,512 MWh.
        Near(r.At("A", Metric.ItEnergyMwh, "2025-02"), 53_760);
        Near(r.At("A", Metric.FacilityEnergyMwh, "2025-02"), 64_512);
        Near(r.At("A", Metric.FacilityDemandMw, "2025-02"), 96);
        Near(r.At("A", Metric.EnergyCostUsd, "2025-02"), 64_512 * 50.0);
        Near(r.At("A", Metric.EmissionsTco2, "2025-02"), 64_512 * 400 / 1000.0);
        Near(r.At("A", Metric.WaterM3, "2025-02"), 53_760 * 0.3);
        Near(r.At("A", Metric.ShortfallMwh, "2025-02"), 0);
        // frontier = 5e19 * 100 days * 86,400 s.
        Near(r.At("total", Metric.FrontierRunFlop, "2025-02"), 5e19 * 100 * 86_400);
    }

    [Test]
    public void LeapYearFebruaryHas696Hours()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                load_factor: 1
                phases: [{name: P, online: 2020-01, it_mw: 10, ramp_months: 0, accelerator: R1}]
            """, start: "2028-01", end: "2028-03"));
        // 2028 is a leap year: 29 * 24 = 696 h at 10 MW.
        Near(r.At("A", Metric.ItEnergyMwh, "2028-02"), 6_960);
    }

    [Test]
    public void SupplyLimitsPoweredItAndDispatchesInOrder()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                pue: 1.2
                load_factor: 0.8
                pue_monthly: [1, 1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
                supply:
                  - {name: cheap, mw: 30, price_usd_per_mwh: 50, gco2_per_kwh: 400}
                  - {name: dear, mw: 30, from: 2025-02, price_usd_per_mwh: 100, gco2_per_kwh: 0}
                phases: [{name: P, online: 2020-01, it_mw: 100, ramp_months: 0, accelerator: R1}]
            """));
        // January: only 'cheap' (30 MW) -> powered = min(100, 30 / 1.2) = 25 MW, stranded 75.
        Near(r.At("A", Metric.SupplyMw, "2025-01"), 30);
        Near(r.At("A", Metric.ItPoweredMw, "2025-01"), 25);
        Near(r.At("A", Metric.ItStrandedMw, "2025-01"), 75);
        // Demand 25 * 0.8 * 1.2 = 24 MW, all from 'cheap': 24 * 744 h = 17,856 MWh at $50.
        Near(r.At("A", Metric.EnergyCostUsd, "2025-01"), 17_856 * 50.0);
        // March: 60 MW -> powered 50; demand 50 * 0.8 * 1.2 = 48 MW: cheap 30, dear 18 (744 h).
        Near(r.At("A", Metric.ItPoweredMw, "2025-03"), 50);
        Near(r.At("A", Metric.EnergyCostUsd, "2025-03"), 30 * 744 * 50.0 + 18 * 744 * 100.0);
        Near(r.At("A", Metric.EmissionsTco2, "2025-03"), 30 * 744 * 400 / 1000.0);
        Near(r.At("A", Metric.ShortfallMwh, "2025-03"), 0);
        // February: PUE 1.2 * 1.5 = 1.8 -> demand 50 * 0.8 * 1.8 = 72 MW > 60: shortfall 12 MW * 672 h.
        Near(r.At("A", Metric.FacilityDemandMw, "2025-02"), 72);
        Near(r.At("A", Metric.ShortfallMwh, "2025-02"), 12 * 672);
        Near(r.At("A", Metric.FacilityEnergyMwh, "2025-02"), 72 * 672);
        // Only powered accelerators compute: peak = 100,000 * (50/100) * 1e15.
        Near(r.At("A", Metric.Accelerators, "2025-03"), 100_000);
        Near(r.At("A", Metric.PeakFlops, "2025-03"), 5e19);
    }

    [Test]
    public void SupplyUntilIsExclusive()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                supply: [{name: s, mw: 12, from: 2025-03, until: 2025-05}]
                phases: [{name: P, online: 2020-01, it_mw: 100, ramp_months: 0, accelerator: R1}]
            """));
        // pos(from) = 2 <= t < pos(until) = 4.
        Near(r.At("A", Metric.SupplyMw, "2025-02"), 0);
        Near(r.At("A", Metric.SupplyMw, "2025-03"), 12);
        Near(r.At("A", Metric.SupplyMw, "2025-04"), 12);
        Near(r.At("A", Metric.SupplyMw, "2025-05"), 0);
        Near(r.At("A", Metric.ItPoweredMw, "2025-03"), 10);
    }

    [Test]
    public void PoweredShareIsProRataAcrossPhasesOfDifferentGenerations()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                design_pue: 1
                pue: 1
                lifetime_years: 0
                supply: [{name: s, mw: 60}]
                phases:
                  - {name: old, online: 2020-01, it_mw: 40, ramp_months: 0, accelerator: R1}
                  - {name: new, online: 2020-01, it_mw: 80, ramp_months: 0, accelerator: R2}
            """, roadmap: "[R1, R2]"));
        // Built 120, powered 60: each phase gets half. old: 40,000 acc, half compute: 20,000 * 1e15 = 2e19.
        // new: 80 MW / 2 kW = 40,000 acc, half compute: 20,000 * 4e15 = 8e19. Total peak 1e20.
        Near(r.At("A", Metric.Accelerators, "2025-01"), 80_000);
        Near(r.At("A", Metric.PeakFlops, "2025-01"), 1e20);
    }

    [Test]
    public void LatestTakesTheLastRoadmapEntryAvailableAtInstallTime()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                lifetime_years: 0
                phases:
                  - {name: early, online: 2025-03, it_mw: 10, ramp_months: 0}
                  - {name: late, online: 2025-08, it_mw: 10, ramp_months: 0}
            """, roadmap: "[R1, R2]"));
        // R2 is available at pos(2025-06) = 5. early: c0 = 2 -> R1 (10,000 acc); late: c0 = 7 -> R2 (5,000 acc).
        Near(r.At("A", Metric.Accelerators, "2025-04"), 10_000);
        Near(r.At("A", Metric.Accelerators, "2025-09"), 15_000);
    }

    [Test]
    public void ChipSlipDelaysAvailability()
    {
        string yaml = Scenario("""
              - name: A
                phases: [{name: late, online: 2025-08, it_mw: 10, ramp_months: 0}]
            """, roadmap: "[R1, R2]").Replace("unit_cost_usd: 50000}", "unit_cost_usd: 50000, slip_months: 3}");
        var r = TestScenarios.Run(yaml);
        // R2 is available at pos(2025-06) + 3 = 8 > c0 = pos(2025-08) = 7 -> still R1: 10 MW / 1 kW = 10,000.
        Near(r.At("A", Metric.Accelerators, "2025-09"), 10_000);
    }

    [Test]
    public void FirstRoadmapEntryWhenNothingIsAvailableYet()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                phases: [{name: P, online: 2025-01, it_mw: 10, ramp_months: 0}]
            """, roadmap: "[R2]"));
        // R2 is not available until 2025-06, but it is the first entry: 10 MW / 2 kW = 5,000.
        Near(r.At("A", Metric.Accelerators, "2025-01"), 5_000);
    }

    [Test]
    public void RefreshReplacesTheWholePhaseWithTheLatestGeneration()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                lifetime_years: 1
                capex_usd_per_it_mw: 1.0e6
                phases: [{name: P, online: 2025-01, it_mw: 10, ramp_months: 0, accelerator: R1}]
            """, roadmap: "[R1, R2]", end: "2026-03"));
        // t=0: k=0, named R1: 10,000 bought at $20k = $200M; facility 10 MW * $1M = $10M.
        Near(r.At("A", Metric.CapexHardwareUsd, "2025-01"), 10_000 * 20_000.0);
        Near(r.At("A", Metric.CapexFacilityUsd, "2025-01"), 10e6);
        Near(r.At("A", Metric.CapexHardwareUsd, "2025-02"), 0);
        Near(r.At("A", Metric.CapexFacilityUsd, "2025-02"), 0);
        // t=12: m = 12.5, k = floor(12.5 / 12) = 1, c1 = 12 -> latest = R2: 10 MW / 2 kW = 5,000 at $50k.
        Near(r.At("A", Metric.Accelerators, "2025-12"), 10_000);
        Near(r.At("A", Metric.Accelerators, "2026-01"), 5_000);
        Near(r.At("A", Metric.CapexHardwareUsd, "2026-01"), 5_000 * 50_000.0);
        Near(r.At("A", Metric.CapexHardwareUsd, "2026-02"), 0);
    }

    [Test]
    public void CapacityBuiltBeforeTheRunIsNotCharged()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                capex_usd_per_it_mw: 2.0e6
                lifetime_years: 0
                phases: [{name: P, online: 2024-11, it_mw: 40, ramp_months: 4, ramp: linear, accelerator: R1}]
            """));
        // o = -2. B(-1) = 40 * (-0.5 + 2) / 4 = 15; B(0) = 40 * 2.5 / 4 = 25: charged 10 MW * $2M = $20M.
        Near(r.At("A", Metric.ItBuiltMw, "2025-01"), 25);
        Near(r.At("A", Metric.CapexFacilityUsd, "2025-01"), 20e6);
        // Hardware: N(-1) = 15,000, N(0) = 25,000: 10,000 new * $20k.
        Near(r.At("A", Metric.CapexHardwareUsd, "2025-01"), 10_000 * 20_000.0);
        // B(1) = 40 * 3.5 / 4 = 35: 10 MW more; B(2) = 40: 5 MW more.
        Near(r.At("A", Metric.CapexFacilityUsd, "2025-02"), 20e6);
        Near(r.At("A", Metric.CapexFacilityUsd, "2025-03"), 10e6);
    }

    [Test]
    public void ResearchersInterpolateLinearlyAndHoldFlat()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                mfu: 0.5
                phases: [{name: P, online: 2020-01, it_mw: 100, ramp_months: 0, accelerator: R1}]
            """, extra: """
            researchers:
              - {month: 2025-03, count: 100}
              - {month: 2025-07, count: 300}
            """));
        // Flat before pos 2; at t = 4: 100 + 200 * (4 - 2) / 4 = 200; flat after pos 6.
        Near(r.At("total", Metric.Researchers, "2025-01"), 100);
        Near(r.At("total", Metric.Researchers, "2025-05"), 200);
        Near(r.At("total", Metric.Researchers, "2025-12"), 300);
        // H100e = 1e20 / 9.89e14; per researcher at 200.
        Near(r.At("total", Metric.H100ePerResearcher, "2025-05"), 1e20 / 9.89e14 / 200);
        // Effective 5e19 FLOP/s = 50,000 PFLOP/s over 200 researchers = 250.
        Near(r.At("total", Metric.PflopsPerResearcher, "2025-05"), 250);
    }

    [Test]
    public void FrontierRunTakesTheLargestClusterAndLoneSites()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                mfu: 1
                phases: [{name: P, online: 2020-01, it_mw: 10, ramp_months: 0, accelerator: R1}]
              - name: B
                mfu: 1
                phases: [{name: P, online: 2020-01, it_mw: 20, ramp_months: 0, accelerator: R1}]
              - name: C
                mfu: 1
                phases: [{name: P, online: 2020-01, it_mw: 25, ramp_months: 0, accelerator: R1}]
            """, extra: """
            training: {days: 10}
            clusters: [{name: AB, sites: [A, B]}]
            """));
        // Cluster AB: (10 + 20) MW * 1,000 acc/MW * 1e15 = 3e19; C alone 2.5e19: max = 3e19 * 10 d * 86,400 s.
        Near(r.At("total", Metric.FrontierRunFlop, "2025-06"), 3e19 * 10 * 86_400);
        // Totals are sums of sites.
        Near(r.At("total", Metric.ItBuiltMw, "2025-06"), 55);
    }

    [Test]
    public void NoResearchersMeansNoResearcherMetrics()
    {
        var r = TestScenarios.Run(Scenario("""
              - name: A
                phases: [{name: P, online: 2020-01, it_mw: 10, accelerator: R1}]
            """));
        Assert.That(r.Has(r.TotalScope, Metric.Researchers), Is.False);
        Assert.That(r.Has(r.TotalScope, Metric.H100ePerResearcher), Is.False);
        Assert.That(r.Has(r.TotalScope, Metric.FrontierRunFlop), Is.True);
        Assert.That(r.Has(0, Metric.FrontierRunFlop), Is.False);
    }

    [Test]
    public void SemiAnalysisHundredThousandH100Cluster()
    {
        // SemiAnalysis, "100,000 H100 clusters": 1,389 W per GPU of critical IT -> 138.9 MW.
        var r = TestScenarios.Run(TestScenarios.ReadRepoFile("scenarios/examples/semianalysis-100k-h100.yaml"));
        Near(r.At("total", Metric.ItBuiltMw, "2025-06"), 138.9);
        Near(r.At("total", Metric.Accelerators, "2025-06"), 100_000);
        var annual = CapacitySim.Core.Statistics.Annual.Aggregate(r);
        // A year at full load: 138.9 MW * 8,760 h = 1,216,764 MWh IT; * PUE 1.3 = 1,581,793.2 MWh (~1.58 TWh).
        Near(annual.Value(annual.TotalScope, Metric.ItEnergyMwh, 0, 0), 138.9 * 8760);
        Near(annual.Value(annual.TotalScope, Metric.FacilityEnergyMwh, 0, 0), 138.9 * 8760 * 1.3);
        // At $78/MWh: $123,379,869.6 a year (SemiAnalysis: $123.9M).
        Near(annual.Value(annual.TotalScope, Metric.EnergyCostUsd, 0, 0), 138.9 * 8760 * 1.3 * 78);
        Assert.That(annual.Value(annual.TotalScope, Metric.EnergyCostUsd, 0, 0), Is.EqualTo(123.9e6).Within(0.01).Percent.Or.EqualTo(123.9e6).Within(1e6));
    }
}
