using CapacitySim.Core.Engine;

namespace CapacitySim.Core.Sweeps;

/// <summary>How much one axis moves a metric: its middle value at the axis's lowest and highest values, and the range it spans.</summary>
public sealed record AxisSwing(int Axis, double AtLowest, double AtHighest, double Range);

/// <summary>A heatmap's cells: Values[y][x] over the values (or bins) of axis X and axis Y, with their labels.</summary>
public sealed record HeatmapGrid(int AxisX, int AxisY, IReadOnlyList<string> XLabels, IReadOnlyList<string> YLabels, double[][] Values);

/// <summary>
/// What sweep.md and the heatmaps show, computed from <see cref="SweepResults"/>: points ranked by
/// a metric, each axis's swing, and the grid of every pair of axes. On a grid design the other
/// axes are held at their middle values; on a Latin hypercube, whose points share no values,
/// points are grouped by where their values fall (docs/model.md, sweeps).
/// </summary>
public static class SweepAnalysis
{
    /// <summary>The rows of one metric and month, highest middle value first (ties by point index).</summary>
    public static List<SweepRow> Ranked(SweepResults results, Metric metric, string month) =>
        [.. results.Rows.Where(r => r.Metric == metric && r.Month == month).OrderByDescending(results.Middle).ThenBy(r => r.Point)];

    /// <summary>The middle value of every point for one metric and month, by point index.</summary>
    public static Dictionary<int, double> Middles(SweepResults results, Metric metric, string month) =>
        results.Rows.Where(r => r.Metric == metric && r.Month == month).ToDictionary(r => r.Point, results.Middle);

    /// <summary>
    /// Each axis's swing, largest range first. Grid: the axis's values in turn with the other axes at
    /// their middle values. Latin hypercube: the mean over the quarter of points with the axis's
    /// lowest values, and over the quarter with its highest.
    /// </summary>
    public static List<AxisSwing> Swings(SweepResults results, SweepDesign design, Metric metric, string month)
    {
        var middles = Middles(results, metric, month);
        var swings = new List<AxisSwing>();
        for (int a = 0; a < design.Axes; a++)
        {
            double[] line;
            if (design.IsGrid)
            {
                var indices = Enumerable.Range(0, design.Axes).Select(design.MiddleIndex).ToArray();
                line = new double[design.ValueCounts[a]];
                for (int v = 0; v < line.Length; v++)
                {
                    indices[a] = v;
                    line[v] = middles.GetValueOrDefault(design.PointOf(indices), double.NaN);
                }
            }
            else
            {
                var sorted = middles.Keys.OrderBy(p => results.AxisValues[p][a]).ThenBy(p => p).ToList();
                int quarter = Math.Max(1, sorted.Count / 4);
                line = [sorted.Take(quarter).Average(p => middles[p]), sorted.Skip(sorted.Count - quarter).Average(p => middles[p])];
            }
            var finite = line.Where(double.IsFinite).ToList();
            double range = finite.Count == 0 ? double.NaN : finite.Max() - finite.Min();
            swings.Add(new AxisSwing(a, line[0], line[^1], range));
        }
        return [.. swings.OrderByDescending(s => double.IsNaN(s.Range) ? double.NegativeInfinity : s.Range).ThenBy(s => s.Axis)];
    }

    /// <summary>Bins per side of a Latin hypercube heatmap: about two points per cell on average, from 2 to 8.</summary>
    public static int BinsFor(int points) => Math.Clamp((int)Math.Floor(Math.Sqrt(points / 2.0)), 2, 8);

    /// <summary>
    /// The heatmap of axes <paramref name="x"/> and <paramref name="y"/>. Grid: the middle value at
    /// each pair of their values, the other axes at their middle values. Latin hypercube: the mean
    /// middle value of the points in each bin of the two ranges (NaN where a bin has none).
    /// </summary>
    public static HeatmapGrid Heatmap(SweepResults results, SweepDesign design, IReadOnlyList<IReadOnlyList<string>> valueLabels,
        IReadOnlyList<(double Low, double High)> ranges, Metric metric, string month, int x, int y, Func<double, string> formatAxisValue)
    {
        var middles = Middles(results, metric, month);
        if (design.IsGrid)
        {
            var indices = Enumerable.Range(0, design.Axes).Select(design.MiddleIndex).ToArray();
            var values = new double[design.ValueCounts[y]][];
            for (int j = 0; j < values.Length; j++)
            {
                values[j] = new double[design.ValueCounts[x]];
                for (int i = 0; i < values[j].Length; i++)
                {
                    indices[x] = i;
                    indices[y] = j;
                    values[j][i] = middles.GetValueOrDefault(design.PointOf(indices), double.NaN);
                }
            }
            return new HeatmapGrid(x, y, valueLabels[x], valueLabels[y], values);
        }
        int bins = BinsFor(design.Points);
        var sums = new double[bins][];
        var counts = new int[bins][];
        for (int j = 0; j < bins; j++) { sums[j] = new double[bins]; counts[j] = new int[bins]; }
        int Bin(double value, (double Low, double High) r) =>
            r.High > r.Low ? Math.Clamp((int)((value - r.Low) / (r.High - r.Low) * bins), 0, bins - 1) : 0;
        foreach (var (point, middle) in middles)
        {
            int i = Bin(results.AxisValues[point][x], ranges[x]), j = Bin(results.AxisValues[point][y], ranges[y]);
            sums[j][i] += middle;
            counts[j][i]++;
        }
        var cells = sums.Select((row, j) => row.Select((s, i) => counts[j][i] == 0 ? double.NaN : s / counts[j][i]).ToArray()).ToArray();
        string[] Labels((double Low, double High) r) =>
            [.. Enumerable.Range(0, bins).Select(b => formatAxisValue(r.Low + (b + 0.5) / bins * (r.High - r.Low)))];
        return new HeatmapGrid(x, y, Labels(ranges[x]), Labels(ranges[y]), cells);
    }
}
