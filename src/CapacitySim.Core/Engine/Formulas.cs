namespace CapacitySim.Core.Engine;

/// <summary>
/// Formulas of docs/model.md section 4 that both engines use as they are (the fast engine's lane
/// vectors have their own forms of the per-month ones, tested equal to the reference engine).
/// </summary>
internal static class Formulas
{
    /// <summary>m(t) = t + 0.5: continuous things are evaluated at the middle of a month.</summary>
    public static double Middle(int t) => t + 0.5;

    /// <summary>The ramp's built fraction at position <paramref name="at"/>: x = clamp((at - o) / R, 0, 1) (R = 0: 1 from o on), then x or 3x^2 - 2x^3.</summary>
    public static double RampFraction(double at, double online, double rampMonths, bool linear)
    {
        double x = rampMonths == 0
            ? (at >= online ? 1 : 0)
            : Math.Clamp((at - online) / rampMonths, 0, 1);
        return linear ? x : 3 * x * x - 2 * x * x * x;
    }

    /// <summary>R(t): linear between the points at their positions, flat outside.</summary>
    public static double Researchers(ReadOnlySpan<int> positions, ReadOnlySpan<double> counts, int t)
    {
        if (t <= positions[0]) return counts[0];
        for (int j = 1; j < positions.Length; j++)
        {
            if (t <= positions[j])
                return counts[j - 1] + (counts[j] - counts[j - 1]) * (t - positions[j - 1]) / (positions[j] - positions[j - 1]);
        }
        return counts[^1];
    }

    /// <summary>Seconds in a day, for the frontier run's FLOP.</summary>
    public const double SecondsPerDay = 86400;
}
