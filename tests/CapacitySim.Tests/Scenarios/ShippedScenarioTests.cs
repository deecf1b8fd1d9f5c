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
