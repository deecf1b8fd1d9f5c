using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>
/// Both engines against a second implementation of docs/model.md written from the model text alone
/// (tests/CrossCheck/oracle.py, Python): every metric of every site and the total, every month of
/// thirteen small cases that together exercise each clause of section 4 and the paths to power of section 9, nominal run. The expected
/// files are the oracle's output, committed (tests/CrossCheck/generate.sh writes them again).
/// Values agree within 1e-9 relative plus 1e-6 absolute: the two implementations add in different orders.
/// </summary>
public class CrossCheckTests
{
    private static string Folder => Path.Combine(TestScenarios.RepoRoot, "tests", "CrossCheck");

    public static IEnumerable<string> Cases() =>
        Directory.GetFiles(Path.Combine(TestScenarios.RepoRoot, "tests", "CrossCheck", "cases"), "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order();

    [Test]
    public void ThereAreCases() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(12));

    [TestCaseSource(nameof(Cases))]
    public void ReferenceEngineAgrees(string name) => Compare(name, s => ReferenceEngine.Run(s, RunPlan.For(s, new RunSettings(Samples: 1))));

    [TestCaseSource(nameof(Cases))]
    public void FastEngineAgrees(string name) => Compare(name, s => FastEngine.Run(s, RunPlan.For(s, new RunSettings(Samples: 1))));

    private static void Compare(string name, Func<CapacitySim.Core.Model.Scenario, SimulationResult> run)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Folder, "cases", name + ".yaml"), BuiltInCatalog.Load());
        var result = run(scenario);
        var scopes = result.ScopeNames.ToList();
        var months = result.PeriodLabels.ToList();
        var expectedPairs = new HashSet<(string, string)>();
        var differences = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(Folder, "expected", name + ".csv")).Skip(1))
        {
            var cells = line.Split(',');
            var (month, scope, metricName) = (cells[0], cells[1], cells[2]);
            double expected = double.Parse(cells[3], CultureInfo.InvariantCulture);
            expectedPairs.Add((scope, metricName));
            var metric = Metrics.FromName(metricName) ?? throw new AssertionException($"{name}: unknown metric {metricName}");
            double actual = result.Value(scopes.IndexOf(scope), metric, months.IndexOf(month), 0);
            if (Math.Abs(actual - expected) > 1e-6 + 1e-9 * Math.Max(Math.Abs(actual), Math.Abs(expected)))
                differences.Add($"{month} {scope} {metricName}: expected {expected:R}, got {actual:R}");
        }
        Assert.That(differences, Is.Empty, $"{name}: {differences.Count} values differ; first: {string.Join("; ", differences.Take(8))}");
        // Every metric the engines write for a site or the total is checked.
        var written = from scope in scopes.Where(s => !s.StartsWith("region:", StringComparison.Ordinal))
                      from info in Metrics.All
                      where result.Has(scopes.IndexOf(scope), info.Metric)
                      select (scope, info.Name);
        Assert.That(expectedPairs, Is.EquivalentTo(written.ToList()), $"{name}: the oracle and the engine write the same scopes and metrics");
    }
}
