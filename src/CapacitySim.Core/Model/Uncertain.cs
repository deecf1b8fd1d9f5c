using System.Globalization;
using MathNet.Numerics.Distributions;

namespace CapacitySim.Core.Model;

/// <summary>The form an uncertain number takes in a scenario file.</summary>
public enum DistributionKind { Fixed, Uniform, Triangular, Pert, Normal, LogNormal }

/// <summary>
/// A (u) parameter: a plain number or a distribution, with the range its draws are clamped to.
/// Each kind is made by its factory and its parameters are read by name: Fixed (Value); Uniform
/// (Min, Max); Triangular and Pert (Min, Mode, Max); Normal (Mean, Sd); LogNormal (Median, Sigma).
/// Reading a parameter the kind does not have throws.
/// <see cref="Key"/> identifies the place the number is written in the file: the same key gives
/// the same draw in a sample, so a distribution written once is one shock shared by its users.
/// </summary>
public sealed record Uncertain
{
    // The kind's parameters in the order a scenario file writes them: compact, and the same
    // three numbers whatever the kind.
    private readonly double _first, _second, _third;

    private Uncertain(DistributionKind kind, double first, double second = 0, double third = 0)
    {
        Kind = kind;
        _first = first;
        _second = second;
        _third = third;
    }

    /// <summary>A fixed number, unclamped until given a range.</summary>
    public static Uncertain Fixed(double value) => new(DistributionKind.Fixed, value);

    /// <summary>Uniform between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Uncertain Uniform(double min, double max) => new(DistributionKind.Uniform, min, max);

    /// <summary>Triangular on [<paramref name="min"/>, <paramref name="max"/>], peaking at <paramref name="mode"/>.</summary>
    public static Uncertain Triangular(double min, double mode, double max) => new(DistributionKind.Triangular, min, mode, max);

    /// <summary>Beta-PERT (lambda 4) on [<paramref name="min"/>, <paramref name="max"/>] with its mode at <paramref name="mode"/>.</summary>
    public static Uncertain Pert(double min, double mode, double max) => new(DistributionKind.Pert, min, mode, max);

    /// <summary>Normal with mean <paramref name="mean"/> and standard deviation <paramref name="sd"/>.</summary>
    public static Uncertain Normal(double mean, double sd) => new(DistributionKind.Normal, mean, sd);

    /// <summary>Lognormal: ln X ~ N(ln <paramref name="median"/>, <paramref name="sigma"/>).</summary>
    public static Uncertain LogNormal(double median, double sigma) => new(DistributionKind.LogNormal, median, sigma);

    /// <summary>The form of the number.</summary>
    public DistributionKind Kind { get; }

    /// <summary>Identifies the place the number is written in the file (0 for defaults).</summary>
    public ulong Key { get; init; }

    /// <summary>Lowest value a draw takes: lower draws are clamped to it.</summary>
    public double Lower { get; init; } = double.NegativeInfinity;

    /// <summary>Highest value a draw takes: higher draws are clamped to it.</summary>
    public double Upper { get; init; } = double.PositiveInfinity;

    /// <summary>The value of a fixed number.</summary>
    public double Value => Kind == DistributionKind.Fixed ? _first : throw NoSuch(nameof(Value));

    /// <summary>Lower end of a uniform, triangular or PERT distribution.</summary>
    public double Min => Kind is DistributionKind.Uniform or DistributionKind.Triangular or DistributionKind.Pert ? _first : throw NoSuch(nameof(Min));

    /// <summary>Mode of a triangular or PERT distribution.</summary>
    public double Mode => Kind is DistributionKind.Triangular or DistributionKind.Pert ? _second : throw NoSuch(nameof(Mode));

    /// <summary>Upper end of a uniform, triangular or PERT distribution.</summary>
    public double Max => Kind switch
    {
        DistributionKind.Uniform => _second,
        DistributionKind.Triangular or DistributionKind.Pert => _third,
        _ => throw NoSuch(nameof(Max)),
    };

    /// <summary>Mean of a normal distribution.</summary>
    public double Mean => Kind == DistributionKind.Normal ? _first : throw NoSuch(nameof(Mean));

    /// <summary>Standard deviation of a normal distribution.</summary>
    public double Sd => Kind == DistributionKind.Normal ? _second : throw NoSuch(nameof(Sd));

    /// <summary>Median of a lognormal distribution.</summary>
    public double Median => Kind == DistributionKind.LogNormal ? _first : throw NoSuch(nameof(Median));

    /// <summary>Sigma of a lognormal distribution: the standard deviation of ln X.</summary>
    public double Sigma => Kind == DistributionKind.LogNormal ? _second : throw NoSuch(nameof(Sigma));

    private InvalidOperationException NoSuch(string parameter) => new($"a {Kind} number has no {parameter}");

    /// <summary>The nominal value of docs/model.md section 2, clamped to the valid range.</summary>
    public double Nominal => Clamp(Kind switch
    {
        DistributionKind.Fixed => Value,
        DistributionKind.Uniform => (Min + Max) / 2,
        DistributionKind.Triangular or DistributionKind.Pert => Mode,
        DistributionKind.Normal => Mean,
        DistributionKind.LogNormal => Median,
        _ => throw new InvalidOperationException(Kind.ToString()),
    });

    /// <summary>True when the value differs between samples.</summary>
    public bool IsRandom => Kind != DistributionKind.Fixed;

    /// <summary>The same parameter with draws clamped to <paramref name="range"/>.</summary>
    public Uncertain WithRange(NumberRange range) => this with { Lower = range.Min, Upper = range.Max };

    /// <summary>
    /// P(X &lt;= x) for the distribution as written, before clamping; PERT is the scaled Beta it is
    /// drawn from. A fixed number, or a distribution of zero width, is a step at its value.
    /// </summary>
    public double Cdf(double x) => Kind switch
    {
        DistributionKind.Fixed => Step(Value, x),
        DistributionKind.Uniform => Min == Max ? Step(Min, x) : ContinuousUniform.CDF(Min, Max, Math.Clamp(x, Min, Max)),
        DistributionKind.Triangular => Min == Max ? Step(Min, x) : MathNet.Numerics.Distributions.Triangular.CDF(Min, Max, Mode, Math.Clamp(x, Min, Max)),
        DistributionKind.Pert => Min == Max ? Step(Min, x)
            : Beta.CDF(1 + 4 * (Mode - Min) / (Max - Min), 1 + 4 * (Max - Mode) / (Max - Min), Math.Clamp((x - Min) / (Max - Min), 0, 1)),
        DistributionKind.Normal => Sd == 0 ? Step(Mean, x) : MathNet.Numerics.Distributions.Normal.CDF(Mean, Sd, x),
        DistributionKind.LogNormal => Sigma == 0 ? Step(Median, x) : x <= 0 ? 0 : MathNet.Numerics.Distributions.LogNormal.CDF(Math.Log(Median), Sigma, x),
        _ => throw new InvalidOperationException(Kind.ToString()),
    };

    private static double Step(double at, double x) => x >= at ? 1 : 0;

    /// <summary>Clamps a draw to [Lower, Upper].</summary>
    public double Clamp(double x) => x < Lower ? Lower : x > Upper ? Upper : x;

    /// <summary>The kind with its named parameters, key and clamp range, e.g. "pert(min 1, mode 2, max 4) key 7 in [0, Infinity]".</summary>
    public override string ToString()
    {
        string form = Kind switch
        {
            DistributionKind.Fixed => $"fixed({N(Value)})",
            DistributionKind.Uniform => $"uniform(min {N(Min)}, max {N(Max)})",
            DistributionKind.Triangular => $"triangular(min {N(Min)}, mode {N(Mode)}, max {N(Max)})",
            DistributionKind.Pert => $"pert(min {N(Min)}, mode {N(Mode)}, max {N(Max)})",
            DistributionKind.Normal => $"normal(mean {N(Mean)}, sd {N(Sd)})",
            DistributionKind.LogNormal => $"lognormal(median {N(Median)}, sigma {N(Sigma)})",
            _ => Kind.ToString(),
        };
        return $"{form} key {Key} in [{N(Lower)}, {N(Upper)}]";
    }

    private static string N(double x) => x.ToString(CultureInfo.InvariantCulture);
}
