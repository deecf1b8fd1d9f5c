using CapacitySim.Core.Model;
using MathNet.Numerics.Distributions;

namespace CapacitySim.Core.Engine;

/// <summary>
/// Draws (u) parameters for one sample. With one sample in the run every parameter takes its
/// nominal value; otherwise each is drawn from its own counter-based stream and clamped.
/// </summary>
public sealed class Sampler
{
    private readonly CounterRandom _random = new();
    private readonly ulong _seed;
    private readonly bool _nominal;

    public Sampler(ulong seed, int sampleCount)
    {
        _seed = seed;
        _nominal = sampleCount <= 1;
    }

    /// <summary>True when every parameter takes its nominal value (a run of one sample).</summary>
    public bool IsNominal => _nominal;

    /// <summary>Index of the sample being drawn.</summary>
    public int SampleIndex { get; set; }

    /// <summary>The parameter's value in the current sample.</summary>
    public double Draw(Uncertain u)
    {
        if (_nominal || !u.IsRandom) return u.Nominal;
        _random.Reset(_seed, SampleIndex, u.Key);
        return u.Clamp(DrawRaw(u, _random));
    }

    /// <summary>An unclamped draw of the distribution from <paramref name="random"/>.</summary>
    public static double DrawRaw(Uncertain u, Random random) => u.Kind switch
    {
        DistributionKind.Fixed => u.A,
        DistributionKind.Uniform => u.A == u.B ? u.A : ContinuousUniform.Sample(random, u.A, u.B),
        DistributionKind.Triangular => u.A == u.C ? u.A : Triangular.Sample(random, u.A, u.C, u.B),
        DistributionKind.Pert => u.A == u.C ? u.A : DrawPert(random, u.A, u.B, u.C),
        DistributionKind.Normal => u.B == 0 ? u.A : Normal.Sample(random, u.A, u.B),
        DistributionKind.LogNormal => u.B == 0 ? u.A : LogNormal.Sample(random, Math.Log(u.A), u.B),
        _ => throw new InvalidOperationException(u.Kind.ToString()),
    };

    /// <summary>Beta-PERT with lambda 4: min + (max - min) * Beta(1 + 4(c - a)/(b - a), 1 + 4(b - c)/(b - a)).</summary>
    private static double DrawPert(Random random, double min, double mode, double max)
    {
        double range = max - min;
        double alpha = 1 + 4 * (mode - min) / range;
        double beta = 1 + 4 * (max - mode) / range;
        return min + range * Beta.Sample(random, alpha, beta);
    }
}
