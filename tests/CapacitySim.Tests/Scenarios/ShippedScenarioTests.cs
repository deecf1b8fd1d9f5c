using CapacitySim.Core.Engine;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.Scenarios;

/// <summary>Every file in scenarios/ is documentation and a test case: it validates and runs.</summary>
public class ShippedScenarioTests
{
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Path.Combine(TestScenarios.RepoRoot, "scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestScenarios.RepoRoot, f).Replace('\\', '/'))
            .Order();

    /// <summary>The scenario files that model something (all but the synthetic fleets in scenarios/bench/, which are for scaling).</summary>
    public static IEnumerable<string> ModelFiles() => Files().Where(f => !f.StartsWith("scenarios/bench/", StringComparison.Ordinal));

    [Test]
    public void ThereAreShippedScenarios() =>
        Assert.That(Files().ToList(), Does.Contain("scenarios/meta-superintelligence.yaml").And.Contain("scenarios/meta-hyperion-delayed.yaml").And.Contain("scenarios/validation/semianalysis-100k-h100.yaml"));

    [TestCaseSource(nameof(Files))]
    public void ValidatesAndRuns(string relative)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(TestScenarios.RepoRoot, relative), BuiltInCatalog.Load());
        Assert.That(Path.GetFileNameWithoutExtension(relative), Is.EqualTo(scenario.Name), "the file is named after its scenario");
        // At most 64 samples keeps the suite fast; the full runs are the CLI's job. The synthetic
        // fleets of scenarios/bench/ (up to 10,000 sites) run 2 samples on the fast engine.
        var result = relative.StartsWith("scenarios/bench/", StringComparison.Ordinal)
            ? FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(2)))
            : ReferenceEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Math.Min(scenario.Samples, 64))));
        foreach (var series in result.Arrays)
            Assert.That(series.All(double.IsFinite), "no NaN or infinity in any output");
        int last = result.Months - 1;
        Assert.That(result.Value(result.TotalScope, Metric.ItBuiltMw, last, 0), Is.GreaterThan(0));
        AssertIdentities(result, relative);
    }

    /// <summary>
    /// What every run must satisfy whatever the file's figures (so data edits keep it true): stranded
    /// = built - powered, powered &lt;= built, firm &lt;= nameplate supply, facility energy &gt;= IT energy,
    /// shortfall within facility energy, non-negative capex whose running sum is capex_cumulative_usd,
    /// totals the sum of the sites kept, and a frontier run of at most the installed accelerators.
    /// </summary>
    private static void AssertIdentities(SimulationResult r, string what)
    {
        static void Near(double actual, double expected, string message) =>
            Assert.That(actual, Is.EqualTo(expected).Within(1e-9 * Math.Max(1, Math.Abs(expected))), message);
        var sites = Enumerable.Range(0, r.ScopeNames.Count).Where(s => s < r.Scenario.Sites.Count && r.ScopeNames[s] == r.Scenario.Sites[s].Name).ToList();
        bool allSites = sites.Count == r.Scenario.Sites.Count;
        for (int i = 0; i < r.Samples; i++)
        {
            double cumulative = 0;
            for (int t = 0; t < r.Months; t++)
            {
                string at = $"{what}, {r.PeriodLabels[t]}, sample {i}";
                foreach (int s in sites.Append(r.TotalScope))
                {
                    double built = r.Value(s, Metric.ItBuiltMw, t, i), powered = r.Value(s, Metric.ItPoweredMw, t, i);
                    Near(r.Value(s, Metric.ItStrandedMw, t, i), built - powered, $"{at}: stranded = built - powered at {r.ScopeNames[s]}");
                    Assert.That(powered, Is.LessThanOrEqualTo(built * (1 + 1e-12) + 1e-9), $"{at}: powered <= built at {r.ScopeNames[s]}");
                    Assert.That(r.Value(s, Metric.SupplyFirmMw, t, i), Is.LessThanOrEqualTo(r.Value(s, Metric.SupplyMw, t, i) * (1 + 1e-12) + 1e-9), $"{at}: firm <= nameplate");
                    double it = r.Value(s, Metric.ItEnergyMwh, t, i), facility = r.Value(s, Metric.FacilityEnergyMwh, t, i);
                    Assert.That(facility, Is.GreaterThanOrEqualTo(it * (1 - 1e-12)), $"{at}: facility energy >= IT energy (PUE >= 1)");
                    Assert.That(r.Value(s, Metric.ShortfallMwh, t, i), Is.InRange(0, facility * (1 + 1e-12) + 1e-9), $"{at}: shortfall within the demand");
                }
                double month = 0;
                foreach (var capex in new[] { Metric.CapexFacilityUsd, Metric.CapexHardwareUsd, Metric.CapexSupplyUsd })
                {
                    double v = r.Value(r.TotalScope, capex, t, i);
                    Assert.That(v, Is.GreaterThanOrEqualTo(-1e-6), $"{at}: {capex} >= 0");
                    month += v;
                }
                cumulative += month;
                Near(r.Value(r.TotalScope, Metric.CapexCumulativeUsd, t, i), cumulative, $"{at}: capex_cumulative_usd is the running sum");
                Assert.That(r.Value(r.TotalScope, Metric.FrontierRunAccelerators, t, i), Is.LessThanOrEqualTo(r.Value(r.TotalScope, Metric.Accelerators, t, i) * (1 + 1e-12)), $"{at}: run accelerators <= installed");
                if (allSites)
                    foreach (var metric in new[] { Metric.ItBuiltMw, Metric.Accelerators, Metric.EffectiveFlops, Metric.FacilityEnergyMwh, Metric.EnergyCostUsd, Metric.CapexHardwareUsd })
                        Near(r.Value(r.TotalScope, metric, t, i), sites.Sum(s => r.Value(s, metric, t, i)), $"{at}: total {metric} = sum of sites");
            }
        }
    }

    [Test]
    public void ReferenceScenarioMatchesItsSources()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(TestScenarios.RepoRoot, "scenarios/meta-superintelligence.yaml"), BuiltInCatalog.Load());
        var r = ReferenceEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(1)));
        // Meta: about 600k H100-equivalents by end 2024 (docs/sources.md).
        Assert.That(r.At("total", Metric.H100e, "2024-12") + 0, Is.EqualTo(600_000).Within(5).Percent);
        // Prometheus about 1 GW of facility in 2026 (Meta's announcement): IT ~ 1,000 / design PUE.
        Assert.That(r.At("Prometheus", Metric.ItBuiltMw, "2026-12"), Is.InRange(850, 1000));
        // Hyperion: 2 GW (facility) by 2030.
        Assert.That(r.At("Hyperion", Metric.ItBuiltMw, "2030-12") * 1.08, Is.GreaterThanOrEqualTo(1900));
        // Meta's largest 2024 training clusters held 24,576 GPUs each (docs/sources.md): the 2024 run
        // takes one, 0.041 of the fleet's ~587,500 accelerators in mid-December (833.4 MW x 23.5/24 / 1,389 W).
        Assert.That(r.At("total", Metric.FrontierRunAccelerators, "2024-12"), Is.EqualTo(24_576).Within(5).Percent);
        // Socrates: about $1.6B for 400 MW (docs/sources.md), all spent inside the run (2025-06 .. 2026-06).
        double socratesUsd = Enumerable.Range(0, r.Months).Sum(t => r.Value(r.ScopeNames.ToList().IndexOf("Prometheus"), Metric.CapexSupplyUsd, t, 0));
        Assert.That(socratesUsd, Is.EqualTo(1.6e9).Within(1e-9).Percent);
        Assert.That(scenario.Samples, Is.EqualTo(2000));
        Assert.That(scenario.Start.ToString(), Is.EqualTo("2024-01"));
        Assert.That(scenario.End.ToString(), Is.EqualTo("2032-12"));
    }
}
