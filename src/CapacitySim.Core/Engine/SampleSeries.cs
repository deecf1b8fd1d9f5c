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
    public IEnumerable<double[]> Arrays => Series.SelectMany(scope => scope).OfType<double[]>();

    /// <summary>True when the metric has values at that scope.</summary>
    public bool Has(int scope, Metric metric) => Series[scope][(int)metric] is not null;

    /// <summary>The values of one scope, metric and period over samples.</summary>
    public ReadOnlySpan<double> Values(int scope, Metric metric, int period) =>
        (Series[scope][(int)metric] ?? throw new InvalidOperationException($"{metric.Info().Name} is not computed for {ScopeNames[scope]}"))
        .AsSpan(period * Samples, Samples);

    /// <summary>The value of one scope, metric, period and sample.</summary>
    public double Value(int scope, Metric metric, int period, int sample) => Values(scope, metric, period)[sample];
}
