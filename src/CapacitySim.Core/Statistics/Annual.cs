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
        var series = SampleSeries.AllocateSeries(monthly.ScopeNames.Count, years.Length * samples, monthly.Has);
        var pairs = Enumerable.Range(0, series.Length).SelectMany(scope => Metrics.All.Where(info => monthly.Has(scope, info.Metric)).Select(info => (Scope: scope, Info: info))).ToArray();
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
        if (metric == Metric.CfeShare)
        {
            YearRatio(monthly, scope, Metric.CfeMwh, Metric.FacilityEnergyMwh, start, firstYear, annual);
            return;
        }
        int samples = monthly.Samples;
        var cost = new double[annual.Length];
        var h100eHours = new double[annual.Length];
        for (int t = 0; t < monthly.Months; t++)
        {
            int y = start.AddMonths(t).Year - firstYear;
            var tco = monthly.Values(scope, Metric.TcoUsd, t);
            var h100e = monthly.Values(scope, Metric.H100e, t);
            for (int i = 0; i < samples; i++)
            {
                cost[y * samples + i] += tco[i];
                h100eHours[y * samples + i] += h100e[i] * hours[t];
            }
        }
        for (int k = 0; k < annual.Length; k++) annual[k] = h100eHours[k] > 0 ? cost[k] / h100eHours[k] : 0;
    }

    /// <summary>The year's sum of <paramref name="numerator"/> over its sum of <paramref name="denominator"/>, 0 when that is 0.</summary>
    private static void YearRatio(SimulationResult monthly, int scope, Metric numerator, Metric denominator, Model.YearMonth start, int firstYear, double[] annual)
    {
        int samples = monthly.Samples;
        var top = new double[annual.Length];
        var bottom = new double[annual.Length];
        for (int t = 0; t < monthly.Months; t++)
        {
            int y = start.AddMonths(t).Year - firstYear;
            VectorMath.AddTo(top.AsSpan(y * samples, samples), monthly.Values(scope, numerator, t));
            VectorMath.AddTo(bottom.AsSpan(y * samples, samples), monthly.Values(scope, denominator, t));
        }
        for (int k = 0; k < annual.Length; k++) annual[k] = bottom[k] > 0 ? top[k] / bottom[k] : 0;
    }
}
