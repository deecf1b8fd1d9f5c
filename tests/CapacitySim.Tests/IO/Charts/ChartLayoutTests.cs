using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Charts;
using CapacitySim.Tests.Support;
using ScottPlot;
using ScottPlot.Plottables;

namespace CapacitySim.Tests.IO.Charts;

/// <summary>
/// Every run chart, on its own and as a dashboard panel, read back from its own layout after it is
/// drawn (ScottPlot's data area, axis limits and where each text was rendered): no title, label,
/// milestone, note or legend entry runs off the figure or over another, and tick labels do not
/// collide. The reference run has several sites, milestones and stranded IT; the one-site file has none of those.
/// </summary>
public class ChartLayoutTests
{
    private static readonly Dictionary<string, ChartData> Views = [];

    internal static ChartData View(string file)
    {
        lock (Views)
        {
            if (Views.TryGetValue(file, out var view)) return view;
            var result = TestScenarios.Run(TestScenarios.ReadRepoFile(file), samples: 200);
            var statistics = RunStatistics.Of(result, result.Scenario.Percentiles);
            return Views[file] = new ChartData(result, statistics.Monthly, statistics.Annual) { Dispatch = CapacitySim.Core.Engine.Hourly.DispatchDays.Of(result.Scenario, result.Scenario.End) };
        }
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (string file in new[] { "scenarios/meta-superintelligence.yaml", "scenarios/examples/single-site-linear.yaml", "scenarios/examples/solar-battery-gas.yaml" })
            foreach (string chart in new[] { "power.png", "compute.png", "energy.png", "capex.png", "frontier.png", "compute-per-researcher.png", "cfe.png", "dispatch.png" })
                foreach (bool panel in new[] { false, true })
                    yield return new TestCaseData(file, chart, panel).SetName($"{Path.GetFileNameWithoutExtension(file)} {chart} {(panel ? "panel" : "chart")}");
    }

    [TestCaseSource(nameof(Cases))]
    public void NoTextIsClippedOrOverlapped(string file, string chart, bool panel)
    {
        var view = View(file);
        var make = RunCharts.Charts(view).FirstOrDefault(c => c.File == chart).Make;
        if (make is null)
        {
            if (chart is "cfe.png" or "dispatch.png") Assert.That(view.HasTypedSources, Is.False, $"{chart} is drawn whenever a site has typed sources");
            else Assert.That(view.HasResearchers, Is.False, $"{chart} is drawn whenever the run has researchers");
            return;
        }
        var frame = panel ? ChartFrame.Panel : ChartFrame.Chart;
        CheckLayout(make(frame), frame.Width, frame.Height);
    }

    [TestCase("scenarios/meta-superintelligence.yaml")]
    [TestCase("scenarios/examples/single-site-linear.yaml")]
    [TestCase("scenarios/examples/solar-battery-gas.yaml")]
    public void TheStackedChartsPartsToo(string file)
    {
        // emissions.png and cost.png: two charts each, one above the other, each in a half frame.
        var view = View(file);
        foreach (var (name, parts) in RunCharts.Stacked(view))
            for (int k = 0; k < parts.Length; k++)
            {
                var plot = parts[k](ChartFrame.Half);
                Assert.DoesNotThrow(() => CheckLayout(plot, ChartFrame.Half.Width, ChartFrame.Half.Height), $"{name} part {k + 1}");
            }
    }

    [Test]
    public void CompareAndTornadoChartsToo()
    {
        // Six scenarios' names in a legend, plans-end labels, a FLOP log axis; a tornado's long parameter names.
        string golden = Path.Combine(TestScenarios.RepoRoot, "tests", "CapacitySim.Tests", "IO", "Csv", "Golden");
        var runs = new[] { "meta-superintelligence", "meta-hyperion-delayed", "openai-stargate", "xai-colossus", "anthropic-compute", "google-tpu" }
            .Select(n => new CapacitySim.IO.Compare.ComparedRun(n, n + ".yaml", "folder", Reused: true, Samples: 1,
                CapacitySim.IO.Compare.SummaryTable.Read(Path.Combine(golden, "single-site-linear.monthly.csv")),
                CapacitySim.IO.Compare.SummaryTable.Read(Path.Combine(golden, "single-site-linear.annual.csv")), PlansEnd: "2025-06"))
            .ToList();
        var comparison = new CapacitySim.IO.Compare.Comparison(runs, CapacitySim.IO.Compare.Comparison.DefaultMetrics, "total");
        foreach (var metric in comparison.Metrics)
            CheckLayout(CapacitySim.IO.Compare.CompareCharts.Draw(comparison, metric), ChartStyle.Width, ChartStyle.Height);
        var scenario = TestScenarios.Parse(TestScenarios.ReadRepoFile("scenarios/meta-superintelligence.yaml"));
        var sensitivity = CapacitySim.Core.Sensitivity.SensitivityAnalysis.Run(scenario, Metric.FrontierRunFlop, "total", new CapacitySim.Core.Model.YearMonth(2030, 12),
            RunPlan.For(scenario, new RunSettings(100, 7)), Engines.Fast);
        CheckLayout(CapacitySim.IO.Sensitivity.SensitivityOutputs.Tornado(scenario.Name, sensitivity), ChartStyle.Width, ChartStyle.Height);
    }

    [Test]
    public void TimeToPowerChartToo()
    {
        // A chart of its own only: it is not a dashboard panel.
        // The reference run: nine phases and sources, four announced dates in the legend.
        var scenario = TestScenarios.Parse(TestScenarios.ReadRepoFile("scenarios/meta-superintelligence.yaml"));
        var timelines = CapacitySim.Core.TimeToPower.Timelines.Of(scenario, RunPlan.For(scenario, new RunSettings(200)));
        Assert.That(timelines, Has.Count.GreaterThan(4));
        CheckLayout(TimeToPowerChart.Draw(scenario, timelines, ChartFrame.Chart), ChartFrame.Chart.Width, ChartFrame.Chart.Height);
    }

    [Test]
    public void PlanChartToo()
    {
        // Three targets, two in the same year and one in the run's last month, whose labels must stay apart and on the figure.
        string[] years = ["2024", "2025", "2026", "2027", "2028", "2029", "2030", "2031", "2032"];
        double[] baseline = [800, 1_450, 1_750, 1_750, 1_760, 2_680, 3_570, 3_800, 5_010];
        double[] added = [0, 0, 0, 250, 3_000, 3_000, 0, 0, 0];
        double[] planned = [.. baseline.Select((b, y) => b + added.Take(y + 1).Sum())];
        var data = new PlanChartData("meta-superintelligence", "P50 of 1,000 samples; 90% meet every target (90% asked); dashed: the targets' months", years, baseline, planned, added,
        [
            (2030, 12, "h100e_per_researcher >= 2,000: 99.7% of samples", true),
            (2030, 6, "effective_flops >= 2.00e22 FLOP/s: 91.0% of samples", true),
            (2032, 12, "frontier_run_flop >= 3.00e27 FLOP: 84.2% of samples", false),
        ]);
        CheckLayout(PlanChart.Plot(data), ChartStyle.Width, ChartStyle.Height);
    }

    [Test]
    public void PlanChartOfGrownSourcesToo()
    {
        // The README's plan that grows the example campus's battery: supply 1,020 MW, 400 MW more from the first year.
        string[] years = ["2026", "2027", "2028"];
        double[] baseline = [1_020, 1_020, 1_020];
        double[] planned = [1_420, 1_420, 1_420];
        double[] added = [400, 0, 0];
        var data = new PlanChartData("solar-battery-gas", "P50 of 300 samples; 93.3% meet every target (90% asked); grown: battery at campus", years, baseline, planned, added,
        [
            (2028, 6, "cfe_share >= 0.7: 99% of samples", true),
            (2028, 6, "unserved_hours <= 2.00: 94.3% of samples", true),
        ])
        { Quantity = "supply", AxisLabel = "Supply at the end of the year, every source" };
        CheckLayout(PlanChart.Plot(data), ChartStyle.Width, ChartStyle.Height);
    }

    /// <summary>Draws the plot and checks its texts and tick labels from where they were rendered.</summary>
    internal static void CheckLayout(Plot plot, int width, int height)
    {
        using var bitmap = ChartStyle.Render(plot, width, height);
        var layout = plot.RenderManager.LastRender;
        var figure = new PixelRect(0, width, height, 0);

        var texts = Texts(plot).ToList();
        Assert.That(texts.Select(t => t.Name), Has.Some.StartsWith("title"), "the title was drawn and found");
        foreach (var (name, rect) in texts)
            Assert.That(Inside(rect, figure), $"{name} at {rect} runs off the {width}x{height} figure");
        for (int a = 0; a < texts.Count; a++)
            for (int b = a + 1; b < texts.Count; b++)
                Assert.That(Overlap(texts[a].Rect, texts[b].Rect), Is.False, $"{texts[a].Name} {texts[a].Rect} overlaps {texts[b].Name} {texts[b].Rect}");

        // Notes written in the data (the stranded IT, the accelerators of a run) stay inside it.
        foreach (var (name, rect) in texts.Where(t => t.Name.StartsWith("note", StringComparison.Ordinal)))
            Assert.That(Inside(rect, layout.DataRect), $"{name} at {rect} leaves the data area {layout.DataRect}");

        // Tick labels of each axis: neighbours do not touch, and none leaves the figure.
        using var paint = Paint.NewDisposablePaint();
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right })
        {
            bool horizontal = axis == plot.Axes.Bottom;
            var spans = axis.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Length > 0)
                .Where(t => t.Position >= axis.Min && t.Position <= axis.Max)
                .Select(t =>
                {
                    float at = axis.GetPixel(t.Position, layout.DataRect);
                    var size = axis.TickLabelStyle.Measure(t.Label, paint).Size;
                    float half = (horizontal ? size.Width : size.Height) / 2;
                    return (t.Label, From: at - half, To: at + half);
                })
                .OrderBy(s => s.From).ToList();
            foreach (var s in spans)
                Assert.That(s.From >= 0 && s.To <= (horizontal ? width : height), $"tick label {s.Label} runs off the figure");
            for (int i = 1; i < spans.Count; i++)
                Assert.That(spans[i].From, Is.GreaterThan(spans[i - 1].To), $"tick labels {spans[i - 1].Label} and {spans[i].Label} collide");
        }
    }

    [Test]
    public void ThePowerChartDrawsSupplyInItMegawatts()
    {
        var view = View("scenarios/meta-superintelligence.yaml");
        var plot = RunPlots.Power(view, ChartFrame.Chart);
        Assert.That(plot.Axes.Left.Label.Text, Does.StartWith("IT power"));
        var supply = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText.StartsWith("IT the firm supply can power", StringComparison.Ordinal));
        var expected = view.Mean(view.Total, Metric.SupplyFirmItMw);
        var drawn = supply.Data.GetScatterPoints().Select(p => p.Y).ToArray();
        // The axis is in GW here (the run passes 1,000 MW), so each point is the metric / 1,000.
        Assert.That(drawn, Is.EqualTo(expected.Select(v => v / 1000)).Within(1e-9));
        // And not the facility-side firm supply, which is larger by the design PUE.
        Assert.That(drawn.Max(), Is.LessThan(view.Mean(view.Total, Metric.SupplyFirmMw).Max() / 1000));
        // Stranded IT is a legend entry of its own and named on the chart where it is largest.
        Assert.That(plot.Legend.ManualItems.Select(i => i.LabelText), Has.Some.StartsWith("stranded IT"));
        Assert.That(plot.GetPlottables().OfType<Text>().Select(t => t.LabelText), Has.Some.Contains("stranded"));
    }

    [Test]
    public void DashboardPanelsStayLegibleAtAThousandPixels()
    {
        // Shown 1,000 px wide, the dashboard scales by 1000 / its width: its smallest type must stay at 10 px or more.
        double scale = 1000.0 / RunCharts.DashboardSize.Width;
        Assert.That(ChartFrame.Panel.SmallestType * scale, Is.GreaterThanOrEqualTo(10));
        var view = View("scenarios/meta-superintelligence.yaml");
        foreach (var panel in RunCharts.DashboardPanels(view))
        {
            var plot = RunCharts.Charts(view).Single(c => c.File == panel).Make(ChartFrame.Panel);
            using var bitmap = ChartStyle.Render(plot, ChartFrame.Panel.Width, ChartFrame.Panel.Height);
            // A short title of one line: the heading above the panels names the scenario.
            Assert.That(plot.Axes.Title.Label.Text, Does.Not.Contain("\n").And.Not.Contain(view.ScenarioName), panel);
            foreach (var (name, _) in Texts(plot))
                Assert.That(FontSizeOf(plot, name) * scale, Is.GreaterThanOrEqualTo(10), $"{panel}: {name}");
        }
    }

    /// <summary>Every text of a drawn plot with where it was rendered.</summary>
    private static IEnumerable<(string Name, PixelRect Rect)> Texts(Plot plot)
    {
        if (plot.Axes.Title.Label.Text.Length > 0) yield return ("title", plot.Axes.Title.Label.LastRenderPixelRect);
        foreach (var (name, axis) in new (string, IAxis)[] { ("left axis label", plot.Axes.Left), ("right axis label", plot.Axes.Right), ("bottom axis label", plot.Axes.Bottom) })
            if (axis.Label.Text.Length > 0) yield return (name, Turned(axis.Label));
        foreach (var line in plot.GetPlottables().OfType<AxisLine>().Where(l => !string.IsNullOrEmpty(l.Text)))
            yield return ($"milestone {line.Text}", line.LabelStyle.LastRenderPixelRect);
        foreach (var text in plot.GetPlottables().OfType<Text>())
            yield return ($"note {text.LabelText}", text.LabelStyle.LastRenderPixelRect);
        foreach (var item in plot.Legend.GetItems().Where(i => !string.IsNullOrEmpty(i.LabelText)))
            yield return ($"legend {item.LabelText}", item.LabelLastRenderPixelRect);
    }

    /// <summary>
    /// Where a label was drawn, on the page: ScottPlot records a turned label's rectangle before it
    /// is turned about its centre, so a quarter turn swaps its width and height. Its thickness
    /// across the axis is then the line height, padding included, a few pixels more than the glyphs
    /// (the turned side label sits those pixels from the edge): 4 px of it are not counted.
    /// </summary>
    private static PixelRect Turned(LabelStyle label)
    {
        var r = label.LastRenderPixelRect;
        if (Math.Abs(Math.Abs(label.Rotation) - 90) > 0.1) return r;
        float cx = (r.Left + r.Right) / 2, cy = (r.Top + r.Bottom) / 2, across = r.Height / 2 - 4, along = r.Width / 2;
        return new PixelRect(cx - across, cx + across, cy + along, cy - along);
    }

    private static float FontSizeOf(Plot plot, string name) => name switch
    {
        "title" => plot.Axes.Title.Label.FontSize,
        "left axis label" => plot.Axes.Left.Label.FontSize,
        "right axis label" => plot.Axes.Right.Label.FontSize,
        "bottom axis label" => plot.Axes.Bottom.Label.FontSize,
        _ when name.StartsWith("milestone ", StringComparison.Ordinal) => plot.GetPlottables().OfType<AxisLine>().First(l => name == $"milestone {l.Text}").LabelFontSize,
        _ when name.StartsWith("note ", StringComparison.Ordinal) => plot.GetPlottables().OfType<Text>().First(t => name == $"note {t.LabelText}").LabelFontSize,
        _ => plot.Legend.FontSize ?? 0,
    };

    private static bool Inside(PixelRect rect, PixelRect outer) =>
        rect.Width > 0 && rect.Left >= outer.Left - 0.5f && rect.Right <= outer.Right + 0.5f && rect.Top >= outer.Top - 0.5f && rect.Bottom <= outer.Bottom + 0.5f;

    private static bool Overlap(PixelRect a, PixelRect b) =>
        a.Left < b.Right - 0.5f && b.Left < a.Right - 0.5f && a.Top < b.Bottom - 0.5f && b.Top < a.Bottom - 0.5f;
}
