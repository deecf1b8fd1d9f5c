using CapacitySim.IO.Compare;
using CapacitySim.Tests.Support;
using ScottPlot.Plottables;

namespace CapacitySim.Tests.IO.Compare;

/// <summary>Compare charts keep every scenario visible: a line lying on another is said in the legend and drawn in its own dash.</summary>
public class CompareChartsTests
{
    private static string Golden(string name) => Path.Combine(TestScenarios.RepoRoot, "tests", "CapacitySim.Tests", "IO", "Csv", "Golden", name);

    private static ComparedRun Run(string name) => new(name, name + ".yaml", "folder", Reused: true, Samples: 1,
        SummaryTable.Read(Golden("single-site-linear.monthly.csv")), SummaryTable.Read(Golden("single-site-linear.annual.csv")));

    [Test]
    public void AScenarioIdenticalToAnotherIsSaidAndDrawnDistinguishably()
    {
        // The same run twice: the second follows the first over every shared month, 2025-01 to 2025-12.
        var comparison = new Comparison([Run("base"), Run("copy")], ["it_built_mw", "frontier_run_flop"], "total");
        var built = comparison.Metrics.Single(m => m.Info.Name == "it_built_mw");
        var plot = CompareCharts.Draw(comparison, built);
        var lines = plot.GetPlottables().OfType<Scatter>().Where(s => !string.IsNullOrEmpty(s.LegendText)).ToList();
        Assert.That(lines.Select(l => l.LegendText), Is.EqualTo(new[] { "base (nominal)", "copy (nominal; same as base to 2025-12)" }));
        Assert.That(lines[0].LinePattern, Is.Not.EqualTo(lines[1].LinePattern));
        Assert.That(lines[0].LineWidth, Is.GreaterThan(lines[1].LineWidth));

        // FLOP on the frontier-run axis in powers of ten, as the console and the field write them.
        var frontier = CompareCharts.Draw(comparison, comparison.Metrics.Single(m => m.Info.Name == "frontier_run_flop"));
        frontier.GetImageBytes(1600, 900, ScottPlot.ImageFormat.Png);
        var labels = frontier.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.That(labels, Is.Not.Empty);
        Assert.That(labels, Has.All.Matches(@"^\d(\.\d+)?e\d+$"));
    }
}
