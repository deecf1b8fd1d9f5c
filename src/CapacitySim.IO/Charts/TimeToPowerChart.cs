using CapacitySim.Core.Model;
using CapacitySim.Core.TimeToPower;
using ScottPlot;

namespace CapacitySim.IO.Charts;

/// <summary>
/// time-to-power.png: the share of samples in which each phase or source is online by each month
/// (a step per month, one curve per item), with each announced month marked on its curve and the
/// share of samples online by then in the legend.
/// </summary>
public static class TimeToPowerChart
{
    /// <summary>Curves drawn at most; a fleet of thousands of delayed phases shows its first ones.</summary>
    public const int MaxCurves = 12;

    /// <summary>Draws the chart in <paramref name="frame"/>.</summary>
    public static Plot Draw(Scenario scenario, IReadOnlyList<Timeline> timelines, ChartFrame frame)
    {
        var shown = timelines.Take(MaxCurves).ToList();
        string more = timelines.Count > shown.Count ? $"; the first {shown.Count} of {timelines.Count}" : "";
        string samples = shown.Count > 0 ? $"{shown[0].Online.Length:N0} samples" : "no items";
        var plot = frame.IsPanel
            ? ChartStyle.NewPlot("Time to power", "", frame)
            : ChartStyle.NewPlot($"{scenario.Name}: time to power", $"share of {samples} online by month; dots: announced dates{more}", frame);

        // Months from a little before the first item can come online to a little after every item is
        // online in every sample, kept within five years either side of the run.
        int first = shown.Count == 0 ? 0 : shown.Min(t => t.Online.Min()) - 2;
        int last = shown.Count == 0 ? scenario.Months - 1 : shown.Max(t => t.Online.Max()) + 2;
        first = Math.Clamp(first, -60, scenario.Months - 1);
        // From a January when the chart spans years, so the first label is not squeezed against the next.
        if (last - first > 36) first -= (scenario.Start.Month - 1 + first % 12 + 12) % 12;
        last = Math.Clamp(Math.Max(last, first + 6), first + 6, scenario.Months + 59);
        var xs = Enumerable.Range(first, last - first + 1).Select(t => X(scenario.Start.AddMonths(t))).ToArray();
        ChartStyle.DateAxis(plot, xs, frame);

        var curves = new List<IPlottable>();
        for (int k = 0; k < shown.Count; k++)
        {
            var t = shown[k];
            var color = ChartStyle.Colour(k);
            var ys = Enumerable.Range(first, xs.Length).Select(m => 100 * t.ShareOnlineBy(m)).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = frame.IsPanel ? 2 : 3;
            curves.Add(line);
            line.LegendText = timelines.Select(x => x.Site).Distinct().Count() > 1 ? $"{t.Site}: {t.Item}" : t.Item;
            if (t.Announced is { } announced && t.ShareByAnnounced(scenario.Start) is { } share)
            {
                double x = X(announced);
                var marker = plot.Add.Marker(x, 100 * share, MarkerShape.FilledCircle, frame.IsPanel ? 9 : 12, color);
                marker.MarkerLineColor = Colors.White;
                marker.MarkerLineWidth = 1.5f;
                // The odds go in the legend, which never covers a curve: dates close together would crowd labels on the plot.
                line.LegendText += string.Create(System.Globalization.CultureInfo.InvariantCulture, $" ({100 * share:0}% by {announced})");
            }
        }
        plot.Axes.SetLimitsY(0, 105);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(10);
        plot.Axes.Left.Label.Text = "samples online (%)";
        plot.Axes.SetLimitsX(xs[0], xs[^1] + 31);
        if (shown.Count > 0) ChartParts.Legend(plot, frame, curves);
        return plot;
    }

    /// <summary>Writes time-to-power.png into <paramref name="folder"/>.</summary>
    public static void Write(string folder, Scenario scenario, IReadOnlyList<Timeline> timelines)
    {
        ChartFonts.EnsureRegistered();
        using var bitmap = ChartStyle.Render(Draw(scenario, timelines, ChartFrame.Chart), ChartStyle.Width, ChartStyle.Height);
        ChartStyle.SavePng(bitmap, Path.Combine(folder, "time-to-power.png"));
    }

    private static double X(YearMonth month) => ChartStyle.MonthX(month.Year, month.Month);
}
