using CapacitySim.Core.Model;
using System.Runtime.Intrinsics;
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

    /// <summary>The first uniform of the stream at (seed, <paramref name="sample"/>, <paramref name="key"/>): weather and outage draws, which are not parameters.</summary>
    public double Uniform(int sample, ulong key)
    {
        _random.Reset(_seed, sample, key);
        return _random.NextDouble();
    }

    /// <summary>What <paramref name="sample"/>'s streams start from: <see cref="CounterRandom.FirstUniform(ulong, ulong)"/> of it and a key is <see cref="Uniform"/>.</summary>
    public ulong SampleState(int sample) => CounterRandom.SampleState(_seed, sample);

    /// <summary>
    /// Draws <paramref name="u"/> for samples first .. first + into.Length - 1: the same bits as
    /// <see cref="Draw"/> sample by sample, four samples at a time where the distribution has an
    /// exact vector form (uniform and triangular: one uniform of the stream through a closed-form
    /// inverse), else one by one.
    /// </summary>
    public void DrawBlock(Uncertain u, int first, Span<double> into)
    {
        int j = 0;
        bool vector = Vector256.IsHardwareAccelerated && !_nominal
            && u.Kind is DistributionKind.Uniform or DistributionKind.Triangular && u.Min != u.Max
            && (_pinned is null || !_pinned.ContainsKey(u.Key));
        if (vector)
        {
            ulong seedMix = CounterRandom.Mix(_seed ^ CounterRandom.Golden);
            var key = Vector256.Create(u.Key);
            for (; j + 4 <= into.Length; j += 4)
            {
                var sampleMix = CounterRandom.Mix(Vector256.Create((ulong)(uint)(first + j), (ulong)(uint)(first + j + 1), (ulong)(uint)(first + j + 2), (ulong)(uint)(first + j + 3))
                    + Vector256.Create(CounterRandom.SampleOffset));
                var state = CounterRandom.Mix(Vector256.Create(seedMix) ^ sampleMix ^ key);
                var x = VectorDraw(u, CounterRandom.FirstUniform(state));
                var lower = Vector256.Create(u.Lower);
                var upper = Vector256.Create(u.Upper);
                // Clamp as Uncertain.Clamp does: below the range its lower end, above it its upper end.
                x = Vector256.ConditionalSelect(Vector256.LessThan(x, lower), lower, Vector256.ConditionalSelect(Vector256.GreaterThan(x, upper), upper, x));
                x.StoreUnsafe(ref into[j]);
            }
        }
        for (; j < into.Length; j++)
        {
            SampleIndex = first + j;
            into[j] = Draw(u);
        }
    }

    /// <summary>The distribution's inverse at uniforms <paramref name="r"/>, with MathNet's arithmetic (uniform: a + r (b - a); triangular: its two square-root branches).</summary>
    private static Vector256<double> VectorDraw(Uncertain u, Vector256<double> r)
    {
        if (u.Kind == DistributionKind.Uniform)
            return Vector256.Create(u.Min) + r * Vector256.Create(u.Max - u.Min);
        double lower = u.Min, upper = u.Max, mode = u.Mode;
        var width = Vector256.Create(upper - lower);
        var left = Vector256.Create(lower) + Vector256.Sqrt(r * width * Vector256.Create(mode - lower));
        var right = Vector256.Create(upper) - Vector256.Sqrt((Vector256.Create(1.0) - r) * width * Vector256.Create(upper - mode));
        return Vector256.ConditionalSelect(Vector256.LessThan(r, Vector256.Create((mode - lower) / (upper - lower))), left, right);
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
