using CapacitySim.Core.Engine;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace CapacitySim.IO.Charts;

/// <summary>What the run charts share: their title, the phases' milestones, bands, stacked bars and the legend.</summary>
internal static class ChartParts
{
    /// <summary>
    /// A run chart: on its own titled with the scenario and scope and a second line, in a dashboard
    /// panel with the short title alone (the dashboard's heading names the scenario); time charts
    /// get the calendar axis and the phases' milestones.
    /// </summary>
    public static Plot NewPlot(ChartData d, ChartFrame frame, string title, string shortTitle, string subtitle, bool dates = false)
    {
        var plot = frame.IsPanel
            ? ChartStyle.NewPlot(shortTitle, "", frame)
            : ChartStyle.NewPlot($"{d.ScenarioName}, {d.ScopeLabel}: {title}", subtitle, frame);
        if (dates)
        {
            ChartStyle.DateAxis(plot, d.Xs, frame);
            Milestones(plot, d, frame);
        }
        return plot;
    }

    /// <summary>
    /// A thin dotted line where each phase nominally comes online (its online month plus its nominal
    /// delay), labelled with the phase in a strip between the title and the data; phases sharing a
    /// month share a line. Labels that would overlap go one row up, up to the frame's rows; past
    /// them a line is left unlabelled. No lines above <see cref="ChartData.MaxMilestones"/>.
    /// </summary>
    private static void Milestones(Plot plot, ChartData d, ChartFrame frame)
    {
        if (d.Milestones.Count == 0) return;
        // The data area's width, less the left axis and the legend beside a chart of its own.
        double daysPerPixel = (d.Xs[^1] - d.Xs[0] + 31) / (frame.Width - (frame.IsPanel ? 90 : 420));
        var lines = d.Milestones.Select(m =>
        {
            var line = plot.Add.VerticalLine(m.X, 1, Colors.Gray.WithAlpha(0.7), LinePattern.Dotted);
            line.ExcludeFromLegend = true;
            return (line, m.Label, Colors.DimGray);
        }).ToList();
        LabelLines(plot, lines, daysPerPixel, frame.NoteSize, frame.MilestoneRows);
    }

    /// <summary>
    /// Labels vertical lines in a strip between the title and the data, so the title stays clear of
    /// them: left to right, each in the lowest of <paramref name="rows"/> rows where it does not run
    /// into the label before it; a line with no row free is left unlabelled.
    /// <paramref name="unitsPerPixel"/> turns a label's width into x units.
    /// </summary>
    public static void LabelLines(Plot plot, IEnumerable<(VerticalLine Line, string Text, Color Colour)> lines, double unitsPerPixel, float fontSize, int rows)
    {
        // Measured with the style the lines' labels are drawn in; drawn, a label stands about 5 px taller than measured.
        var probe = new VerticalLine { LabelFontSize = fontSize, LabelPadding = 2 };
        using var measure = Paint.NewDisposablePaint();
        float rowHeight = probe.LabelStyle.Measure("Ag", measure).Height + 8;
        var rowEnds = Enumerable.Repeat(double.NegativeInfinity, rows).ToArray();
        int rowsUsed = 0;
        foreach (var (line, text, colour) in lines.OrderBy(l => l.Line.X))
        {
            double halfWidth = (probe.LabelStyle.Measure(text, measure).Width / 2 + 6) * unitsPerPixel;
            int row = Array.FindIndex(rowEnds, end => line.X - halfWidth > end);
            if (row < 0) continue;
            rowEnds[row] = line.X + halfWidth;
            rowsUsed = Math.Max(rowsUsed, row + 1);
            line.Text = text;
            line.LabelOppositeAxis = true;
            line.LabelFontSize = fontSize;
            line.LabelFontColor = colour;
            line.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            line.LabelPadding = 2;
            line.LabelOffsetY = -row * rowHeight;
        }
        if (rowsUsed > 0) plot.Axes.Top.MinimumSize = rowsUsed * rowHeight + 8;
    }

    /// <summary>The middle line of a metric with the band between the outer percentiles; returns what goes in the legend, the middle line last.</summary>
    public static List<IPlottable> Band(Plot plot, ChartData d, int scope, Metric metric, Func<double[], double[]> transform, string label, Color color)
    {
        var legend = new List<IPlottable>();
        if (d.HasSpread)
        {
            var low = transform(d.Percentile(scope, metric, d.LowIndex));
            var high = transform(d.Percentile(scope, metric, d.HighIndex));
            foreach (var (from, to) in ChartStyle.FiniteRuns(low, high))
            {
                if (to - from < 2) continue;
                var fill = plot.Add.FillY(d.Xs[from..to], low[from..to], high[from..to]);
                fill.FillColor = color.WithAlpha(0.18);
                fill.LineWidth = 0;
                if (legend.Count == 0)
                {
                    fill.LegendText = $"{label} {d.LowLabel}-{d.HighLabel}";
                    legend.Add(fill);
                }
            }
        }
        var middle = plot.Add.ScatterLine(d.Xs, transform(d.Middle(scope, metric)), color);
        middle.LineWidth = 3;
        middle.LegendText = $"{label} {d.MiddleLabel}";
        legend.Add(middle);
        return legend;
    }

    /// <summary>
    /// Bars per calendar year with the layers stacked in the order given (the first at the bottom);
    /// the legend lists them top first, as they are seen, after <paramref name="first"/> when given.
    /// </summary>
    public static void StackedBars(Plot plot, ChartFrame frame, ChartData d, (string Name, Color Color, double[] Values)[] layers, double divisor, LegendItem? first = null)
    {
        int years = d.Years.Length;
        var bottom = new double[years];
        var legend = new List<IPlottable>();
        foreach (var (name, color, values) in layers)
        {
            var bars = new Bar[years];
            for (int y = 0; y < years; y++)
            {
                double v = double.IsFinite(values[y]) ? values[y] / divisor : 0;
                bars[y] = new Bar { Position = y, ValueBase = bottom[y], Value = bottom[y] + v, FillColor = color, LineWidth = 0, Size = 0.7 };
                bottom[y] += v;
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = name;
            legend.Insert(0, plottable);
        }
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. Enumerable.Range(0, years).Select(y => (double)y)], d.Years);
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        ChartStyle.ZeroBased(plot, bottom.DefaultIfEmpty(0).Max());
        Legend(plot, frame, (first is null ? [] : new[] { first }).Concat(legend.SelectMany(p => p.LegendItems)));
    }

    /// <summary>Shows the legend outside the data (<see cref="ChartStyle.Legend"/>) with exactly these items, in this order.</summary>
    public static void Legend(Plot plot, ChartFrame frame, IEnumerable<IPlottable> items, bool below = false) =>
        Legend(plot, frame, items.SelectMany(p => p.LegendItems), below);

    /// <summary>As above, with legend items made by hand too (a line of text with no symbol).</summary>
    public static void Legend(Plot plot, ChartFrame frame, IEnumerable<LegendItem> items, bool below = false)
    {
        ChartStyle.Legend(plot, frame, below);
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Legend.ManualItems.Clear();
        plot.Legend.ManualItems.AddRange(items.Where(i => !string.IsNullOrEmpty(i.LabelText)));
    }

    private static readonly Color PublishedColor = Color.FromHex("#9467bd");

    /// <summary>
    /// The published training runs released from <paramref name="from"/> to <paramref name="to"/>
    /// (OLE dates) as points at log10 of their FLOP, each labelled with its model and figure, to the
    /// right of the point or, in the last quarter of the span, to its left so it stays on the data.
    /// Returns the points (for the legend, null when none falls in the span) and their FLOP (for the axis range).
    /// </summary>
    public static (IPlottable? Points, double[] Flop) PublishedRuns(Plot plot, double from, double to, float fontSize)
    {
        var runs = Catalog.PublishedRuns.Load()
            .Select(r => (Run: r, X: ChartStyle.MonthX(r.Released.Year, r.Released.Month)))
            .Where(r => r.X >= from && r.X <= to).ToList();
        if (runs.Count == 0) return (null, []);
        var points = plot.Add.ScatterPoints(runs.Select(r => r.X).ToArray(), runs.Select(r => Math.Log10(r.Run.Flop)).ToArray(), PublishedColor);
        points.MarkerShape = MarkerShape.FilledDiamond;
        points.MarkerSize = 12;
        points.LegendText = "published training runs";
        foreach (var (run, x) in runs)
        {
            bool leftOfPoint = x > from + (to - from) * 0.75;
            var label = plot.Add.Text($"{run.Name}, {Units.Flop(run.Flop)}", x, Math.Log10(run.Flop));
            label.LabelFontSize = fontSize;
            label.LabelBold = true;
            label.LabelFontColor = PublishedColor;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            label.LabelPadding = 2;
            label.LabelAlignment = leftOfPoint ? Alignment.MiddleRight : Alignment.MiddleLeft;
            label.OffsetX = leftOfPoint ? -10 : 10;
        }
        return (points, [.. runs.Select(r => r.Run.Flop)]);
    }

    /// <summary>The colour of the k-th part (site or region), the same on every chart.</summary>
    public static Color SiteColor(int part) => ChartStyle.Colour(part);

    public static double[] Scale(double[] values, double divisor) => [.. values.Select(v => v / divisor)];
}
