using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>Properties every valid run must have, checked on seeded random valid scenarios.</summary>
public class PropertyTests
{
    private const int Samples = 12;

    public static IEnumerable<int> Seeds() => Enumerable.Range(1, 40);

    private static bool IsAdditive(Metric metric) => metric.Info().Origin == MetricOrigin.Site;

    private static void LessOrEqual(double a, double b, string what) =>
        Assert.That(a, Is.LessThanOrEqualTo(b + 1e-9 * Math.Max(1, Math.Abs(b))), what);

    [TestCaseSource(nameof(Seeds))]
    public void ValidRunsAreFiniteAdditiveAndPhysical(int seed)
    {
        var r = TestScenarios.Run(RandomScenarios.Generate(seed, Samples));
        var scenario = r.Scenario;
        for (int scope = 0; scope < r.ScopeNames.Count; scope++)
            foreach (var series in r.Series[scope].OfType<double[]>())
                Assert.That(series.All(double.IsFinite), "no NaN or infinity");

        for (int t = 0; t < r.Months; t++)
        for (int i = 0; i < Samples; i++)
        {
            foreach (var info in Metrics.All.Where(m => IsAdditive(m.Metric)))
            {
                double sum = Enumerable.Range(0, scenario.Sites.Count).Sum(s => r.Value(s, info.Metric, t, i));
                Assert.That(r.Value(r.TotalScope, info.Metric, t, i), Is.EqualTo(sum).Within(1e-9 * Math.Max(1, Math.Abs(sum))), $"total {info.Name} = sum of sites");
            }
            for (int s = 0; s < scenario.Sites.Count; s++)
            {
                var site = scenario.Sites[s];
                double built = r.Value(s, Metric.ItBuiltMw, t, i);
                double powered = r.Value(s, Metric.ItPoweredMw, t, i);
                double firm = r.Value(s, Metric.SupplyFirmMw, t, i);
                LessOrEqual(powered, built, "powered <= built");
                LessOrEqual(firm, r.Value(s, Metric.SupplyMw, t, i), "firm supply <= nameplate supply");
                if (!site.DesignPue.IsRandom) LessOrEqual(powered, firm / site.DesignPue.Nominal, "powered <= firm supply / design PUE");
                Assert.That(r.Value(s, Metric.ItStrandedMw, t, i), Is.EqualTo(built - powered).Within(1e-9 * Math.Max(1, built)));
                double it = r.Value(s, Metric.ItEnergyMwh, t, i);
                double facility = r.Value(s, Metric.FacilityEnergyMwh, t, i);
                if (!site.Pue.IsRandom)
                {
                    // PUE(t) = max(1, pue x q), q = the month's pue_monthly over their mean.
                    int calendarMonth = scenario.Start.AddMonths(t).Month;
                    double pue = Math.Max(1, site.Pue.Nominal * site.PueMonthly[calendarMonth - 1] / site.PueMonthly.Average());
                    Assert.That(facility, Is.EqualTo(it * pue).Within(1e-9 * Math.Max(1, facility)), "facility energy = IT energy x PUE");
                }
                Assert.That(r.Value(s, Metric.ShortfallMwh, t, i), Is.InRange(0, facility * (1 + 1e-12)));
                foreach (var capex in new[] { Metric.CapexFacilityUsd, Metric.CapexHardwareUsd, Metric.CapexSupplyUsd })
                    Assert.That(r.Value(s, capex, t, i), Is.GreaterThanOrEqualTo(-1e-6), $"{capex.Info().Name} >= 0");
            }

            // The frontier run trains on at most every powered accelerator, at most at the fleet's speed.
            int total = r.TotalScope;
            Assert.That(r.Value(total, Metric.FrontierRunGoodput, t, i), Is.InRange(0, 1));
            LessOrEqual(r.Value(total, Metric.FrontierRunAccelerators, t, i), r.Value(total, Metric.Accelerators, t, i), "run accelerators <= installed accelerators");
            LessOrEqual(r.Value(total, Metric.FrontierRunFlop, t, i), r.Value(total, Metric.EffectiveFlops, t, i) * 366 * 86400, "run FLOP <= fleet FLOP/s x the longest days");
            if (t > 0)
                LessOrEqual(r.Value(total, Metric.CapexCumulativeUsd, t - 1, i), r.Value(total, Metric.CapexCumulativeUsd, t, i), "cumulative capex never falls");
        }

        var annual = Annual.Aggregate(r);
        for (int y = 0; y < annual.Periods; y++)
        {
            var monthsOfYear = Enumerable.Range(0, r.Months).Where(t => r.PeriodLabels[t].StartsWith(annual.PeriodLabels[y], StringComparison.Ordinal)).ToList();
            foreach (var info in Metrics.All.Where(m => m.Kind == MetricKind.Flow))
            for (int i = 0; i < Samples; i++)
            {
                double sum = monthsOfYear.Sum(t => r.Value(r.TotalScope, info.Metric, t, i));
                Assert.That(annual.Value(annual.TotalScope, info.Metric, y, i), Is.EqualTo(sum).Within(1e-9 * Math.Max(1, Math.Abs(sum))), $"annual {info.Name} = sum of its months");
            }
        }
    }

    [TestCaseSource(nameof(Seeds))]
    public void MoreSupplyNeverLowersCompute(int seed)
    {
        var baseline = TestScenarios.Run(RandomScenarios.Generate(seed, Samples));
        var more = TestScenarios.Run(RandomScenarios.Generate(seed, Samples, new Tweak(SupplyFactor: 1.7)));
        for (int t = 0; t < baseline.Months; t++)
        for (int i = 0; i < Samples; i++)
            LessOrEqual(baseline.Value(baseline.TotalScope, Metric.EffectiveFlops, t, i), more.Value(more.TotalScope, Metric.EffectiveFlops, t, i), $"month {t}, sample {i}");
    }

    [TestCaseSource(nameof(Seeds))]
    public void ALongerDelayNeverRaisesComputeBeforeTheOriginalOnlineMonth(int seed)
    {
        string text = RandomScenarios.Generate(seed, Samples);
        var baseline = TestScenarios.Run(text);
        var later = TestScenarios.Run(RandomScenarios.Generate(seed, Samples, new Tweak(ExtraDelayOfFirstPhase: 5)));
        var phase = baseline.Scenario.Sites[0].Phases[0];
        int online = phase.Online.PositionFrom(baseline.Scenario.Start);
        for (int t = 0; t < Math.Min(online, baseline.Months); t++)
        for (int i = 0; i < Samples; i++)
            LessOrEqual(later.Value(later.TotalScope, Metric.EffectiveFlops, t, i), baseline.Value(baseline.TotalScope, Metric.EffectiveFlops, t, i), $"month {t}, sample {i}");
    }

    [Test]
    public void TheGeneratorCoversTheFormat()
    {
        var texts = Seeds().Select(s => RandomScenarios.Generate(s, Samples)).ToList();
        foreach (string feature in new[] { "supply:", "supply: []", "facility_mw", "it_mw", "researchers:", "research_share:", "clusters:", "name: D", "region:",
                     "pue_monthly", "until:", "from:", "accelerator: ", "ramp: linear", "dist: uniform", "lifetime_years: 0", "lifetime_years: {dist", "build_months:",
                     "training_share:", "firm_fraction:", "capacity_factor:", "capex_usd_per_mw:", "accelerator_mtbf_hours:", "checkpoint_minutes:",
                     "design_pue: {dist", "ramp_months: {dist", "peak_flops: {dist", "allin_w: {dist", "unit_cost_usd: {dist" })
            Assert.That(texts.Count(t => t.Contains(feature, StringComparison.Ordinal)), Is.GreaterThan(0), feature);
        Assert.That(texts.Count(t => !t.Contains("supply:", StringComparison.Ordinal)), Is.GreaterThan(0), "some sites run on an unlimited grid");
    }
}
