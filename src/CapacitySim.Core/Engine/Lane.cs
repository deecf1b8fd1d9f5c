using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>
/// A parameter over the samples of a chunk: a scalar when it is a fixed number (or the run is
/// nominal), else one value per sample, padded to a whole number of vectors.
/// </summary>
internal readonly struct Lane(double scalar, double[]? values)
{
    public double Scalar { get; } = scalar;
    public double[]? Values { get; } = values;

    /// <summary>The vector of this parameter at lane offset <paramref name="j"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<double> At(int j) => Values is null ? new Vector<double>(Scalar) : new Vector<double>(Values, j);

    /// <summary>The value of one lane.</summary>
    public double this[int j] => Values is null ? Scalar : Values[j];

    public static Lane Of(double value) => new(value, null);

    /// <summary>Draws <paramref name="u"/> for samples first .. first + count - 1 into <paramref name="buffer"/> (or keeps it scalar).</summary>
    public static Lane Draw(Uncertain u, Sampler sampler, int first, int count, double[] buffer)
    {
        if (!u.IsRandom || sampler.IsNominal) return Of(sampler.Draw(u));
        sampler.DrawBlock(u, first, buffer.AsSpan(0, count));
        buffer.AsSpan(count).Fill(buffer[count - 1]);
        return new Lane(0, buffer);
    }
}
