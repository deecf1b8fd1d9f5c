using CapacitySim.Core.Engine;
using CapacitySim.Core.Sweeps;
using CapacitySim.IO.Charts;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// heatmap-&lt;metric&gt;-&lt;month&gt;.png: one panel per pair of axes, each cell the metric's middle
/// value (written in it) at that pair of values with the other axes at their middle values (a
/// Latin hypercube: the mean over the points in each bin). One colour scale per panel, dark to light as
/// the value rises. A sweep of one axis has no pair, and no heatmap.
/// </summary>
public static class SweepHeatmaps
{
    public const int PanelWidth = 800;
    public const int PanelHeight = 600;
    private static readonly ScottPlot.Colormaps.Viridis Colormap = new();

    /// <summary>The file names written, in order.</summary>
    public static IEnumerable<string> Files(SweepResults results) =>
        results.AxisNames.Count < 2 ? [] : results.Metrics.SelectMany(m => results.Months.Select(month => FileName(m, month)));

    public static string FileName(Metric metric, string month) => $"heatmap-{metric.Info().Name}-{month}.png";

    public static void Write(string folder, SweepFile sweep, SweepMetadata metadata, SweepResults results)
    {
        if (results.AxisNames.Count < 2) return;
        ChartFonts.EnsureRegistered();
        var pairs = new List<(int X, int Y)>();
        for (int y = 0; y < results.AxisNames.Count; y++)
            for (int x = y + 1; x < results.AxisNames.Count; x++) pairs.Add((x, y));
        var labels = sweep.Axes.Select(a => (IReadOnlyList<string>)(a.Range is null ? [.. a.Values.Select(v => v.Label)] : [])).ToList();
        var work = new List<Action>();
        foreach (var metric in results.Metrics)
            foreach (string month in results.Months)
                work.Add(() => Draw(Path.Combine(folder, FileName(metric, month)), sweep, metadata, results, pairs, labels, metric, month));
        Concurrent.Run([.. work]);
    }

    private static void Draw(string path, SweepFile sweep, SweepMetadata metadata, SweepResults results, List<(int X, int Y)> pairs,
        List<IReadOnlyList<string>> labels, Metric metric, string month)
    {
        int columns = Math.Min(3, pairs.Count), rows = (pairs.Count + columns - 1) / columns;
        using var image = ChartStyle.NewBitmap(columns * PanelWidth, ChartStyle.HeadingHeight + rows * PanelHeight);
        var info = metric.Info();
        var grids = pairs.Select(pair => SweepAnalysis.Heatmap(results, sweep.Design, labels, sweep.Ranges, metric, month, pair.X, pair.Y, SweepReport.Num)).ToList();
        // One colour scale for every panel, so a colour means the same value across them.
        var values = grids.SelectMany(g => g.Values.SelectMany(r => r)).ToList();
        var range = Range(values);
        var (low, high) = Spread(values);
        string how = sweep.IsLatinHypercube ? "mean over the points in each cell" : "other axes at their middle values";
        ChartStyle.DrawHeading(image, $"{metadata.Sweep}: {info.Title}, {month}, {sweep.Scope}",
            $"{results.MiddleLabel} over {metadata.Samples:N0} samples; {how}; colour from {Units.Format(range.Low, info.Unit, range.High)} (dark) to {Units.Format(range.High, info.Unit)} (light); " +
            $"cells span {Units.Format(low, info.Unit, high)} to {Units.Format(high, info.Unit)}, {SpreadShare(values)} of their mean");
        for (int k = 0; k < pairs.Count; k++)
        {
            var grid = grids[k];
            using var panel = ChartStyle.Region(image, k % columns * PanelWidth, ChartStyle.HeadingHeight + k / columns * PanelHeight, PanelWidth, PanelHeight);
            ChartStyle.Render(Panel(grid, results, info, range), panel);
        }
        ChartStyle.SavePng(image, path);
    }

    /// <summary>
    /// The colour scale: from zero to the highest value when no value is below zero (the metrics are
    /// amounts, and zero is where an amount starts, so a spread of a few percent stays a few percent
    /// of the scale), else from the lowest to the highest; (0, 1) when there is no value.
    /// </summary>
    public static (double Low, double High) Range(IEnumerable<double> values)
    {
        var (low, high) = Spread(values);
        if (!double.IsFinite(low)) return (0, 1);
        if (low >= 0) return (0, high > 0 ? high : 1);
        return high > low ? (low, high) : (low - 1, high + 1);
    }

    /// <summary>The lowest and highest finite value; NaN when there is none.</summary>
    private static (double Low, double High) Spread(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count > 0 ? (finite.Min(), finite.Max()) : (double.NaN, double.NaN);
    }

    /// <summary>(highest - lowest) / mean of the finite values as a percentage, "n/a" when the mean is 0 or there is none.</summary>
    public static string SpreadShare(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0 || finite.Average() == 0) return "n/a";
        double share = (finite.Max() - finite.Min()) / Math.Abs(finite.Average()) * 100;
        return share.ToString(share >= 10 ? "0" : "0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>The colour scale as ScottPlot's colour bar reads it.</summary>
    private sealed class ColourScale(double low, double high) : IHasColorAxis
    {
        public IColormap Colormap => SweepHeatmaps.Colormap;
        public ScottPlot.Range GetRange() => new(low, high);
    }

    /// <summary>One pair of axes: a cell per pair of values, coloured on the scale <paramref name="range"/> (the panel's own when not given) and labelled with the value.</summary>
    public static Plot Panel(HeatmapGrid grid, SweepResults results, MetricInfo info, (double Low, double High)? range = null)
    {
        var frame = ChartFrame.Panel;
        var plot = ChartStyle.NewPlot($"{results.AxisNames[grid.AxisY]} x {results.AxisNames[grid.AxisX]}", "", frame);
        var (low, high) = range ?? Range(grid.Values.SelectMany(r => r));
        for (int j = 0; j < grid.Values.Length; j++)
            for (int i = 0; i < grid.Values[j].Length; i++)
            {
                double value = grid.Values[j][i];
                var cell = plot.Add.Rectangle(i - 0.5, i + 0.5, j - 0.5, j + 0.5);
                cell.LineWidth = 1;
                cell.LineColor = Colors.White;
                double shade = high > low ? (value - low) / (high - low) : 0.5;
                cell.FillColor = double.IsFinite(value) ? Colormap.GetColor(shade) : Colors.LightGray;
                var text = plot.Add.Text(double.IsFinite(value) ? Units.Format(value, info.Unit) : "no point", i, j);
                text.LabelFontSize = grid.Values[j].Length > 6 ? 11 : 15;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = double.IsFinite(value) && shade < 0.6 ? Colors.White : Colors.Black;
            }
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. Enumerable.Range(0, grid.XLabels.Count).Select(i => (double)i)], [.. grid.XLabels]);
        plot.Axes.Left.TickGenerator = new NumericManual([.. Enumerable.Range(0, grid.YLabels.Count).Select(i => (double)i)], [.. grid.YLabels]);
        plot.Axes.Bottom.Label.Text = results.AxisNames[grid.AxisX];
        plot.Axes.Left.Label.Text = results.AxisNames[grid.AxisY];
        plot.Axes.SetLimits(-0.5, grid.XLabels.Count - 0.5, -0.5, grid.YLabels.Count - 0.5);
        plot.Grid.IsVisible = false;
        // The colour bar, with values in the cells' units: what a colour means without reading every cell.
        var bar = plot.Add.ColorBar(new ColourScale(low, high), Edge.Right);
        // Written as the cells are, in the prefix of the highest value, so a tick reads like the cell beside it.
        Func<double, string> tick = info.Unit == "FLOP" ? Units.Flop : v => Units.Format(v, info.Unit, high);
        bar.Axis.TickGenerator = new NumericAutomatic { LabelFormatter = tick, TargetTickCount = 5 };
        bar.Axis.TickLabelStyle.FontSize = 13;
        bar.Label = info.Unit;
        bar.LabelStyle.FontSize = 14;
        return plot;
    }
}
