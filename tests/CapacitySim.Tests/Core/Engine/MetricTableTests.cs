using System.Text.RegularExpressions;
using CapacitySim.Core.Engine;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>The metric tables of README.md and docs/model.md name every metric of the metric table, with its unit, and no other.</summary>
public class MetricTableTests
{
    [TestCase("README.md")]
    [TestCase("docs/model.md")]
    public void DocsTableListsEveryMetricWithItsUnit(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(TestScenarios.RepoRoot, file));
        int header = Array.FindIndex(lines, l => l.StartsWith("| metric | unit |", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), $"{file} has a metric table");
        var units = new Dictionary<string, string>();
        foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            // A row may name several metrics (`a`, `b`) with as many units, or one unit for all.
            var names = Regex.Matches(cells[0], @"[a-z0-9_]+").Select(m => m.Value).ToArray();
            var rowUnits = cells[1].Split(',').Select(u => u.Trim()).ToArray();
            for (int i = 0; i < names.Length; i++) units[names[i]] = rowUnits.Length == names.Length ? rowUnits[i] : rowUnits[0];
        }
        Assert.That(units.Keys, Is.EquivalentTo(Metrics.All.Select(m => m.Name)), $"{file}: the metrics of the table");
        foreach (var info in Metrics.All)
            Assert.That(units[info.Name], Is.EqualTo(info.Unit), $"{file}: unit of {info.Name}");
    }
}
