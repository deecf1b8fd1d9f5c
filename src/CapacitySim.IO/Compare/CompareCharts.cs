using CapacitySim.Core.Engine;
using CapacitySim.IO.Charts;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace CapacitySim.IO.Compare;

/// <summary>
/// One chart per compared metric: each scenario's middle line (P50) in its own colour with a band
/// between its outermost percentiles, on the months all scenarios share (calendar years for
/// flows). FLOP-based metrics are on a log axis.
/// </summary>
public static class CompareCharts
{
    /// <summary>The title without its parenthesis, for the y axis: "Cumulative capex".</summary>
    private static string AxisName(MetricInfo info) => info.Title is var t && t.IndexOf(" (", StringComparison.Ordinal) is var i and > 0 ? t[..i] : t;

    public static Plot Draw(Comparison comparison, ComparedMetric metric)
    {
        string scope = comparison.Scope == "total" ? "all sites" : comparison.Scope;
        var first = metric.Runs[0];
        string statistic = string.Join("/", metric.Runs.Select(r => Comparison.Middle(r).Label).Distinct());
        string bands = metric.Runs.Select(Comparison.Band).OfType<(int, int, string Label)>().Select(b => b.Label).Distinct() is var labels && labels.Any()
            ? $", {string.Join("/", labels)} bands dotted" : "";
        string span = metric.Periods.Count > 0 ? $"{metric.Periods[0]} to {metric.Periods[^1]}" : "no shared period";
        string names = string.Join(" vs ", metric.Runs.Select(r => r.Name));
        var plot = ChartStyle.NewPlot($"{metric.Info.Title}: {(names.Length <= 60 ? names : $"{metric.Runs.Count} scenarios")}",
            $"scope {scope}; {statistic} lines{bands}; {span}");
        double[] xs = [.. metric.Periods.Select(p => metric.Annual
            ? ChartStyle.MonthX(int.Parse(p, System.Globalization.CultureInfo.InvariantCulture), 7)
            : ChartStyle.MonthX(int.Parse(p[..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[5..], System.Globalization.CultureInfo.InvariantCulture)))];
        bool log = metric.Info.Unit is "FLOP/s" or "FLOP";
        var unit = Unit(metric, comparison);
        var drawn = new List<double>();
        var middles = new List<(string Name, double[] Values)>();
        var legend = new List<IPlottable>();
        IPlottable? partsLegend = null;
        for (int k = 0; k < comparison.Runs.Count; k++)
        {
            var run = comparison.Runs[k];
            if (!metric.Runs.Contains(run)) continue;
            var table = metric.Annual ? run.Annual : run.Monthly;
            var values = metric.Periods.Select(p => table.Find(p, comparison.Scope, metric.Info.Name)).ToList();
            double[] Pick(Func<SummaryValues, double> f) => [.. values.Select(v => v is null ? double.NaN : f(v) / unit.Divisor)];
            var middle = Pick(v => Comparison.MiddleOf(run, v));
            var colour = ChartStyle.Colour(k);
            // Each scenario its own dash and width, the first widest: a line lying on another still shows.
            var pattern = Patterns[k % Patterns.Length];
            float width = Math.Max(1.5f, 4.5f - 1.2f * (k % 3));
            if (Comparison.Band(run) is { } band)
            {
                // The band as two thin lines, not a fill: overlapping fills blend into colours the legend does not have.
                foreach (int level in new[] { band.Low, band.High })
                {
                    var edge = Pick(v => v.Percentiles[level]);
                    drawn.AddRange(edge);
                    var edgeLine = plot.Add.ScatterLine(xs, log ? ChartStyle.Log10(edge) : edge, colour.WithAlpha(0.7));
                    edgeLine.LineWidth = 1.2f;
                    edgeLine.LinePattern = LinePattern.Dotted;
                }
            }
            drawn.AddRange(middle);
            var line = plot.Add.ScatterLine(xs, log ? ChartStyle.Log10(middle) : middle, colour);
            line.LineWidth = width;
            line.LinePattern = pattern;
            if (metric.Annual) line.MarkerSize = 9;
            string same = SameAs(middles, middle, metric) is { } twin ? $"; same as {twin.Name} to {metric.Periods[twin.Until]}" : "";
            line.LegendText = $"{run.Name} ({Comparison.Middle(run).Label}{same})" + (run.Scope.Length > 0 ? $": {run.Scope}" : "");
            middles.Add((run.Name, middle));
            legend.Add(line);
            if (PartEnds(plot, run, metric, xs, log ? ChartStyle.Log10(middle) : middle, colour) is { } ends) partsLegend ??= ends;
        }
        // The largest run read against what was trained: the published runs of the chart's months as labelled points.
        if (metric.Info.Metric == Metric.FrontierRunFlop && xs.Length > 0)
        {
            var published = ChartParts.PublishedRuns(plot, xs[0], xs[^1], 13);
            // A little past the points, so their labels stay on the data.
            drawn.AddRange(published.Flop.SelectMany(f => new[] { f / 1.5, f * 1.5 }));
            if (published.Points is { } points) legend.Add(points);
        }
        if (partsLegend is not null) legend.Add(partsLegend);
        PlansEnd(plot, comparison, metric, xs);
        if (xs.Length > 0)
        {
            if (metric.Annual)
                plot.Axes.Bottom.TickGenerator = new NumericManual(xs, [.. metric.Periods]);
            else
                ChartStyle.DateAxis(plot, xs);
        }
        var positive = drawn.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (log && positive.Count > 0)
        {
            // FLOP in powers of ten; FLOP/s in the one prefix of the largest value (the values are already divided by it).
            plot.YLabel($"{AxisName(metric.Info)} ({unit.Label}, log scale)");
            ChartStyle.LogAxis(plot, positive.Min(), positive.Max(), metric.Info.Unit == "FLOP" ? Units.Flop : Units.Number);
        }
        else
        {
            plot.YLabel($"{AxisName(metric.Info)} ({unit.Label})");
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
            ChartStyle.ZeroBased(plot, drawn.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }
        ChartParts.Legend(plot, ChartFrame.Chart, legend, below: true);
        return plot;
    }

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.DenselyDashed, LinePattern.Dotted];

    /// <summary>
    /// The scenario drawn before whose line this one follows exactly from the first shared period
    /// for a year or more (two years of an annual metric), and the last period it does: said in
    /// the legend, since one line then lies on the other.
    /// </summary>
    private static (string Name, int Until)? SameAs(List<(string Name, double[] Values)> earlier, double[] values, ComparedMetric metric)
    {
        int needed = metric.Annual ? 2 : 12;
        foreach (var (name, other) in earlier)
        {
            int same = 0;
            while (same < values.Length && (values[same] == other[same]
                || Math.Abs(values[same] - other[same]) <= 1e-9 * Math.Max(Math.Abs(values[same]), Math.Abs(other[same]))))
                same++;
            if (same >= needed) return (name, same - 1);
        }
        return null;
    }

    /// <summary>
    /// A dashed line in each scenario's colour where its announced plans end (the last phase's
    /// nominal ramp end) inside the chart's months: after it the scenario builds nothing new, so
    /// its flat line is "nothing announced", not a forecast.
    /// </summary>
    private static void PlansEnd(Plot plot, Comparison comparison, ComparedMetric metric, double[] xs)
    {
        if (xs.Length == 0) return;
        // Scenarios whose plans end in the same month share a line and a label.
        var ends = comparison.Runs.Select((run, k) => (Run: run, K: k))
            .Where(r => metric.Runs.Contains(r.Run) && r.Run.PlansEnd is not null)
            .Select(r => (r.Run, r.K, X: ChartStyle.MonthX(int.Parse(r.Run.PlansEnd![..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(r.Run.PlansEnd[5..], System.Globalization.CultureInfo.InvariantCulture))))
            .Where(r => r.X >= xs[0] && r.X <= xs[^1])
            .GroupBy(r => r.X).OrderBy(g => g.Key).ToList();
        // The data area spans the figure less the left axis (the legend is below it).
        double daysPerPixel = (xs[^1] - xs[0] + 31) / (ChartStyle.Width - 140.0);
        var lines = ends.Select(group =>
        {
            var colour = group.Count() == 1 ? ChartStyle.Colour(group.First().K) : Colors.DimGray;
            var line = plot.Add.VerticalLine(group.Key, 1.5f, colour.WithAlpha(0.8), LinePattern.Dashed);
            line.ExcludeFromLegend = true;
            return (line, $"{string.Join(", ", group.Select(r => r.Run.Name))}: plans end", colour);
        }).ToList();
        // With no row free a line stays, in the scenario's colour, unlabelled.
        ChartParts.LabelLines(plot, lines, daysPerPixel, 12, rows: 3);
    }

    /// <summary>
    /// An open circle on the scenario's line where a part of it (a site) stops growing because its
    /// plans end, inside the chart's periods; the first scenario with one gives the legend entry.
    /// </summary>
    private static IPlottable? PartEnds(Plot plot, ComparedRun run, ComparedMetric metric, double[] xs, double[] ys, Color colour)
    {
        var at = run.PartEnds
            .Select(e => metric.Annual ? metric.Periods.ToList().IndexOf(e.Month[..4]) : metric.Periods.ToList().IndexOf(e.Month))
            .Where(i => i >= 0 && double.IsFinite(ys[i])).Distinct().ToList();
        if (at.Count == 0) return null;
        double[] markX = [.. at.Select(i => xs[i])], markY = [.. at.Select(i => ys[i])];
        var marks = plot.Add.Markers(markX, markY, MarkerShape.OpenCircle, 11, colour);
        marks.MarkerLineWidth = 2;
        marks.LegendText = "a part's plans end (compare.md names it)";
        return marks;
    }

    /// <summary>The display unit of a metric's axis, from the largest value any scenario reaches.</summary>
    private static UnitScale Unit(ComparedMetric metric, Comparison comparison)
    {
        double max = metric.Runs.SelectMany(r => metric.Periods.Select(p => (metric.Annual ? r.Annual : r.Monthly).Find(p, comparison.Scope, metric.Info.Name)))
            .OfType<SummaryValues>().SelectMany(v => v.Percentiles.Append(v.Mean)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        return Units.Axis(metric.Info.Unit, max, metric.Annual);
    }
}
