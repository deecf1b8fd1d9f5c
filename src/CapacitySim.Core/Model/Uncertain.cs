using MathNet.Numerics.Distributions;

namespace CapacitySim.Core.Model;

/// <summary>The form an uncertain number takes in a scenario file.</summary>
public enum DistributionKind { Fixed, Uniform, Triangular, Pert, Normal, LogNormal }

/// <summary>
/// A (u) parameter: a plain number or a distribution, with the range its draws are clamped to.
/// Parameters by kind: Fixed (A = value); Uniform (A = min, B = max); Triangular and Pert
/// (A = min, B = mode, C = max); Normal (A = mean, B = sd); LogNormal (A = median, B = sigma).
/// <see cref="Key"/> identifies the place the number is written in the file: the same key gives
/// the same draw in a sample, so a distribution written once is one shock shared by its users.
/// </summary>
public sealed record Uncertain(DistributionKind Kind, double A, double B, double C, ulong Key, double Lower, double Upper)
{
    /// <summary>A fixed number with no clamping.</summary>
    public static Uncertain Fixed(double value) => new(DistributionKind.Fixed, value, 0, 0, 0, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The nominal value of docs/model.md section 2, clamped to the valid range.</summary>
    public double Nominal => Clamp(Kind switch
    {
        DistributionKind.Fixed => A,
        DistributionKind.Uniform => (A + B) / 2,
        DistributionKind.Triangular or DistributionKind.Pert => B,
        DistributionKind.Normal => A,
        DistributionKind.LogNormal => A,
        _ => throw new InvalidOperationException(Kind.ToString()),
    });

    /// <summary>True when the value differs between samples.</summary>
    public bool IsRandom => Kind != DistributionKind.Fixed;

    /// <summary>The same parameter with a different clamp range.</summary>
    public Uncertain WithRange(double lower, double upper) => this with { Lower = lower, Upper = upper };

    /// <summary>
    /// P(X &lt;= x) for the distribution as written, before clamping; PERT is the scaled Beta it is
    /// drawn from. A fixed number, or a distribution of zero width, is a step at its value.
    /// </summary>
    public double Cdf(double x) => Kind switch
    {
        DistributionKind.Fixed => Step(A, x),
        DistributionKind.Uniform => A == B ? Step(A, x) : ContinuousUniform.CDF(A, B, Math.Clamp(x, A, B)),
        DistributionKind.Triangular => A == C ? Step(A, x) : Triangular.CDF(A, C, B, Math.Clamp(x, A, C)),
        DistributionKind.Pert => A == C ? Step(A, x) : Beta.CDF(1 + 4 * (B - A) / (C - A), 1 + 4 * (C - B) / (C - A), Math.Clamp((x - A) / (C - A), 0, 1)),
        DistributionKind.Normal => B == 0 ? Step(A, x) : Normal.CDF(A, B, x),
        DistributionKind.LogNormal => B == 0 ? Step(A, x) : x <= 0 ? 0 : LogNormal.CDF(Math.Log(A), B, x),
        _ => throw new InvalidOperationException(Kind.ToString()),
    };

    private static double Step(double at, double x) => x >= at ? 1 : 0;

    /// <summary>Clamps a draw to [Lower, Upper].</summary>
    public double Clamp(double x) => x < Lower ? Lower : x > Upper ? Upper : x;
}
