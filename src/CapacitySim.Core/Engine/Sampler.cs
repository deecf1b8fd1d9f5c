using CapacitySim.Core.Model;
using MathNet.Numerics.Distributions;

namespace CapacitySim.Core.Engine;

/// <summary>
/// Draws (u) parameters for one sample. In the nominal run (<see cref="RunPlan.IsNominal"/>) every
/// parameter takes its nominal value; otherwise each is drawn from its own counter-based stream and clamped.
/// </summary>
public sealed class Sampler
{
    private readonly CounterRandom _random = new();
    private readonly ulong _seed;
    private readonly bool _nominal;
    private readonly IReadOnlyDictionary<ulong, double>? _pinned;

    /// <summary>A sampler for a run of <paramref name="plan"/>: its seed, whether it is nominal, and its pinned parameters, which take the given value in every sample instead of being drawn.</summary>
    public Sampler(RunPlan plan)
    {
        _seed = plan.Seed;
        _nominal = plan.IsNominal;
        _pinned = plan.Pinned is { Count: > 0 } pinned ? pinned : null;
    }

    /// <summary>True when every parameter takes its nominal value (the nominal run).</summary>
    public bool IsNominal => _nominal;

    /// <summary>Index of the sample being drawn.</summary>
    public int SampleIndex { get; set; }

    /// <summary>The parameter's value in the current sample.</summary>
    public double Draw(Uncertain u)
    {
        if (_pinned is not null && _pinned.TryGetValue(u.Key, out double pinned)) return u.Clamp(pinned);
        if (_nominal || !u.IsRandom) return u.Nominal;
        _random.Reset(_seed, SampleIndex, u.Key);
        return u.Clamp(DrawRaw(u, _random));
    }

    /// <summary>An unclamped draw of the distribution from <paramref name="random"/>.</summary>
    public static double DrawRaw(Uncertain u, Random random) => u.Kind switch
    {
        DistributionKind.Fixed => u.Value,
        DistributionKind.Uniform => u.Min == u.Max ? u.Min : ContinuousUniform.Sample(random, u.Min, u.Max),
        DistributionKind.Triangular => u.Min == u.Max ? u.Min : Triangular.Sample(random, u.Min, u.Max, u.Mode),
        DistributionKind.Pert => u.Min == u.Max ? u.Min : DrawPert(random, u.Min, u.Mode, u.Max),
        DistributionKind.Normal => u.Sd == 0 ? u.Mean : Normal.Sample(random, u.Mean, u.Sd),
        DistributionKind.LogNormal => u.Sigma == 0 ? u.Median : LogNormal.Sample(random, Math.Log(u.Median), u.Sigma),
        _ => throw new InvalidOperationException(u.Kind.ToString()),
    };

    /// <summary>
    /// The <paramref name="p"/>-quantile (0..1) of the parameter's distribution, clamped to its
    /// range like a draw: the value sensitivity analysis pins it to. A fixed number is itself.
    /// </summary>
    public static double Quantile(Uncertain u, double p)
    {
        double x = u.Kind switch
        {
            DistributionKind.Fixed => u.Value,
            DistributionKind.Uniform => u.Min + (u.Max - u.Min) * p,
            DistributionKind.Triangular => u.Min == u.Max ? u.Min : Triangular.InvCDF(u.Min, u.Max, u.Mode, p),
            DistributionKind.Pert => u.Min == u.Max ? u.Min : PertQuantile(u.Min, u.Mode, u.Max, p),
            DistributionKind.Normal => u.Sd == 0 ? u.Mean : Normal.InvCDF(u.Mean, u.Sd, p),
            DistributionKind.LogNormal => u.Sigma == 0 ? u.Median : LogNormal.InvCDF(Math.Log(u.Median), u.Sigma, p),
            _ => throw new InvalidOperationException(u.Kind.ToString()),
        };
        return u.Clamp(x);
    }

    private static double PertQuantile(double min, double mode, double max, double p)
    {
        double range = max - min;
        return min + range * Beta.InvCDF(1 + 4 * (mode - min) / range, 1 + 4 * (max - mode) / range, p);
    }

    /// <summary>Beta-PERT with lambda 4: min + (max - min) * Beta(1 + 4(c - a)/(b - a), 1 + 4(b - c)/(b - a)).</summary>
    private static double DrawPert(Random random, double min, double mode, double max)
    {
        double range = max - min;
        double alpha = 1 + 4 * (mode - min) / range;
        double beta = 1 + 4 * (max - mode) / range;
        return min + range * Beta.Sample(random, alpha, beta);
    }
}
