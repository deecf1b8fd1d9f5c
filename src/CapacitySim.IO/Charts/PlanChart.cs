using CapacitySim.Core.Engine;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace CapacitySim.IO.Charts;

/// <summary>
/// What plan.png draws, per calendar year: the baseline's IT built (or, for a plan that grows
/// sources, its supply) at the end of the year and what the plan adds on top (P50s of the two runs,
/// in MW), what the plan adds in the year, and each target's month with whether the plan meets it.
/// </summary>
public sealed record PlanChartData(string ScenarioName, string Subtitle, string[] Years, double[] BaselineMw, double[] PlannedMw, double[] AddedInYearMw, IReadOnlyList<(int Year, int Month, string Label, bool Met)> Targets)
{
    /// <summary>What the bars count, in the title: "IT capacity" or "supply".</summary>
    public string Quantity { get; init; } = "IT capacity";
    /// <summary>The value axis' label, before its unit.</summary>
    public string AxisLabel { get; init; } = "IT built at the end of the year";
}

/// <summary>plan.png: the IT capacity (or supply) a plan requires against the baseline, year by year, with the targets' months marked.</summary>
public static class PlanChart
{
    private static readonly Color BaselineColor = Color.FromHex("#9aa5b1");
    private static readonly Color AddedColor = Color.FromHex("#1f77b4");
    private static readonly Color MetColor = Color.FromHex("#2ca02c");
    private static readonly Color UnmetColor = Color.FromHex("#d62728");

    /// <summary>The chart as a plot of <see cref="ChartFrame.Chart"/>'s size.</summary>
    public static Plot Plot(PlanChartData d)
    {
        var frame = ChartFrame.Chart;
        var plot = ChartStyle.NewPlot($"{d.ScenarioName}: {d.Quantity} the plan requires against the baseline", d.Subtitle, frame);
        int years = d.Years.Length;
        double max = d.PlannedMw.Concat(d.BaselineMw).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var unit = Units.Axis("MW", max);
        var baseBars = new Bar[years];
        var addBars = new Bar[years];
        for (int y = 0; y < years; y++)
        {
            double low = Finite(d.BaselineMw[y]) / unit.Divisor, high = Math.Max(low, Finite(d.PlannedMw[y]) / unit.Divisor);
            baseBars[y] = new Bar { Position = y, ValueBase = 0, Value = low, FillColor = BaselineColor, LineWidth = 0, Size = 0.7 };
            addBars[y] = new Bar { Position = y, ValueBase = low, Value = high, FillColor = AddedColor, LineWidth = 0, Size = 0.7 };
        }
        var baseline = plot.Add.Bars(baseBars);
        baseline.LegendText = "baseline";
        var added = plot.Add.Bars(addBars);
        added.LegendText = "added by the plan";
        for (int y = 0; y < years; y++)
        {
            if (!(d.AddedInYearMw[y] > 0)) continue;
            var note = plot.Add.Text($"+{Units.Format(d.AddedInYearMw[y], "MW")}", y, Math.Max(Finite(d.PlannedMw[y]), Finite(d.BaselineMw[y])) / unit.Divisor);
            note.LabelFontSize = frame.NoteSize + 2;
            note.LabelBold = true;
            note.LabelFontColor = AddedColor;
            note.LabelAlignment = Alignment.LowerCenter;
            note.OffsetY = -4;
        }
        var legend = new List<IPlottable> { added, baseline };
        int first = years > 0 ? int.Parse(d.Years[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var lines = d.Targets.Select(target =>
        {
            // A bar stands for the end of its year; the year spans its position +- 0.5, so month m ends at -0.5 + m / 12.
            double x = target.Year - first - 0.5 + target.Month / 12.0;
            var colour = target.Met ? MetColor : UnmetColor;
            var line = plot.Add.VerticalLine(x, 2, colour, LinePattern.Dashed);
            line.ExcludeFromLegend = true;
            return (line, target.Label, colour);
        }).ToList();
        // As many rows as targets, so every target keeps its label; labels that do not collide share a row.
        // The data area: the figure less the left axis and the legend to its right, over the years' positions.
        ChartParts.LabelLines(plot, lines, (years + 0.2) / (frame.Width - 420.0), frame.NoteSize, rows: Math.Max(1, lines.Count));
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. Enumerable.Range(0, years).Select(y => (double)y)], d.Years);
        plot.Axes.SetLimitsX(-0.6, years - 0.4);
        plot.YLabel($"{d.AxisLabel} ({unit.Label})");
        ChartStyle.ZeroBased(plot, max / unit.Divisor * 1.06);
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }

    /// <summary>Draws the chart into <paramref name="path"/> as a PNG.</summary>
    public static void Save(PlanChartData d, string path)
    {
        using var bitmap = ChartStyle.Render(Plot(d), ChartFrame.Chart.Width, ChartFrame.Chart.Height);
        ChartStyle.SavePng(bitmap, path);
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;
}
