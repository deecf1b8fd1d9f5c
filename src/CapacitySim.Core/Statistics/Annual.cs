using CapacitySim.Core.Engine;

namespace CapacitySim.Core.Statistics;

/// <summary>
/// Annual values per sample: flows (MWh, USD, tCO2, m3) are summed over the year's months in the
/// run; stocks and ratios take the year's last month in the run. Statistics are taken after.
/// </summary>
public static class Annual
{
    /// <summary>Aggregates monthly per-sample values to calendar years.</summary>
    public static SampleSeries Aggregate(SimulationResult monthly)
    {
        var start = monthly.Scenario.Start;
        var years = Enumerable.Range(0, monthly.Months).Select(t => start.AddMonths(t).Year).Distinct().ToArray();
        int samples = monthly.Samples;
        var series = new double[]?[monthly.ScopeNames.Count][];
        for (int scope = 0; scope < series.Length; scope++)
        {
            series[scope] = new double[]?[Metrics.Count];
            foreach (var info in Metrics.All)
            {
                if (!monthly.Has(scope, info.Metric)) continue;
                var annual = new double[years.Length * samples];
                for (int t = 0; t < monthly.Months; t++)
                {
                    int y = start.AddMonths(t).Year - years[0];
                    var values = monthly.Values(scope, info.Metric, t);
                    var target = annual.AsSpan(y * samples, samples);
                    if (info.Kind == MetricKind.Flow)
                        for (int i = 0; i < samples; i++) target[i] += values[i];
                    else
                        values.CopyTo(target);
                }
                series[scope][(int)info.Metric] = annual;
            }
        }
        return new SampleSeries([.. years.Select(y => y.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))], monthly.ScopeNames, samples, series);
    }
}
