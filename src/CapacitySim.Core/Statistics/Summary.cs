using CapacitySim.Core.Engine;

namespace CapacitySim.Core.Statistics;

/// <summary>Mean and requested percentiles of one period, scope and metric over samples.</summary>
public sealed record SummaryRow(int Period, int Scope, Metric Metric, double Mean, double[] Percentiles);

/// <summary>Statistics over samples of every period, scope and metric of a <see cref="SampleSeries"/>.</summary>
public sealed class Summary
{
    private readonly Dictionary<(int Period, int Scope, Metric Metric), SummaryRow> _index;

    private Summary(SampleSeries source, IReadOnlyList<double> percentiles, List<SummaryRow> rows)
    {
        Source = source;
        PercentileLevels = percentiles;
        Rows = rows;
        _index = rows.ToDictionary(r => (r.Period, r.Scope, r.Metric));
    }

    public SampleSeries Source { get; }

    /// <summary>The percentile levels (0..100) of every row, in order.</summary>
    public IReadOnlyList<double> PercentileLevels { get; }

    /// <summary>Rows ordered period, then scope, then metric.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>The row of one period, scope and metric, or null when the metric is not computed there.</summary>
    public SummaryRow? Find(int period, int scope, Metric metric) => _index.GetValueOrDefault((period, scope, metric));

    /// <summary>Mean and percentiles of every period, scope and metric; percentiles in parallel over periods.</summary>
    public static Summary Of(SampleSeries series, IReadOnlyList<double> percentiles)
    {
        var perPeriod = new List<SummaryRow>[series.Periods];
        Parallel.For(0, series.Periods, () => new double[series.Samples], (period, _, scratch) =>
        {
            var rows = new List<SummaryRow>();
            for (int scope = 0; scope < series.ScopeNames.Count; scope++)
            {
                foreach (var info in Metrics.All)
                {
                    if (!series.Has(scope, info.Metric)) continue;
                    var values = series.Values(scope, info.Metric, period);
                    var ps = new double[percentiles.Count];
                    Percentiles.Compute(values, percentiles, scratch, ps);
                    rows.Add(new SummaryRow(period, scope, info.Metric, Mean(values), ps));
                }
            }
            perPeriod[period] = rows;
            return scratch;
        }, _ => { });
        return new Summary(series, percentiles, [.. perPeriod.SelectMany(r => r)]);
    }

    /// <summary>
    /// Arithmetic mean, summed as offsets from the first value: exact when all values are equal
    /// (so a mean never differs from its percentiles for a fixed quantity) and less rounding otherwise.
    /// </summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return double.NaN;
        double first = values[0];
        double sum = 0;
        foreach (double v in values) sum += v - first;
        return first + sum / values.Length;
    }
}
