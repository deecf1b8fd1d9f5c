using CapacitySim.Core.Engine;
using CapacitySim.Core.Engine.Hourly;
using CapacitySim.Core.Model;
using CapacitySim.Core.Statistics;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>
/// Hourly dispatch (MODEL.md section 8): the hourly order on cases worked out by hand, then runs of
/// both engines on scenarios whose results follow from the model's arithmetic or its statistics.
/// </summary>
public class DispatchTests
{
    private const double Rel = 1e-9;

    private static void Near(double actual, double expected, double rel = Rel) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Math.Max(Math.Abs(expected) * rel, 1e-9)));

    /// <summary>A 12 x 24 shape of 1 everywhere: output k x mw in every hour.</summary>
    private static double[,] Flat()
    {
        var shape = new double[12, 24];
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
                shape[m, h] = 1;
        return shape;
    }

    private static DispatchMonth Dispatch(HourlySource[] sources, double[] state, double load, int days = 31) =>
        HourlyDispatch.Month(sources, state, load, 0, 0, 1, days, [null, null], [1, 1], new double[sources.Length], new double[sources.Length]);

    [Test]
    public void DeficitIsServedByTheBatteryThenTheGrid()
    {
        // Solar 10 MW at k = 0.5 gives 5 MW every hour; load 8 MW; a 2 MW / 4 MWh battery at 2 MWh
        // with round-trip 1; a 10 MW grid of cfe_share 0.5 at $60 and 400 g/kWh.
        var sources = new[]
        {
            new HourlySource { Type = SourceType.Solar, Serves = true, Mw = 10, Scale = 0.5, Shape = Flat(), UsdPerMwh = 30 },
            new HourlySource { Type = SourceType.Battery, Serves = true, Mw = 2, Energy = 4, SqrtEfficiency = 1, InverseSqrtEfficiency = 1 },
            new HourlySource { Type = SourceType.Grid, Serves = true, Mw = 10, Available = 10, CfeShare = 0.5, UsdPerMwh = 60, TonnesPerMwh = 0.4 },
        };
        var state = new double[] { 0, 2, 0 };
        var month = Dispatch(sources, state, 8);
        // Hour 1: deficit 3, the battery gives min(3, 2, 2) = 2 and empties, the grid 1: cfe 5 + 2 + 0.5.
        // Hours 2-24: the grid gives 3: cfe 5 + 1.5 = 6.5. One day stands for 31: x 31.
        Near(month.Cfe, (7.5 + 23 * 6.5) * 31);
        Near(month.BatteryDischarge, 2 * 31);
        Near(state[1], 0);
        // Grid served 1 + 23 x 3 = 70 MWh a day; solar generated 5 x 24 = 120 and is paid on all of it.
        Near(month.Cost, (70 * 60 + 120 * 30) * 31.0);
        Near(month.Emissions, 70 * 0.4 * 31);
        Near(month.Shortfall, 0);
        Near(month.UnservedHours, 0);
        Near(month.Curtailed, 0);
    }

    [Test]
    public void SurplusChargesTheBatteryThroughItsEfficiencyThenIsCurtailed()
    {
        // Solar 10 MW at k = 1, load 4: surplus 6 an hour. Battery 2 MW / 4 MWh, round-trip 0.81
        // (sqrt 0.9), empty.
        var sources = new[]
        {
            new HourlySource { Type = SourceType.Solar, Serves = true, Mw = 10, Scale = 1, Shape = Flat() },
            new HourlySource { Type = SourceType.Battery, Serves = true, Mw = 2, Energy = 4, SqrtEfficiency = 0.9, InverseSqrtEfficiency = 1 / 0.9 },
        };
        var state = new double[2];
        var month = Dispatch(sources, state, 4, days: 1);
        // Hours 1-2: takes 2 (its power), state 1.8 then 3.6, curtails 4. Hour 3: takes (4 - 3.6) / 0.9
        // = 0.4444, state 4, curtails 5.5556. Hours 4-24 curtail 6.
        Near(month.Curtailed, 4 + 4 + (6 - 0.4 / 0.9) + 21 * 6);
        Near(state[1], 4);
        Near(month.Cfe, 4 * 24);
        Near(month.BatteryDischarge, 0);
    }

    [Test]
    public void GasUnitsDownLeaveLoadUnservedAndBurnFuel()
    {
        // 4 units of 25 MW, one down all day; load 90 MW: 75 served, 15 unserved every hour.
        var up = new[] { 3 };
        var sources = new[]
        {
            new HourlySource { Type = SourceType.Gas, Serves = true, Mw = 100, Units = 4, UnitsUp = up, HeatRate = 7, UsdPerMwh = 7 * 3 + 2, TonnesPerMwh = 0.05306 * 7 },
        };
        var month = Dispatch(sources, new double[1], 90, days: 30);
        Near(month.Shortfall, 15 * 24 * 30);
        Near(month.UnservedHours, 24 * 30);
        Near(month.GasFuel, 75 * 24 * 30 * 7);
        Near(month.Cost, 75 * 24 * 30 * 23.0);
        Near(month.Cfe, 0);
    }

    [Test]
    public void HoursAlikeInADayGiveWhatTheyGiveHourByHour([Range(0, 49)] int seed)
    {
        // Without batteries, the hours in which no solar or wind source has output are dispatched
        // once a day and counted that many times; with a recorder every hour is dispatched on its
        // own. Both must give the same sums (to rounding), on random gas, grid, untyped and solar
        // sources with night hours, several days and units down on some of them.
        var rng = new Random(seed);
        var shape = new double[12, 24];
        for (int h = 0; h < 24; h++) shape[0, h] = h < 6 || h > 18 || rng.Next(5) == 0 ? 0 : 3 * rng.NextDouble();
        var types = new[] { SourceType.Solar, SourceType.Gas, SourceType.Grid, SourceType.Untyped };
        const int days = 3;
        var sources = Enumerable.Range(0, 1 + rng.Next(5)).Select(_ =>
        {
            var type = types[rng.Next(types.Length)];
            double mw = 100 * rng.NextDouble();
            int units = 1 + rng.Next(4);
            return new HourlySource
            {
                Type = type, Serves = rng.Next(6) > 0, Mw = mw, Scale = rng.NextDouble(), Shape = shape,
                Available = mw * rng.NextDouble(), CfeShare = rng.NextDouble(), UsdPerMwh = 50, TonnesPerMwh = 0.4, HeatRate = 7,
                Units = units, UnitsUp = [.. Enumerable.Range(0, days).Select(_ => rng.Next(units + 1))],
            };
        }).ToArray();
        double load = 150 * rng.NextDouble();
        DispatchMonth Run(bool byHour) => HourlyDispatch.Month(sources, new double[sources.Length], load, 0, 0, days, 31, [null, null], [1, 1],
            new double[sources.Length], new double[sources.Length], byHour ? (_, _, _, _, _, _, _) => { } : null);
        Span<bool> flat = stackalloc bool[24];
        Assert.That(HourlyDispatch.FlatHours(sources, 0, flat), Is.EqualTo(sources.Any(x => x.Type == SourceType.Solar) ? shape.Cast<double>().Take(24).Count(v => v == 0) : 24),
            $"seed {seed}: the alike hours are the hours without solar output");
        var together = Run(byHour: false);
        var alone = Run(byHour: true);
        foreach (var (name, a, b) in new[]
        {
            ("shortfall", together.Shortfall, alone.Shortfall), ("cfe", together.Cfe, alone.Cfe), ("unserved hours", together.UnservedHours, alone.UnservedHours),
            ("cost", together.Cost, alone.Cost), ("emissions", together.Emissions, alone.Emissions), ("fuel", together.GasFuel, alone.GasFuel),
        })
            Assert.That(a, Is.EqualTo(b).Within(1e-12 * Math.Max(1, Math.Abs(b))), $"seed {seed}: {name}");
    }

    [Test]
    public void ABatteryKeepsEveryHourOnItsOwn()
    {
        // A battery's state carries from hour to hour, so no hour is taken together.
        var sources = new[]
        {
            new HourlySource { Type = SourceType.Battery, Serves = true, Mw = 10, Energy = 40, SqrtEfficiency = 1, InverseSqrtEfficiency = 1 },
            new HourlySource { Type = SourceType.Grid, Serves = true, Mw = 100, Available = 100 },
        };
        Span<bool> flat = stackalloc bool[24];
        Assert.That(HourlyDispatch.FlatHours(sources, 0, flat), Is.EqualTo(0));
        Assert.That(flat.ToArray(), Has.None.True);
    }

    [Test]
    public void EveryHourBalancesAndBatteriesStayWithinTheirEnergy([Range(0, 199)] int seed)
    {
        // Random sources, shapes, weather and loads, one day: load x 24 = matched solar and wind +
        // what batteries and the other sources serve + unserved (carbon-free shares 0, so cfe - discharge
        // is the matched solar and wind).
        var rng = new Random(seed);
        var shape = new double[12, 24];
        for (int h = 0; h < 24; h++) shape[0, h] = rng.Next(4) == 0 ? 0 : 3 * rng.NextDouble();
        var types = new[] { SourceType.Solar, SourceType.Wind, SourceType.Battery, SourceType.Gas, SourceType.Grid, SourceType.Untyped };
        var sources = Enumerable.Range(0, 1 + rng.Next(6)).Select(_ =>
        {
            var type = types[rng.Next(types.Length)];
            double mw = 100 * rng.NextDouble();
            double energy = mw * 8 * rng.NextDouble(), sqrt = Math.Sqrt(0.5 + 0.5 * rng.NextDouble());
            return new HourlySource
            {
                Type = type, Serves = rng.Next(6) > 0, Mw = mw, Scale = rng.NextDouble(), Shape = shape,
                Available = mw * rng.NextDouble(), Energy = energy, SqrtEfficiency = sqrt, InverseSqrtEfficiency = 1 / sqrt,
                Units = 1 + rng.Next(4), UnitsUp = [rng.Next(5)],
            };
        }).Select(x => x.UnitsUp![0] > x.Units ? x with { UnitsUp = [x.Units] } : x).ToArray();
        var state = sources.Select(x => x.Type == SourceType.Battery ? x.Energy * rng.NextDouble() : 0).ToArray();
        double load = 150 * rng.NextDouble();
        var generated = new double[sources.Length];
        var served = new double[sources.Length];
        var month = HourlyDispatch.Month(sources, state, load, 0, 0, 1, 1, [rng.Next(2) == 0 ? null : [0.2 + rng.NextDouble()], [0.5 + rng.NextDouble()]],
            [0.8 + 0.4 * rng.NextDouble(), 0.8 + 0.4 * rng.NextDouble()], generated, served);
        double matched = month.Cfe - month.BatteryDischarge;
        Assert.That(matched + served.Sum() + month.Shortfall, Is.EqualTo(load * 24).Within(1e-9 * Math.Max(1, load * 24)), $"seed {seed}: energy balance");
        for (int x = 0; x < sources.Length; x++)
            if (sources[x].Type == SourceType.Battery)
                Assert.That(state[x], Is.InRange(0, sources[x].Energy), $"seed {seed}: battery {x} within its energy");
        Assert.That(month.Curtailed, Is.GreaterThanOrEqualTo(0));
        Assert.That(month.Cfe, Is.InRange(0, load * 24 + 1e-9 * Math.Max(1, load * 24)), $"seed {seed}: carbon-free share at most 1");
        Assert.That(month.UnservedHours, Is.InRange(0, 24));
    }

    [Test]
    public void AGridOfCarbonFreeShareOneIsWhollyCarbonFree()
    {
        var r = TestScenarios.Run(Scenario("      - {name: N, type: grid, mw: 200, cfe_share: 1}", samples: 1));
        var annual = Annual.Aggregate(r);
        Near(annual.Value(r.TotalScope, Metric.CfeShare, 0, 0), 1);
        // 100 MW at PUE 1 and load factor 1 for 8,760 h, all from the grid.
        Near(annual.Value(r.TotalScope, Metric.CfeMwh, 0, 0), 100 * 8760);
    }

    [Test]
    public void MoreBatteryOrSolarNeverLowersCarbonFreeEnergy()
    {
        // The same draws (seed, samples) with a larger battery, then more solar.
        string Supply(double solar, double hours) => $"""
                  - {"{"}name: S, type: solar, mw: {solar}, capacity_factor: 0.24{"}"}
                  - {"{"}name: B, type: battery, mw: 50, hours: {hours}{"}"}
                  - {"{"}name: G, type: gas, mw: 120, units: 3{"}"}
            """;
        double Cfe(double solar, double hours)
        {
            var r = TestScenarios.Run(Scenario(Supply(solar, hours), samples: 24));
            var annual = Annual.Aggregate(r);
            return Enumerable.Range(0, 24).Sum(i => annual.Value(r.TotalScope, Metric.CfeMwh, 0, i));
        }
        double small = Cfe(200, 2), moreBattery = Cfe(200, 6), moreSolar = Cfe(300, 2);
        Assert.That(moreBattery, Is.GreaterThan(small));
        Assert.That(moreSolar, Is.GreaterThan(small));
    }

    private const string Round = """
        accelerators:
          - {name: R1, available: 2020-01, peak_flops: 1.0e15, tdp_w: 700, allin_w: 1000, unit_cost_usd: 20000}
        """;

    /// <summary>A site that runs flat out from the first month: 100 MW IT, PUE 1, load factor 1.</summary>
    private static string Scenario(string supply, int samples, string extra = "", string latitude = "32.4", string start = "2025-01", string end = "2025-12") => $"""
        name: t
        start: {start}
        end: {end}
        samples: {samples}
        seed: 11
        roadmap: [R1]
        {Round}
        {extra}
        sites:
          - name: A
            latitude: {latitude}
            pue: 1
            load_factor: 1
            supply:
        {supply}
            phases: [{"{"}name: P, online: 2020-01, it_mw: 100, ramp_months: 1, accelerator: R1{"}"}]
        """;

    [Test]
    public void NominalSolarAloneGivesItsCapacityFactorAsCurtailedEnergy()
    {
        // firm_fraction 0 powers no IT, so the load is 0 and all solar output is curtailed. The
        // nominal run is the typical year: k solves F(k) = 0.22 with sigma 0, so 2025 (365 days)
        // generates 0.22 x 50 MW x 8,760 h.
        var r = TestScenarios.Run(Scenario("      - {name: S, type: solar, mw: 50, capacity_factor: 0.22}", samples: 1));
        var annual = Annual.Aggregate(r);
        Near(annual.Value(r.TotalScope, Metric.CurtailedMwh, 0, 0), 0.22 * 50 * 8760, 1e-9);
        Near(annual.Value(r.TotalScope, Metric.CfeMwh, 0, 0), 0);
    }

    [Test]
    public void FastEngineMatchesTheReferenceEngineHourByHour()
    {
        string supply = """
                  - {name: S, type: solar, mw: 120, capacity_factor: {dist: uniform, min: 0.18, max: 0.26}}
                  - {name: W, type: wind, mw: 60, capacity_factor: 0.35}
                  - {name: B, type: battery, mw: 40, hours: {dist: triangular, min: 2, mode: 4, max: 6}}
                  - {name: G, type: gas, mw: 60, units: 3, from: 2025-04}
                  - {name: N, type: grid, mw: 15, cfe_share: 0.5}
                  - {name: U, mw: 10, gco2_per_kwh: 0}
            """;
        var scenario = TestScenarios.Parse(Scenario(supply, samples: 37, start: "2025-01", end: "2026-06"));
        var reference = Engines.Reference.Run(scenario, RunPlan.For(scenario));
        var fast = Engines.Fast.Run(scenario, RunPlan.For(scenario));
        foreach (var metric in new[] { Metric.CfeMwh, Metric.CurtailedMwh, Metric.UnservedHours, Metric.BatteryDischargeMwh, Metric.GasFuelMmbtu,
                     Metric.ShortfallMwh, Metric.EnergyCostUsd, Metric.EmissionsTco2, Metric.CfeShare })
            for (int t = 0; t < scenario.Months; t++)
                for (int i = 0; i < 37; i++)
                    Near(fast.Value(fast.TotalScope, metric, t, i), reference.Value(reference.TotalScope, metric, t, i));
        // The battery did something, so the comparison covers it.
        Assert.That(reference.Value(reference.TotalScope, Metric.BatteryDischargeMwh, 6, 0), Is.GreaterThan(0));
    }
}
