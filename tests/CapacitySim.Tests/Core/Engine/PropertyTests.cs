using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>Properties every valid run must have, checked on seeded random valid scenarios.</summary>
public class PropertyTests
{
    private const int Samples = 12;

    public static IEnumerable<int> Seeds() => RandomScenarios.Seeds(40);

    /// <summary>The reference engine's run with every scope, sites past 50 included.</summary>
    private static SimulationResult Run(string yaml) => TestScenarios.Run(yaml, scopes: ScopeKinds.All);

    private static bool IsAdditive(Metric metric) => metric.Info().Origin == MetricOrigin.Site;

    private static void LessOrEqual(double a, double b, string what) =>
        Assert.That(a, Is.LessThanOrEqualTo(b + 1e-9 * Math.Max(1, Math.Abs(b))), what);

    /// <summary>
    /// Finite values, totals the sum of their sites, powered within built and firm supply, facility
    /// energy = IT energy x PUE(t), shortfall within demand, capex non-negative and its running sum
    /// non-decreasing, the frontier run within the fleet, annual flows the sum of their months.
    /// Fails on a reference PUE that ignores pue_monthly (facility energy = IT energy x PUE).
    /// </summary>
    [TestCaseSource(nameof(Seeds))]
    public void ValidRunsAreFiniteAdditiveAndPhysical(int seed)
    {
        var r = Run(RandomScenarios.Generate(seed, Samples));
        string where = RandomScenarios.Describe(seed);
        var scenario = r.Scenario;
        for (int scope = 0; scope < r.ScopeNames.Count; scope++)
            foreach (var series in r.Series[scope].OfType<double[]>())
                Assert.That(series.All(double.IsFinite), $"{where}: no NaN or infinity");

        for (int t = 0; t < r.Months; t++)
        for (int i = 0; i < Samples; i++)
        {
            foreach (var info in Metrics.All.Where(m => IsAdditive(m.Metric)))
            {
                double sum = Enumerable.Range(0, scenario.Sites.Count).Sum(s => r.Value(s, info.Metric, t, i));
                Assert.That(r.Value(r.TotalScope, info.Metric, t, i), Is.EqualTo(sum).Within(1e-9 * Math.Max(1, Math.Abs(sum))), $"{where}: total {info.Name} = sum of sites");
            }
            for (int s = 0; s < scenario.Sites.Count; s++)
            {
                var site = scenario.Sites[s];
                double built = r.Value(s, Metric.ItBuiltMw, t, i);
                double powered = r.Value(s, Metric.ItPoweredMw, t, i);
                double firm = r.Value(s, Metric.SupplyFirmMw, t, i);
                LessOrEqual(powered, built, $"{where}: powered <= built");
                LessOrEqual(firm, r.Value(s, Metric.SupplyMw, t, i), $"{where}: firm supply <= nameplate supply");
                if (!site.DesignPue.IsRandom) LessOrEqual(powered, firm / site.DesignPue.Nominal, $"{where}: powered <= firm supply / design PUE");
                Assert.That(r.Value(s, Metric.ItStrandedMw, t, i), Is.EqualTo(built - powered).Within(1e-9 * Math.Max(1, built)), $"{where}: stranded = built - powered");
                double it = r.Value(s, Metric.ItEnergyMwh, t, i);
                double facility = r.Value(s, Metric.FacilityEnergyMwh, t, i);
                if (!site.Pue.IsRandom)
                {
                    // PUE(t) = max(1, pue x q), q = the month's pue_monthly over their mean.
                    int calendarMonth = scenario.Start.AddMonths(t).Month;
                    double pue = Math.Max(1, site.Pue.Nominal * site.PueMonthly[calendarMonth - 1] / site.PueMonthly.Average());
                    Assert.That(facility, Is.EqualTo(it * pue).Within(1e-9 * Math.Max(1, facility)), $"{where}: facility energy = IT energy x PUE");
                }
                Assert.That(r.Value(s, Metric.ShortfallMwh, t, i), Is.InRange(0, facility * (1 + 1e-12)), $"{where}: shortfall within the demand");
                foreach (var capex in new[] { Metric.CapexFacilityUsd, Metric.CapexHardwareUsd, Metric.CapexSupplyUsd })
                    Assert.That(r.Value(s, capex, t, i), Is.GreaterThanOrEqualTo(-1e-6), $"{where}: {capex.Info().Name} >= 0");
            }

            // The frontier run trains on at most every powered accelerator, at most at the fleet's speed.
            int total = r.TotalScope;
            Assert.That(r.Value(total, Metric.FrontierRunGoodput, t, i), Is.InRange(0, 1), $"{where}: goodput in [0, 1]");
            LessOrEqual(r.Value(total, Metric.FrontierRunAccelerators, t, i), r.Value(total, Metric.Accelerators, t, i), $"{where}: run accelerators <= installed accelerators");
            LessOrEqual(r.Value(total, Metric.FrontierRunFlop, t, i), r.Value(total, Metric.EffectiveFlops, t, i) * 366 * 86400, $"{where}: run FLOP <= fleet FLOP/s x the longest days");
            if (t > 0)
                LessOrEqual(r.Value(total, Metric.CapexCumulativeUsd, t - 1, i), r.Value(total, Metric.CapexCumulativeUsd, t, i), $"{where}: cumulative capex never falls");
        }

        var annual = Annual.Aggregate(r);
        for (int y = 0; y < annual.Periods; y++)
        {
            var monthsOfYear = Enumerable.Range(0, r.Months).Where(t => r.PeriodLabels[t].StartsWith(annual.PeriodLabels[y], StringComparison.Ordinal)).ToList();
            foreach (var info in Metrics.All.Where(m => m.Kind == MetricKind.Flow))
            for (int i = 0; i < Samples; i++)
            {
                double sum = monthsOfYear.Sum(t => r.Value(r.TotalScope, info.Metric, t, i));
                Assert.That(annual.Value(annual.TotalScope, info.Metric, y, i), Is.EqualTo(sum).Within(1e-9 * Math.Max(1, Math.Abs(sum))), $"{where}: annual {info.Name} = sum of its months");
            }
        }
    }

    /// <summary>
    /// 1.7 times every source's mw (in every sample) never lowers effective FLOP/s, and raises the
    /// powered IT of every site and month where some was stranded behind firm supply. Fails on
    /// powered IT = built - |built - firm / design PUE| (an Abs for a Min), which lowers compute
    /// where supply exceeds the need, and on powered IT that does not follow firm supply at all.
    /// </summary>
    [TestCaseSource(nameof(Seeds))]
    public void MoreSupplyNeverLowersCompute(int seed)
    {
        var baseline = Run(RandomScenarios.Generate(seed, Samples));
        var more = Run(RandomScenarios.Generate(seed, Samples, new Tweak(SupplyFactor: 1.7)));
        string where = RandomScenarios.Describe(seed);
        for (int t = 0; t < baseline.Months; t++)
        for (int i = 0; i < Samples; i++)
        {
            LessOrEqual(baseline.Value(baseline.TotalScope, Metric.EffectiveFlops, t, i), more.Value(more.TotalScope, Metric.EffectiveFlops, t, i), $"{where}, month {t}, sample {i}");
            for (int s = 0; s < baseline.Scenario.Sites.Count; s++)
            {
                double stranded = baseline.Value(s, Metric.ItStrandedMw, t, i);
                double powered = baseline.Value(s, Metric.ItPoweredMw, t, i);
                LessOrEqual(powered, more.Value(s, Metric.ItPoweredMw, t, i), $"{where}: powered IT of S{s}, month {t}, sample {i}");
                if (stranded > 1e-6 && baseline.Value(s, Metric.SupplyFirmMw, t, i) > 1e-6)
                    Assert.That(more.Value(s, Metric.ItPoweredMw, t, i), Is.GreaterThan(powered), $"{where}: S{s} had {stranded} MW stranded behind firm supply in month {t}, sample {i}");
            }
        }
    }

    /// <summary>
    /// Five more months of delay on site 0's first phase (plain-sized, energizing inside the run's
    /// first year, so some month always lies between its two start dates) never raises that site's
    /// built IT or accelerators and lowers both in some month of every sample. Site 0 is given
    /// lifetime 0 and a named accelerator in both runs, so its accelerators are built IT over fixed
    /// all-in watts (with refreshes, a later start can hold older, denser hardware). Fails on an
    /// ignored delay_months (nothing becomes lower) and on a delay that moves capacity earlier.
    /// </summary>
    [TestCaseSource(nameof(Seeds))]
    public void ALongerDelayNeverRaisesAndSomewhereLowersTheSitesBuildOut(int seed)
    {
        var baseline = Run(RandomScenarios.Generate(seed, Samples, new Tweak(FirstSiteNamedWithoutRefresh: true)));
        var later = Run(RandomScenarios.Generate(seed, Samples, new Tweak(ExtraDelayOfFirstPhase: 5, FirstSiteNamedWithoutRefresh: true)));
        string where = RandomScenarios.Describe(seed);
        Assert.That(baseline.Months, Is.GreaterThanOrEqualTo(12));
        foreach (var metric in new[] { Metric.ItBuiltMw, Metric.Accelerators })
        for (int i = 0; i < Samples; i++)
        {
            double largestDrop = 0;
            for (int t = 0; t < baseline.Months; t++)
            {
                double before = baseline.Value(0, metric, t, i), after = later.Value(0, metric, t, i);
                LessOrEqual(after, before, $"{where}: {metric} of S0, month {t}, sample {i}");
                largestDrop = Math.Max(largestDrop, before - after);
            }
            Assert.That(largestDrop, Is.GreaterThan(0), $"{where}: the delay lowers S0's {metric} in some month of sample {i}");
        }
    }

    /// <summary>Every (u) field of the format, in the order of MODEL.md section 3, with the key it is written under.</summary>
    private static readonly string[] UncertainFields =
    [
        "research_share", "days", "accelerator_mtbf_hours", "checkpoint_minutes", "restart_minutes",
        "slip_months", "peak_flops", "tdp_w", "allin_w", "unit_cost_usd", "count",
        "pue", "design_pue", "load_factor", "mfu", "lifetime_years", "capex_usd_per_it_mw", "build_months", "training_share",
        "wue_l_per_kwh", "grid_price_usd_per_mwh", "grid_gco2_per_kwh",
        "mw", "price_usd_per_mwh", "gco2_per_kwh", "firm_fraction", "capacity_factor", "capex_usd_per_mw",
        "delay_months", "it_mw", "facility_mw", "ramp_months",
        "embodied_kgco2e", "embodied_tco2_per_it_mw", "facility_life_years", "supply_life_years", "hardware_book_years",
        "wacc", "om_facility_share", "om_hardware_share", "embodied_tco2_per_mw", "value",
    ];

    /// <summary>
    /// The seeds the equivalence tests run (the first 30, and the properties' 40) reach every field
    /// as a plain number and as a distribution, and every case of the format listed here.
    /// </summary>
    [Test]
    public void TheGeneratorCoversTheFormat()
    {
        var seeds = RandomScenarios.Seeds(30).ToList();
        var texts = seeds.Select(s => RandomScenarios.Generate(s, Samples)).ToList();
        int Count(string pattern) => texts.Count(t => System.Text.RegularExpressions.Regex.IsMatch(t, pattern, System.Text.RegularExpressions.RegexOptions.Multiline));
        foreach (string field in UncertainFields)
        {
            Assert.That(Count($@"[\s{{,]{field}: -?[0-9]"), Is.GreaterThan(0), $"{field} as a plain number");
            Assert.That(Count($@"[\s{{,]{field}: {{dist"), Is.GreaterThan(0), $"{field} as a distribution");
        }
        foreach (string form in new[] { "uniform", "triangular", "pert", "normal", "lognormal" })
            Assert.That(Count($"dist: {form},"), Is.GreaterThan(0), form);
        foreach (string feature in new[]
                 {
                     @"supply:\n", @"supply: \[\]", "researchers:", "research_share:", "clusters:", "name: D,", "region:", "pue_monthly", "until:", "from:",
                     @"accelerator: [A-Z]", "ramp: linear", "ramp: s-curve", @"available: \d{4}-\d\d", @"name: X\d+, available",
                     @"lifetime_years: 0$", @"lifetime_years: 0\.0\d$", @"lifetime_years: \{dist: uniform, min: 0,",
                     @"count: 0\}", @"training_share: 0$", @"checkpoint_minutes: 0, restart_minutes: 0,", @"accelerator_mtbf_hours: 0,",
                     @"uniform, min: -0\.\d+, max: 1\.[1-9]", @"min: -0\.2, mode: [0-9.]+, max: 1\.2",
                     @"grid_price_usd_per_mwh: \[\{month", @"grid_gco2_per_kwh: \[\{month", @"price_usd_per_mwh: \[\{month", @"gco2_per_kwh: \[\{month",
                     @"_life_years: \{dist", @"hardware_book_years: 0\.1$",
                     "type: solar", "type: wind", "type: battery", "type: gas", "type: grid", "latitude: ", "grid_cfe_share: ", "weather: ", "days_per_month: ",
                     @"hours: \{dist", @"capacity_factor: \{dist: uniform, min: 0\.1,",
                 })
            Assert.That(Count(feature), Is.GreaterThan(0), feature);
        Assert.That(texts.Count(t => !t.Contains("supply:", StringComparison.Ordinal)), Is.GreaterThan(0), "some sites run on an unlimited grid");
        Assert.That(texts.Count(t => t.Split('\n').Any(line => line.StartsWith("      - {name: src", StringComparison.Ordinal) && !line.Contains("price_usd_per_mwh", StringComparison.Ordinal))), Is.GreaterThan(0), "a source without a price");

        var scenarios = texts.Select(t => TestScenarios.Parse(t)).ToList();
        Assert.That(scenarios.Any(sc => sc.Sites.Count > 50), "a file of more than 50 sites");
        Assert.That(scenarios.Any(sc => sc.Sites.Any(site => site.Pue.IsRandom && ReferenceEquals(site.DesignPue, site.Pue))), "a site without design_pue, so that it takes its pue's draw");
    }
}
