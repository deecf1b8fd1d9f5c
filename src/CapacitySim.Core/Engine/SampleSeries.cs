namespace CapacitySim.Core.Engine;

/// <summary>
/// Per-sample values of metrics over periods (months or years) and scopes. <see cref="Series"/>
/// holds, per scope and metric, an array indexed [period * Samples + sample], or null where the
/// metric is not computed for that scope.
/// </summary>
public class SampleSeries
{
    public SampleSeries(IReadOnlyList<string> periodLabels, IReadOnlyList<string> scopeNames, int samples, double[]?[][] series)
    {
        PeriodLabels = periodLabels;
        ScopeNames = scopeNames;
        Samples = samples;
        Series = series;
    }

    /// <summary>"YYYY-MM" for months, "YYYY" for years.</summary>
    public IReadOnlyList<string> PeriodLabels { get; }

    /// <summary>Number of periods.</summary>
    public int Periods => PeriodLabels.Count;

    /// <summary>Site names then "total".</summary>
    public IReadOnlyList<string> ScopeNames { get; }

    /// <summary>Index of the total scope (the last).</summary>
    public int TotalScope => ScopeNames.Count - 1;

    /// <summary>Monte Carlo samples.</summary>
    public int Samples { get; }

    /// <summary>[scope][metric] -> values [period * Samples + sample], or null where not computed.</summary>
    public double[]?[][] Series { get; }

    /// <summary>Every stored array, of every scope and metric.</summary>
    public IEnumerable<double[]> Arrays => Stored(Series);

    private static IEnumerable<double[]> Stored(double[]?[][] series) => series.SelectMany(scope => scope).OfType<double[]>().Distinct(ReferenceEqualityComparer.Instance).Cast<double[]>();

    /// <summary>
    /// New zeroed arrays of <paramref name="length"/> values for the scope and metric pairs
    /// <paramref name="has"/> picks (null elsewhere), indexed [scope][metric], announced to
    /// <see cref="AllocationHook"/> before anything writes them. The pairs <paramref name="zero"/>
    /// picks, whose values are 0 whatever is drawn, share one array, <paramref name="zeros"/> (null when there are none).
    /// </summary>
    internal static double[]?[][] AllocateSeries(int scopes, int length, Func<int, Metric, bool> has, Func<int, Metric, bool> zero, out double[]? zeros)
    {
        var series = new double[]?[scopes][];
        zeros = null;
        for (int scope = 0; scope < scopes; scope++)
        {
            series[scope] = new double[]?[Metrics.Count];
            foreach (var info in Metrics.All)
                if (has(scope, info.Metric))
                    series[scope][(int)info.Metric] = zero(scope, info.Metric) ? zeros ??= new double[length] : new double[length];
        }
        AllocationHook.Allocated([.. Stored(series)]);
        return series;
    }

    /// <summary>True when the metric has values at that scope.</summary>
    public bool Has(int scope, Metric metric) => Series[scope][(int)metric] is not null;

    /// <summary>The values of one scope, metric and period over samples.</summary>
    public ReadOnlySpan<double> Values(int scope, Metric metric, int period) =>
        (Series[scope][(int)metric] ?? throw new InvalidOperationException($"{metric.Info().Name} is not computed for {ScopeNames[scope]}"))
        .AsSpan(period * Samples, Samples);

    /// <summary>The value of one scope, metric, period and sample.</summary>
    public double Value(int scope, Metric metric, int period, int sample) => Values(scope, metric, period)[sample];
}
