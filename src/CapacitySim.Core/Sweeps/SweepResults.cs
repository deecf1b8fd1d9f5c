using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;

namespace CapacitySim.Core.Sweeps;

/// <summary>One point's statistics of one metric in one month: the mean and each requested percentile over its samples.</summary>
public sealed record SweepRow(int Point, Metric Metric, string Month, double Mean, double[] Percentiles);

/// <summary>
/// What a sweep computed: for each point its axis values (the nominal value of each axis's value
/// at that point) and one row per metric and month. Rows are ordered by point, then metric in the
/// sweep's order, then month in the sweep's order; the same results give the same files however
/// they were sharded.
/// </summary>
public sealed class SweepResults
{
    public SweepResults(IReadOnlyList<string> axisNames, IReadOnlyList<Metric> metrics, IReadOnlyList<string> months,
        IReadOnlyList<double> percentiles, IReadOnlyDictionary<int, double[]> axisValues, IEnumerable<SweepRow> rows)
    {
        AxisNames = axisNames;
        Metrics = metrics;
        Months = months;
        Percentiles = percentiles;
        AxisValues = axisValues;
        var metricOrder = metrics.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i);
        var monthOrder = months.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i);
        Rows = [.. rows.OrderBy(r => r.Point).ThenBy(r => metricOrder[r.Metric]).ThenBy(r => monthOrder[r.Month])];
        Points = [.. axisValues.Keys.Order()];
    }

    /// <summary>The axes' names, in the sweep file's order: the columns after the point index.</summary>
    public IReadOnlyList<string> AxisNames { get; }

    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Months as YYYY-MM, in the sweep file's order.</summary>
    public IReadOnlyList<string> Months { get; }

    /// <summary>Percentile levels of every row.</summary>
    public IReadOnlyList<double> Percentiles { get; }

    /// <summary>Each point's axis values by point index.</summary>
    public IReadOnlyDictionary<int, double[]> AxisValues { get; }

    /// <summary>The point indices present, ascending.</summary>
    public IReadOnlyList<int> Points { get; }

    public IReadOnlyList<SweepRow> Rows { get; }

    /// <summary>Index of the P50 among the percentiles, or -1 (then the mean stands for the middle).</summary>
    public int MedianIndex => Percentiles.ToList().IndexOf(50);

    /// <summary>"P50", or "mean" when 50 is not among the percentiles.</summary>
    public string MiddleLabel => MedianIndex >= 0 ? "P50" : "mean";

    /// <summary>The middle value of a row: its P50, else its mean.</summary>
    public double Middle(SweepRow row) => MedianIndex >= 0 ? row.Percentiles[MedianIndex] : row.Mean;

    /// <summary>
    /// The rows of one point computed from its result at scope <paramref name="scope"/>: mean and
    /// percentiles over the samples, exactly as <c>capsim run</c>'s monthly.csv has them.
    /// </summary>
    public static List<SweepRow> RowsOf(int point, SimulationResult result, int scope, IReadOnlyList<Metric> metrics, IReadOnlyList<int> monthIndices, IReadOnlyList<double> percentiles)
    {
        var rows = new List<SweepRow>(metrics.Count * monthIndices.Count);
        var scratch = new double[result.Samples];
        foreach (var metric in metrics)
            foreach (int t in monthIndices)
            {
                var values = result.Values(scope, metric, t);
                var ps = new double[percentiles.Count];
                Statistics.Percentiles.Compute(values, percentiles, scratch, ps);
                rows.Add(new SweepRow(point, metric, result.PeriodLabels[t], Summary.Mean(values), ps));
            }
        return rows;
    }
}
