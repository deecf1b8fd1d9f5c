using CapacitySim.Core.Engine;

namespace CapacitySim.Core.Statistics;

/// <summary>
/// Annual values per sample: flows (MWh, USD, tCO2, m3) are summed over the year's months in the
/// run; stocks and ratios take the year's last month in the run. Statistics are taken after.
/// </summary>
public static class Annual
{
    /// <summary>Aggregates monthly per-sample values to calendar years, scope and metric pairs in parallel.</summary>
    public static SampleSeries Aggregate(SimulationResult monthly)
    {
        var start = monthly.Scenario.Start;
        var years = Enumerable.Range(0, monthly.Months).Select(t => start.AddMonths(t).Year).Distinct().ToArray();
        int samples = monthly.Samples;
        // A metric the result keeps as the shared zeros is 0 in every year too.
        bool Zero(int scope, Metric metric) => monthly.Zeros is { } zeros && ReferenceEquals(monthly.Series[scope][(int)metric], zeros);
        var series = SampleSeries.AllocateSeries(monthly.ScopeNames.Count, years.Length * samples, monthly.Has, Zero, out _);
        var pairs = Enumerable.Range(0, series.Length).SelectMany(scope => Metrics.All.Where(info => monthly.Has(scope, info.Metric) && !Zero(scope, info.Metric)).Select(info => (Scope: scope, Info: info))).ToArray();
        var hours = Enumerable.Range(0, monthly.Months).Select(t => start.AddMonths(t).Hours).ToArray();
        Parallel.ForEach(pairs, pair =>
        {
            if (pair.Info.Kind == MetricKind.Rate)
            {
                YearRate(monthly, pair.Scope, pair.Info.Metric, start, years[0], hours, series[pair.Scope][(int)pair.Info.Metric]!);
                return;
            }
            var annual = series[pair.Scope][(int)pair.Info.Metric]!;
            for (int t = 0; t < monthly.Months; t++)
            {
                int y = start.AddMonths(t).Year - years[0];
                var values = monthly.Values(pair.Scope, pair.Info.Metric, t);
                var target = annual.AsSpan(y * samples, samples);
                if (pair.Info.Kind == MetricKind.Flow) VectorMath.AddTo(target, values);
                else values.CopyTo(target);
            }
        });
        return new SampleSeries([.. years.Select(y => y.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))], monthly.ScopeNames, samples, series);
    }

    /// <summary>
    /// A rate of each year: usd_per_h100e_hour is the year's tco_usd over its sum of H100e x hours
    /// (MODEL.md section 10), cfe_share the year's cfe_mwh over its facility energy (section 8);
    /// 0 when the year's denominator is 0.
    /// </summary>
    private static void YearRate(SimulationResult monthly, int scope, Metric metric, Model.YearMonth start, int firstYear, double[] hours, double[] annual)
    {
        // usd_per_h100e_hour weighs each month's H100e by its hours; cfe_share's energies need no weight.
        var (numerator, denominator, weight) = metric == Metric.CfeShare
            ? (Metric.CfeMwh, Metric.FacilityEnergyMwh, (double[]?)null)
            : (Metric.TcoUsd, Metric.H100e, hours);
        int samples = monthly.Samples;
        var top = new double[annual.Length];
        var bottom = new double[annual.Length];
        for (int t = 0; t < monthly.Months; t++)
        {
            int y = start.AddMonths(t).Year - firstYear;
            var over = monthly.Values(scope, numerator, t);
            var under = monthly.Values(scope, denominator, t);
            for (int i = 0; i < samples; i++)
            {
                top[y * samples + i] += over[i];
                bottom[y * samples + i] += weight is null ? under[i] : under[i] * weight[t];
            }
        }
        for (int k = 0; k < annual.Length; k++) annual[k] = bottom[k] > 0 ? top[k] / bottom[k] : 0;
    }
}
