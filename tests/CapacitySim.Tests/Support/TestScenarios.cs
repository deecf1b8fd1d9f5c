using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.Support;

/// <summary>Builds scenarios from YAML text and reads results by names, for readable tests.</summary>
internal static class TestScenarios
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CapacitySim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CapacitySim.sln not found above the test folder");
    }

    public static Scenario Parse(string yaml, string file = "test.yaml") =>
        ScenarioLoader.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), file, BuiltInCatalog.Load());

    /// <summary>The diagnostics a broken scenario gives, as "line:column: message".</summary>
    public static IReadOnlyList<Diagnostic> Errors(string yaml)
    {
        try
        {
            Parse(yaml);
        }
        catch (ScenarioException e)
        {
            return e.Diagnostics;
        }
        throw new AssertionException("the scenario loaded without errors");
    }

    /// <summary>The reference engine's run of the file; <paramref name="scopes"/> null keeps the default scopes (no sites past 50).</summary>
    public static SimulationResult Run(string yaml, int? samples = null, int? threads = null, ScopeKinds? scopes = null)
    {
        var scenario = Parse(yaml);
        return ReferenceEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(samples, null, threads, Scopes: scopes)));
    }

    /// <summary>Value of a metric at a scope ("total" or a site name) and month (YYYY-MM), sample 0.</summary>
    public static double At(this SimulationResult r, string scope, Metric metric, string month, int sample = 0)
    {
        int s = r.ScopeNames.ToList().IndexOf(scope);
        int t = r.PeriodLabels.ToList().IndexOf(month);
        if (s < 0 || t < 0) throw new ArgumentException($"no scope {scope} or month {month}");
        return r.Value(s, metric, t, sample);
    }

    public static string ReadRepoFile(string relative) => File.ReadAllText(Path.Combine(RepoRoot, relative));
}
