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

    [Test]
    public void EachScenariosScopeAndThePartsWhosePlansEndEarlyAreOnTheChart()
    {
        // "parts" ends its first site in 2025-06 (inside the golden run's months) and its scenario in 2025-11.
        var parts = Run("parts") with { PlansEnd = "2025-11", PartEnds = [("Early Site", "2025-06")], Scope = "one made-up site" };
        var comparison = new Comparison([Run("base"), parts], ["it_built_mw", "facility_energy_mwh"], "total");
        var plot = CompareCharts.Draw(comparison, comparison.Metrics.Single(m => m.Info.Name == "it_built_mw"));
        var lines = plot.GetPlottables().OfType<Scatter>().Where(s => !string.IsNullOrEmpty(s.LegendText)).ToList();
        Assert.That(lines.Select(l => l.LegendText), Is.EqualTo(new[] { "base (nominal)", "parts (nominal; same as base to 2025-12): one made-up site" }));
        // One open circle, on parts' line at 2025-06: 100 MW x (5.5 / 10) built by mid-June (linear ramp from 2025-01) = 55 MW.
        var marks = plot.GetPlottables().OfType<Markers>().Single();
        Assert.That(marks.LegendText, Is.EqualTo("a part's plans end (compare.md names it)"));
        var point = marks.Data.GetScatterPoints().Single();
        Assert.That(DateTime.FromOADate(point.X).ToString("yyyy-MM"), Is.EqualTo("2025-06"));
        Assert.That(point.Y, Is.EqualTo(55).Within(1e-9));
        Assert.That(comparison.Notes, Has.Some.Contains("Parts whose plans end earlier (an open circle on the scenario's line): parts: Early Site 2025-06."));
        Assert.That(comparison.Notes, Has.Some.Contains("What each scenario covers (its scope, beside its name on the charts): parts: one made-up site."));
        // On a chart of calendar years the circle marks the year.
        var annual = CompareCharts.Draw(comparison, comparison.Metrics.Single(m => m.Info.Name == "facility_energy_mwh"));
        Assert.That(annual.GetPlottables().OfType<Markers>().Single().Data.GetScatterPoints().Single().X, Is.EqualTo(new DateTime(2025, 7, 1).ToOADate()));
    }
}
