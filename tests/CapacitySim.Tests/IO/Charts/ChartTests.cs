using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Charts;

namespace CapacitySim.Tests.IO.Charts;

/// <summary>Charts are thin: smoke tests for one point, nothing to draw, and NaN in a series.</summary>
public class ChartTests() : TempFolderTests("charts")
{
    private static string Scenario(string start, string end, string online, int samples = 1) => $"""
        name: charts
        start: {start}
        end: {end}
        samples: {samples}
        roadmap: [H100]
        researchers: [{"{"}month: {start}, count: 10{"}"}]
        sites:
          - name: A
            phases: [{"{"}name: P, online: {online}, it_mw: {"{"}dist: uniform, min: 5, max: 15{"}"}, ramp_months: 3{"}"}]
          - name: B
            phases: [{"{"}name: P, online: {online}, it_mw: 20{"}"}]
        """;

    private void Draw(SimulationResult result)
    {
        var statistics = RunStatistics.Of(result, result.Scenario.Percentiles);
        RunCharts.WriteAll(Dir, result, statistics.Monthly, statistics.Annual, statistics.AnnualSeries);
        foreach (string name in new[] { "power", "compute", "energy", "compute-per-researcher", "capex", "emissions", "cost", "dashboard" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(Dir, name + ".png"));
            Assert.That(bytes.Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }), name);
            Assert.That(bytes, Has.Length.GreaterThan(10_000), $"{name} has text and axes");
        }
        // emissions.png and cost.png: two charts each, one above the other.
        foreach (string name in new[] { "emissions.png", "cost.png" })
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(Path.Combine(Dir, name));
            Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((ChartFrame.Half.Width, 2 * ChartFrame.Half.Height)), name);
        }
    }

    [Test]
    public void TheDashboardIsAHeadingOverFourPanels()
    {
        // Panels: power, compute, energy, compute per researcher (the scenario has researchers), under a heading strip.
        Draw(TestScenarios.Run(Scenario("2025-01", "2026-12", "2025-01", samples: 20)));
        using var dashboard = SkiaSharp.SKBitmap.Decode(Path.Combine(Dir, "dashboard.png"));
        Assert.That((dashboard.Width, dashboard.Height), Is.EqualTo(RunCharts.DashboardSize));
        Assert.That(RunCharts.DashboardSize, Is.EqualTo((2 * 800, 72 + 2 * 500)));
        var panels = new List<byte[]>();
        for (int q = 0; q < 4; q++)
        {
            var rect = SkiaSharp.SKRectI.Create(q % 2 * 800, ChartStyle.HeadingHeight + q / 2 * 500, 800, 500);
            using var panel = new SkiaSharp.SKBitmap();
            Assert.That(dashboard.ExtractSubset(panel, rect), q.ToString());
            var pixels = panel.Copy().GetPixelSpan().ToArray();
            // Drawn: far from one colour (a blank panel is all white).
            Assert.That(pixels.Distinct().Count(), Is.GreaterThan(3), $"panel {q} is drawn");
            panels.Add(pixels);
        }
        // Four different panels, so a dashboard of one chart four times would fail.
        Assert.That(panels.Select(p => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(p))).Distinct().Count(), Is.EqualTo(4));
        // The heading strip has text on it: dark pixels on white.
        int dark = 0;
        for (int y = 0; y < ChartStyle.HeadingHeight; y++)
            for (int x = 0; x < dashboard.Width; x += 2)
                if (dashboard.GetPixel(x, y).Red < 100) dark++;
        Assert.That(dark, Is.GreaterThan(500));
    }

    [Test]
    [NonParallelizable]
    public void WarmUpDrawsIntoNothing()
    {
        // It runs while a scenario is read, in whatever the working folder is: it must not write there.
        string before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Dir);
        try
        {
            Assert.DoesNotThrow(RunCharts.WarmUp);
            Assert.That(Directory.GetFileSystemEntries(Dir), Is.Empty);
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
    }

    [Test]
    public void OneMonthOnePoint() => Draw(TestScenarios.Run(Scenario("2025-01", "2025-01", "2024-01")));

    [Test]
    public void NothingBuiltYet() => Draw(TestScenarios.Run(Scenario("2025-01", "2025-12", "2030-01", samples: 20)));

    [Test]
    public void NaNInASeriesLeavesAGap()
    {
        var result = TestScenarios.Run(Scenario("2025-01", "2026-12", "2025-01", samples: 20));
        var series = result.Series[result.TotalScope][(int)Metric.EffectiveFlops]!;
        for (int i = 5 * result.Samples; i < 7 * result.Samples; i++) series[i] = double.NaN;
        Draw(result);

        // The compute chart's total line has the gap at months 5 and 6 (not a 0, not a line drawn across),
        // and its P10-P90 band is drawn in pieces on either side of it.
        var statistics = RunStatistics.Of(result, result.Scenario.Percentiles);
        var view = new ChartData(result, statistics.Monthly, statistics.Annual);
        var plot = RunCharts.Charts(view).Single(c => c.File == "compute.png").Make(ChartFrame.Chart);
        var line = plot.GetPlottables<ScottPlot.Plottables.Scatter>().Single(p => p.LegendText.StartsWith("total", StringComparison.Ordinal));
        var ys = line.Data.GetScatterPoints().Select(p => p.Y).ToArray();
        Assert.That(ys, Has.Length.EqualTo(result.Months));
        Assert.That(new[] { ys[5], ys[6] }, Is.All.NaN, "the gap");
        Assert.That(new[] { ys[4], ys[7] }.All(double.IsFinite), "drawn on either side of the gap");
        var bands = plot.GetPlottables<ScottPlot.Plottables.FillY>().ToList();
        Assert.That(bands, Has.Count.EqualTo(2), "the band in two pieces, before and after the gap");
    }

    [Test]
    public void DisplayUnitsFollowTheMagnitude()
    {
        Assert.That(Units.Axis("MW", 999).Label, Is.EqualTo("MW"));
        Assert.That(Units.Axis("MW", 1000).Label, Is.EqualTo("GW"));
        Assert.That(Units.Axis("MWh", 2e6).Label, Is.EqualTo("TWh"));
        Assert.That(Units.Axis("USD", 5e8).Label, Is.EqualTo("$M"));
        // A FLOP/s axis takes one prefix, its largest value's up to exa.
        Assert.That(Units.Axis("FLOP/s", 2.5e18), Is.EqualTo(new UnitScale(1e18, "EFLOP/s")));
        Assert.That(Units.Axis("FLOP/s", 5.3e21), Is.EqualTo(new UnitScale(1e18, "EFLOP/s")));
        Assert.That(Units.Axis("FLOP/s", 1e15), Is.EqualTo(new UnitScale(1e15, "PFLOP/s")));
        // Training runs in powers of ten, as the field and the console write them: no yotta or ronna.
        Assert.That(Units.Flop(3.8e25), Is.EqualTo("3.8e25"));
        Assert.That(Units.Flop(2e28), Is.EqualTo("2e28"));
        Assert.That(Units.Flop(9.999e26), Is.EqualTo("1e27"));
        // A band shares its middle's prefix, and a row can share one given value's.
        Assert.That(Units.WithBand(1.06e21, 9.45e20, 1.16e21, "FLOP/s"), Is.EqualTo("1.06 ZFLOP/s [0.945, 1.16]"));
        Assert.That(Units.Format(6.83e20, "FLOP/s", 1.06e21), Is.EqualTo("0.683 ZFLOP/s"));
    }
}
