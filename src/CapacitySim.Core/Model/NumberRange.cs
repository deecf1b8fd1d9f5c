namespace CapacitySim.Core.Model;

/// <summary>
/// The valid range of a number: draws are clamped to [<see cref="Min"/>, <see cref="Max"/>], fixed
/// values outside it are errors. <see cref="Text"/> says the range in messages ("at least 0").
/// </summary>
public sealed record NumberRange(double Min, double Max, bool MinExclusive, string Text)
{
    public static readonly NumberRange NonNegative = new(0, double.PositiveInfinity, false, "at least 0");
    /// <summary>Strictly positive numbers (TDP): draws are clamped to 1e-9.</summary>
    public static readonly NumberRange Positive = new(1e-9, double.PositiveInfinity, true, "greater than 0");
    /// <summary>
    /// Divisors (all-in watts, peak FLOP/s): strictly positive, and a distribution may put at most
    /// 0.1% of its mass at or below 0, where draws would be clamped to 1e-9 and turn into absurd
    /// accelerator counts or FLOP/s.
    /// </summary>
    public static readonly NumberRange Divisor = Positive with { MaxMassAtOrBelowZero = 0.001 };
    public static readonly NumberRange AtLeastOne = new(1, double.PositiveInfinity, false, "at least 1");
    public static readonly NumberRange Fraction = new(0, 1, false, "between 0 and 1");
    /// <summary>Round-trip efficiency: greater than 0, at most 1; draws are clamped to [0.01, 1].</summary>
    public static readonly NumberRange Efficiency = new(0.01, 1, true, "greater than 0 and at most 1");
    /// <summary>Lives of assets in years: at least a month.</summary>
    public static readonly NumberRange Life = new(1.0 / 12, double.PositiveInfinity, false, "at least 1/12 (a month)");

    /// <summary>Most of a distribution's mass that may lie at or below 0 (1: no limit).</summary>
    public double MaxMassAtOrBelowZero { get; init; } = 1;

    /// <summary>True when <paramref name="x"/> is inside the range.</summary>
    public bool Contains(double x) => (MinExclusive ? x > 0 : x >= Min) && x <= Max;
}
