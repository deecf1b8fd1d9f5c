using System.Text.RegularExpressions;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Sweeps;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Charts;
using CapacitySim.IO.Compare;
using CapacitySim.IO.Sensitivity;
using CapacitySim.IO.Sweeps;
using ScottPlot;
using ScottPlot.Plottables;

namespace CapacitySim.Tests.IO.Charts;

/// <summary>
/// What the charts say, read back from the drawn plots: FLOP in powers of ten and one FLOP/s prefix
/// per axis, published runs beside the largest run, labels off the lines they describe, capex to
/// date on the bars' own scale, heatmaps with a colour bar that starts at zero, and tornado rows
/// named as people name the parameters.
/// </summary>
public class ChartReadingTests
{
    private const string Reference = "scenarios/meta-superintelligence.yaml";

    private static Plot Drawn(Plot plot, int width = ChartStyle.Width, int height = ChartStyle.Height)
    {
        using var bitmap = ChartStyle.Render(plot, width, height);
        return plot;
    }

    private static Plot Chart(string file, ChartFrame frame, string scenario = Reference)
    {
        var view = ChartLayoutTests.View(scenario);
        return Drawn(RunCharts.Charts(view).Single(c => c.File == file).Make(frame), frame.Width, frame.Height);
    }

    private static List<string> TickLabels(IAxis axis) =>
        [.. axis.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Length > 0 && t.Position >= axis.Min && t.Position <= axis.Max).Select(t => t.Label)];

    private static readonly Regex PowerOfTen = new(@"^\d(\.\d{1,2})?e\d{1,2}$");
    private static readonly Regex Prefixed = new(@"[kMGTPEZYRQ]FLOP");

    /// <summary>A FLOP axis: every label a power of ten (3e25, 1e27), no SI prefix anywhere on it.</summary>
    private static void FlopAxis(IAxis axis, string what)
    {
        var labels = TickLabels(axis);
        Assert.That(labels, Is.Not.Empty, what);
        foreach (string label in labels)
            Assert.That(PowerOfTen.IsMatch(label), $"{what}: tick '{label}' is not a power of ten");
        Assert.That(Prefixed.IsMatch(axis.Label.Text), Is.False, $"{what}: axis title '{axis.Label.Text}' has an SI prefix");
    }

    /// <summary>A FLOP/s axis: the one prefix in its title, none beyond exa, and plain numbers on the ticks.</summary>
    private static void FlopsAxis(IAxis axis, string what)
    {
        var prefixes = Regex.Matches(axis.Label.Text, @"([kMGTPEZYRQ]?)FLOP/s").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(prefixes, Has.Count.EqualTo(1), $"{what}: axis title '{axis.Label.Text}' names one FLOP/s unit");
        Assert.That("ZYRQ".Contains(prefixes[0]) && prefixes[0].Length > 0, Is.False, $"{what}: prefix {prefixes[0]} is beyond exa");
        foreach (string label in TickLabels(axis))
            Assert.That(label, Does.Match(@"^[\d,.]+$"), $"{what}: tick '{label}' carries its own unit");
    }

    [Test]
    public void FlopAxesShowPowersOfTenAndFlopsAxesOnePrefix()
    {
        foreach (var frame in new[] { ChartFrame.Chart, ChartFrame.Panel })
        {
            FlopAxis(Chart("frontier.png", frame).Axes.Left, $"frontier.png {frame.Width}");
            FlopsAxis(Chart("compute.png", frame).Axes.Left, $"compute.png {frame.Width}");
        }
        var comparison = Comparison();
        FlopAxis(Drawn(CompareCharts.Draw(comparison, comparison.Metrics.Single(m => m.Info.Metric == Metric.FrontierRunFlop))).Axes.Left, "compare frontier");
        FlopsAxis(Drawn(CompareCharts.Draw(comparison, comparison.Metrics.Single(m => m.Info.Metric == Metric.EffectiveFlops))).Axes.Left, "compare effective_flops");
        var scenario = TestScenarios.Parse(TestScenarios.ReadRepoFile(Reference));
        var plan = RunPlan.For(scenario, new RunSettings(100, 7));
        var month = new CapacitySim.Core.Model.YearMonth(2030, 12);
        FlopAxis(Drawn(SensitivityOutputs.Tornado(scenario.Name, CapacitySim.Core.Sensitivity.SensitivityAnalysis.Run(scenario, Metric.FrontierRunFlop, "total", month, plan, Engines.Fast))).Axes.Bottom, "tornado FLOP");
        FlopsAxis(Drawn(SensitivityOutputs.Tornado(scenario.Name, CapacitySim.Core.Sensitivity.SensitivityAnalysis.Run(scenario, Metric.EffectiveFlops, "total", month, plan, Engines.Fast))).Axes.Bottom, "tornado FLOP/s");
    }

    [Test]
    public void CompareTablesWriteARowInOnePrefix()
    {
        // 2026 in the reference comparison: 683 EFLOP/s beside 1.06 ZFLOP/s [945 EFLOP/s, 1.16 ZFLOP/s] read in two units.
        var comparison = Comparison();
        var doc = comparison.Report("t", new Dictionary<string, string>()).ToMarkdown();
        foreach (string row in doc.Split('\n').Where(l => Regex.IsMatch(l, @"^\| \d{4} ") && l.Contains("FLOP/s")))
            Assert.That(Regex.Matches(row, @"[kMGTPEZYRQ]?FLOP/s").Select(m => m.Value).Distinct().Count(), Is.EqualTo(1), row);
        Assert.That(CapacitySim.IO.Compare.Comparison.Cell(comparison.Runs[0], new SummaryValues("FLOP/s", 6.83e20, [6.11e20, 6.83e20, 7.44e20]), 1.06e21),
            Is.EqualTo("0.683 ZFLOP/s"));
    }

    /// <summary>Six scenarios over the golden single-site run's months (2025), with bands, as the layout test compares them.</summary>
    private static Comparison Comparison()
    {
        string golden = Path.Combine(TestScenarios.RepoRoot, "tests", "CapacitySim.Tests", "IO", "Csv", "Golden");
        var runs = new[] { "a", "b" }.Select((n, k) => new ComparedRun(n, n + ".yaml", "folder", Reused: true, Samples: 1 + k,
                SummaryTable.Read(Path.Combine(golden, "single-site-linear.monthly.csv")),
                SummaryTable.Read(Path.Combine(golden, "single-site-linear.annual.csv")), PlansEnd: null)).ToList();
        return new Comparison(runs, CapacitySim.IO.Compare.Comparison.DefaultMetrics, "total");
    }

    [Test]
    public void PublishedRunsAreDrawnWithTheirNamesAndSources()
    {
        var runs = PublishedRuns.Load();
        Assert.That(runs.Select(r => r.Name), Is.SupersetOf(new[] { "Llama 3 405B", "Grok 4" }));
        Assert.That(runs.Single(r => r.Name == "Llama 3 405B").Flop, Is.EqualTo(3.8e25));   // Llama 3 paper
        string sources = File.ReadAllText(Path.Combine(TestScenarios.RepoRoot, "docs", "sources.md"));
        foreach (var run in runs)
        {
            Assert.That(run.Source, Does.Match(@"\[(src|sec|est|derived)[:\]]"), $"{run.Name}: its figure is tagged with its source");
            Assert.That(sources, Does.Contain(run.Name), $"{run.Name} is in docs/sources.md");
        }

        // On frontier.png: the runs released in the scenario's months, as points with a label naming each.
        foreach (var frame in new[] { ChartFrame.Chart, ChartFrame.Panel })
        {
            var plot = Chart("frontier.png", frame);
            var points = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText == "published training runs");
            var drawn = points.Data.GetScatterPoints().Select(p => Math.Round(Math.Pow(10, p.Y) / 1e24, 3)).Order().ToList();
            Assert.That(drawn, Is.EqualTo(new[] { 38.0, 500.0 }), "Llama 3 405B (2024-07) and Grok 4 (2025-07), in 1e24 FLOP; GPT-4 (2023-03) is before the run");
            var notes = plot.GetPlottables().OfType<Text>().Select(t => t.LabelText).ToList();
            Assert.That(notes, Has.Some.StartsWith("Llama 3 405B").And.Some.StartsWith("Grok 4"));
            Assert.That(plot.Axes.Left.Min, Is.LessThan(Math.Log10(3.8e25)), "the lowest point is on the axis");
        }
        // And on the comparison's frontier chart (its months are 2025: Grok 4).
        var comparison = Comparison();
        var compare = Drawn(CompareCharts.Draw(comparison, comparison.Metrics.Single(m => m.Info.Metric == Metric.FrontierRunFlop)));
        Assert.That(compare.GetPlottables().OfType<Text>().Select(t => t.LabelText), Has.Some.StartsWith("Grok 4"));
    }

    /// <summary>A series' value at <paramref name="x"/>: between its points, or the last point's up to the next for steps.</summary>
    private static double ValueAt(double[] xs, double[] ys, double x, bool step)
    {
        int i = Array.FindLastIndex(xs, v => v <= x);
        if (i < 0) return double.NaN;
        if (i == xs.Length - 1 || step) return ys[i];
        double f = (x - xs[i]) / (xs[i + 1] - xs[i]);
        return ys[i] + f * (ys[i + 1] - ys[i]);
    }

    /// <summary>Where each series is drawn across the rectangle's width, in pixels, checked against it by <paramref name="clear"/>.</summary>
    private static void AcrossRect(Plot plot, PixelRect rect, IAxis yAxis, IEnumerable<(string Name, double[] Xs, double[] Ys, bool Step)> series, Func<float, bool> clear, string what)
    {
        var data = plot.RenderManager.LastRender.DataRect;
        foreach (var (name, xs, ys, step) in series)
            for (float px = rect.Left; px <= rect.Right; px += 1)
            {
                double y = ValueAt(xs, ys, plot.Axes.Bottom.GetCoordinate(px, data), step);
                if (!double.IsFinite(y)) continue;
                float py = yAxis.GetPixel(y, data);
                Assert.That(clear(py), $"{what}: {name} is drawn at y = {py} px under x = {px} px, across {rect}");
            }
    }

    [Test]
    public void TheStrandedNoteSitsAboveTheLinesAndAreasAndSupplyIsDrawnInSteps()
    {
        var view = ChartLayoutTests.View(Reference);
        foreach (var frame in new[] { ChartFrame.Chart, ChartFrame.Panel })
        {
            var plot = Chart("power.png", frame);
            var note = plot.GetPlottables().OfType<Text>().SingleOrDefault(t => t.LabelText.Contains("stranded"));
            if (note is null)
            {
                // No room between the milestones: the figure is in the legend instead, and nothing is drawn over the data.
                Assert.That(plot.GetPlottables().OfType<FillY>().Select(f => f.LegendText), Has.One.Match(@"^stranded IT(: built, no power)? \(at most [0-9.]+ MW(, \d{4}-\d{2})?\)$"), $"power.png {frame.Width}");
                continue;
            }
            var rect = note.LabelStyle.LastRenderPixelRect;
            double divisor = 1000;   // the reference run's axis is in GW
            double[] Scaled(Metric m) => [.. view.Mean(view.Total, m).Select(v => v / divisor)];
            // Above every line and the top of the stacked areas (areas reach down to zero, so above is the only place clear of them).
            AcrossRect(plot, rect, plot.Axes.Left,
                [("IT built", view.Xs, Scaled(Metric.ItBuiltMw), false), ("IT powered", view.Xs, Scaled(Metric.ItPoweredMw), false),
                 ("firm supply", view.Xs, Scaled(Metric.SupplyFirmItMw), true)],
                py => py > rect.Bottom + 1, $"power.png {frame.Width}");
            var data = plot.RenderManager.LastRender.DataRect;
            foreach (var line in plot.GetPlottables().OfType<VerticalLine>())
            {
                float px = plot.Axes.Bottom.GetPixel(line.X, data);
                Assert.That(px < rect.Left || px > rect.Right, $"the milestone at {DateTime.FromOADate(line.X):yyyy-MM} runs through the note {rect}");
            }
            var supply = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText.StartsWith("IT the firm supply", StringComparison.Ordinal));
            Assert.That(supply.ConnectStyle, Is.EqualTo(ConnectStyle.StepHorizontal), "supply holds for its month, a step, not a slope");
            if (!frame.IsPanel)
                Assert.That(plot.Axes.Title.Label.Text, Does.Contain("means in IT GW").And.Not.Contain(" MW;"), "the subtitle's unit is the axis's");
            Assert.That(plot.Axes.Left.Label.Text, Does.Contain("(GW)"));
        }
    }

    [Test]
    public void AcceleratorCountsSitOffTheRunAndGoodputOnlyWhereThereAreAccelerators()
    {
        var view = ChartLayoutTests.View(Reference);
        foreach (var frame in new[] { ChartFrame.Chart, ChartFrame.Panel })
        {
            var plot = Chart("frontier.png", frame);
            var counts = plot.GetPlottables().OfType<Text>().Where(t => Regex.IsMatch(t.LabelText, @"^[\d.,]+[kM]?$")).ToList();
            Assert.That(counts, Has.Count.GreaterThan(2), "accelerator counts are written");
            double[] Log(double[] v) => ChartStyle.Log10(v);
            var series = new List<(string, double[], double[], bool)>
            {
                ("run FLOP P50", view.Xs, Log(view.Middle(view.Total, Metric.FrontierRunFlop)), false),
                ("run FLOP low", view.Xs, Log(view.Percentile(view.Total, Metric.FrontierRunFlop, view.LowIndex)), false),
                ("run FLOP high", view.Xs, Log(view.Percentile(view.Total, Metric.FrontierRunFlop, view.HighIndex)), false),
            };
            foreach (var count in counts)
            {
                var rect = count.LabelStyle.LastRenderPixelRect;
                AcrossRect(plot, rect, plot.Axes.Left, series, py => py < rect.Top - 1 || py > rect.Bottom + 1, $"frontier.png {frame.Width} '{count.LabelText}'");
                var goodput = plot.GetPlottables().OfType<Scatter>().Where(s => s.Axes.YAxis == plot.Axes.Right)
                    .Select(s => ("goodput", s.Data.GetScatterPoints().Select(p => p.X).ToArray(), s.Data.GetScatterPoints().Select(p => p.Y).ToArray(), false));
                AcrossRect(plot, rect, plot.Axes.Right, goodput, py => py < rect.Top - 1 || py > rect.Bottom + 1, $"frontier.png {frame.Width} '{count.LabelText}'");
            }
        }

        // A run whose sites come online half a year in: no accelerators, so no goodput, in its first months.
        var result = TestScenarios.Run("""
            name: late
            start: 2025-01
            end: 2026-12
            samples: 1
            roadmap: [H100]
            sites:
              - name: A
                phases: [{name: P, online: 2025-07, it_mw: 20, ramp_months: 3}]
            """);
        var statistics = CapacitySim.Core.Statistics.RunStatistics.Of(result, result.Scenario.Percentiles);
        var late = new ChartData(result, statistics.Monthly, statistics.Annual);
        var accelerators = late.Middle(late.Total, Metric.FrontierRunAccelerators);
        Assert.That(accelerators, Has.Some.Not.GreaterThan(0), "the case has months without accelerators");
        var frontier = Drawn(RunPlots.Frontier(late, ChartFrame.Chart));
        var drawnAt = frontier.GetPlottables().OfType<Scatter>().Where(s => s.Axes.YAxis == frontier.Axes.Right)
            .SelectMany(s => s.Data.GetScatterPoints()).Where(p => double.IsFinite(p.Y)).Select(p => p.X).ToList();
        Assert.That(drawnAt, Is.Not.Empty);
        foreach (double x in drawnAt)
            Assert.That(accelerators[Array.IndexOf(late.Xs, x)], Is.GreaterThan(0), $"goodput drawn at {DateTime.FromOADate(x):yyyy-MM}, where the run has no accelerators");
    }

    [Test]
    public void CapexToDateIsWrittenOnTheBarsWithNoSecondScale()
    {
        var view = ChartLayoutTests.View(Reference);
        foreach (var frame in new[] { ChartFrame.Chart, ChartFrame.Panel })
        {
            var plot = Chart("capex.png", frame);
            Assert.That(TickLabels(plot.Axes.Right), Is.Empty, "no right-hand scale");
            Assert.That(plot.Axes.Right.Label.Text, Is.Empty);
            Assert.That(plot.GetPlottables().Where(p => p.Axes.YAxis == plot.Axes.Right), Is.Empty, "nothing drawn against a second scale");
            // Each year's capex to date written at the top of that year's bar.
            var cumulative = view.AnnualMean(view.Total, Metric.CapexCumulativeUsd);
            var notes = plot.GetPlottables().OfType<Text>().ToList();
            for (int y = 0; y < view.Years.Length; y++)
            {
                double top = new[] { Metric.CapexFacilityUsd, Metric.CapexHardwareUsd, Metric.CapexSupplyUsd }.Sum(m => view.AnnualMean(view.Total, m)[y]) / 1e9;
                var note = notes.SingleOrDefault(t => t.Location.X == y);
                Assert.That(note, Is.Not.Null, view.Years[y]);
                Assert.That(note!.LabelText, Is.EqualTo(Units.Money(cumulative[y])), view.Years[y]);
                Assert.That(note.Location.Y, Is.EqualTo(top).Within(1e-9), $"{view.Years[y]}: at its bar's top, on the bars' own scale");
            }
        }
    }

    [Test]
    public void HeatmapsHaveAColourBarFromZero()
    {
        // A 2.7% spread: on a scale from its lowest to its highest value it would run dark to light.
        var grid = new HeatmapGrid(1, 0, ["0", "6"], ["a", "b"], [[97.3e9, 98e9], [99e9, 100e9]]);
        var results = new SweepResults(["delay", "mfu"], [Metric.CapexCumulativeUsd], ["2028-12"], [50], new Dictionary<int, double[]>(), []);
        var plot = Drawn(SweepHeatmaps.Panel(grid, results, Metric.CapexCumulativeUsd.Info()), SweepHeatmaps.PanelWidth, SweepHeatmaps.PanelHeight);
        var bar = plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>().SingleOrDefault();
        Assert.That(bar, Is.Not.Null, "the panel has a colour bar");
        Assert.That(bar!.Source.GetRange().Min, Is.EqualTo(0), "amounts start their scale at zero");
        Assert.That(bar.Source.GetRange().Max, Is.EqualTo(100e9));
        Assert.That(TickLabels(bar.Axis), Has.Some.StartsWith("$"), "the bar's values are written in the cells' unit");
        Assert.That(SweepHeatmaps.Range([97.3e9, 100e9]), Is.EqualTo((0.0, 100e9)));
        Assert.That(SweepHeatmaps.SpreadShare([97.3e9, 98e9, 99e9, 100e9]), Is.EqualTo("2.7%"));
    }

    [Test]
    public void TornadoRowsNameParametersAsPeopleDoWithTheirValues()
    {
        var scenario = TestScenarios.Parse(TestScenarios.ReadRepoFile(Reference));
        var result = CapacitySim.Core.Sensitivity.SensitivityAnalysis.Run(scenario, Metric.FrontierRunFlop, "total", new CapacitySim.Core.Model.YearMonth(2030, 12),
            RunPlan.For(scenario, new RunSettings(100, 7)), Engines.Fast);
        var plot = Drawn(SensitivityOutputs.Tornado(scenario.Name, result));
        var labels = TickLabels(plot.Axes.Left);
        Assert.That(labels, Is.Not.Empty);
        foreach (var (label, row) in labels.Zip(result.Moving.Take(labels.Count)))
        {
            Assert.That(label, Does.Not.Contain("[").And.Not.Contain("_").And.Not.StartWith("site ").And.Not.StartWith("phase "), label);
            Assert.That(label, Does.StartWith(ParameterNames.Of(row.Parameter)));
            Assert.That(label, Does.Contain($"{ParameterNames.Value(row.Parameter, row.LowValue)} to {ParameterNames.Value(row.Parameter, row.HighValue)}"), "the values the bars were drawn at");
        }
        Assert.That(labels, Has.Some.StartsWith("All sites · MFU"));
        Assert.That(labels, Has.Some.StartsWith("Training run · MTBF per accelerator (hours)"));
        Assert.That(ParameterNames.Of(new("site Prometheus: pue", "sites[1].pue", 1, 1, CapacitySim.Core.Model.Uncertain.Fixed(1.1), null)), Is.EqualTo("Prometheus · PUE"));
        Assert.That(ParameterNames.Of(new("phase P1 of site West: delay_months", "sites[0].phases[0].delay_months", 1, 1, CapacitySim.Core.Model.Uncertain.Fixed(1), null)), Is.EqualTo("West, P1 · delay (months)"));
    }
}
