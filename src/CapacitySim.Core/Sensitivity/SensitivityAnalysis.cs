using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using MathNet.Numerics.Statistics;

namespace CapacitySim.Core.Sensitivity;

/// <summary>
/// One uncertain parameter's effect on the metric: its P10 and P90 values, the metric with the
/// parameter pinned at each (every other parameter nominal), the swing between the two, and the
/// Spearman rank correlation of the parameter's draws with the metric over the Monte Carlo samples.
/// </summary>
public sealed record SensitivityRow(ScenarioParameter Parameter, double LowValue, double HighValue, double MetricAtLow, double MetricAtHigh, double RankCorrelation)
{
    /// <summary>MetricAtHigh - MetricAtLow: positive when the metric rises with the parameter.</summary>
    public double Swing => MetricAtHigh - MetricAtLow;
}

/// <summary>The analysis of one metric at one scope and month: the nominal value and a row per uncertain parameter, largest |swing| first.</summary>
public sealed record SensitivityResult(Metric Metric, string Scope, YearMonth Month, double LowLevel, double HighLevel, double Nominal, int Samples, IReadOnlyList<SensitivityRow> Rows)
{
    /// <summary>The rows whose parameter moves the metric away from nominal at either end, in order: what a tornado shows.</summary>
    public IReadOnlyList<SensitivityRow> Moving => [.. Rows.Where(r => r.MetricAtLow != Nominal || r.MetricAtHigh != Nominal)];
}

/// <summary>
/// One-at-a-time sensitivity (a tornado) and rank correlations over the Monte Carlo samples. The
/// one-at-a-time runs are nominal runs (one sample) with a single parameter pinned to a quantile.
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>Samples for the rank correlations when neither the user nor the file asks for more than the nominal run, which has nothing to correlate.</summary>
    public const int DefaultSamples = 1000;

    /// <summary>The plan of the Monte Carlo run: <see cref="RunPlan.For"/>, with <see cref="DefaultSamples"/> in place of a nominal run nobody asked for.</summary>
    public static RunPlan Plan(Scenario scenario, RunSettings? overrides = null)
    {
        var plan = RunPlan.For(scenario, overrides);
        return plan.IsNominal && overrides?.Samples is null ? plan with { Samples = DefaultSamples } : plan;
    }

    /// <summary>
    /// Analyses <paramref name="metric"/> at <paramref name="scope"/> and <paramref name="month"/>:
    /// the samples of <paramref name="plan"/> (at least 2) for the rank correlations, its seed for
    /// every run, the <paramref name="lowLevel"/> and <paramref name="highLevel"/> percentiles for
    /// the swings; <paramref name="engine"/> runs the scenario. The scopes kept are the analysis's own.
    /// </summary>
    public static SensitivityResult Run(Scenario scenario, Metric metric, string scope, YearMonth month, RunPlan plan,
        IEngine engine, double lowLevel = 10, double highLevel = 90, CancellationToken cancellation = default)
    {
        int t = month.PositionFrom(scenario.Start);
        if (t < 0 || t >= scenario.Months) throw new ArgumentOutOfRangeException(nameof(month), $"{month} is outside the run ({scenario.Start} to {scenario.End})");
        // Keep only the scopes the metric is read at: a 10,000-site fleet's site scopes over 1,000 samples would not fit in memory.
        ScopeKinds kinds = scope == "total" ? ScopeKinds.Total
            : scenario.Sites.Any(s => s.Name == scope) ? ScopeKinds.Total | ScopeKinds.Site
            : ScopeKinds.Total | ScopeKinds.Region;
        double At(SimulationResult result, int sample)
        {
            int s = result.ScopeNames.ToList().IndexOf(scope);
            if (s < 0 || !result.Has(s, metric)) throw new ArgumentException($"the scenario has no {metric.Info().Name} at scope '{scope}'");
            return result.Value(s, metric, t, sample);
        }

        var monteCarloPlan = plan with { Scopes = kinds };
        var nominalPlan = monteCarloPlan with { Samples = 1 };
        int samples = plan.Samples;
        double nominal = At(engine.Run(scenario, nominalPlan, cancellation: cancellation), 0);
        var parameters = scenario.Parameters.Where(p => p.Value.IsRandom).GroupBy(p => p.Value.Key).Select(g => g.First()).ToList();

        var monteCarlo = engine.Run(scenario, monteCarloPlan, cancellation: cancellation);
        var metricValues = Enumerable.Range(0, samples).Select(i => At(monteCarlo, i)).ToArray();

        var rows = new SensitivityRow[parameters.Count];
        Parallel.For(0, parameters.Count, new ParallelOptions { CancellationToken = cancellation }, k =>
        {
            var p = parameters[k];
            double low = Sampler.Quantile(p.Value, lowLevel / 100), high = Sampler.Quantile(p.Value, highLevel / 100);
            double Pinned(double value)
            {
                var pinned = plan.Pinned?.ToDictionary() ?? [];
                pinned[p.Value.Key] = value;
                return At(engine.Run(scenario, nominalPlan with { Threads = 1, Pinned = pinned }, cancellation: cancellation), 0);
            }
            var draws = new double[samples];
            var local = new Sampler(monteCarloPlan);
            for (int i = 0; i < samples; i++)
            {
                local.SampleIndex = i;
                draws[i] = local.Draw(p.Value);
            }
            rows[k] = new SensitivityRow(p, low, high, Pinned(low), Pinned(high), RankCorrelation(draws, metricValues));
        });
        return new SensitivityResult(metric, scope, month, lowLevel, highLevel, nominal, samples,
            [.. rows.OrderByDescending(r => Math.Abs(r.Swing)).ThenByDescending(r => Math.Abs(double.IsNaN(r.RankCorrelation) ? 0 : r.RankCorrelation))]);
    }

    /// <summary>Spearman's rank correlation (ties get their average rank); NaN when either side is constant.</summary>
    public static double RankCorrelation(double[] x, double[] y)
    {
        if (x.Length < 2 || x.All(v => v == x[0]) || y.All(v => v == y[0])) return double.NaN;
        return Correlation.Spearman(x, y);
    }
}
