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

    /// <summary>
    /// Shortest refresh cycle in months. A lifetime drawn below a month (only a distribution
    /// reaching down to 0 can) would make the cycles, and the work of counting them, unbounded;
    /// a month is far below any real refresh.
    /// </summary>
    public const double MinCycleMonths = 1;

    /// <summary>Refresh cycle C = 12 x lifetime_years months, 0 for no refresh, at least <see cref="MinCycleMonths"/> otherwise.</summary>
    public static double CycleMonths(double lifetimeYears) => lifetimeYears == 0 ? 0 : Math.Max(MinCycleMonths, 12 * lifetimeYears);

    /// <summary>The newest cycle started by position <paramref name="at"/>: the largest k &gt;= 0 with o + k C &lt;= at (0 when C = 0 or at &lt; o).</summary>
    public static double NewestCycle(double at, double online, double cycleMonths)
    {
        if (cycleMonths == 0 || at < online) return 0;
        double k = Math.Floor((at - online) / cycleMonths);
        // Rounding can put the floor one off the exact comparison that decides whether a cycle has started.
        if (online + (k + 1) * cycleMonths <= at) k++;
        else if (k > 0 && online + k * cycleMonths > at) k--;
        return k;
    }

    /// <summary>PUE(t) = max(1, pue x q), q the month's pue_monthly over their mean.</summary>
    public static double Pue(double pue, double monthFactor) => Math.Max(1, pue * monthFactor);

    /// <summary>
    /// Goodput of a training run on <paramref name="accelerators"/> accelerators (Young/Daly, optimal
    /// checkpoint interval): with M = mtbf / A hours, d and r the checkpoint and restart times in
    /// hours, G = max(0, 1 - sqrt(2 d / M) - r / M); 1 with no accelerators, 0 with an mtbf of 0.
    /// </summary>
    public static double Goodput(double accelerators, double mtbfHours, double checkpointMinutes, double restartMinutes)
    {
        if (accelerators == 0) return 1;
        if (mtbfHours == 0) return 0;
        double m = mtbfHours / accelerators;
        return Math.Max(0, 1 - Math.Sqrt(2 * (checkpointMinutes / 60) / m) - restartMinutes / 60 / m);
    }

    /// <summary>
    /// Accelerators a run of at most <paramref name="accelerators"/> takes so that a x G(a) is largest
    /// (MODEL.md section 4, version 3): with d' = 2 d / mtbf and r' = r / mtbf (d, r in hours), the
    /// optimum is u*^2 with u* = 2 / (1.5 sqrt(d') + sqrt(2.25 d' + 8 r')); all of them when
    /// d = r = 0 or mtbf = 0.
    /// </summary>
    public static double FrontierRunSize(double accelerators, double mtbfHours, double checkpointMinutes, double restartMinutes)
    {
        double d = checkpointMinutes / 60, r = restartMinutes / 60;
        if (mtbfHours == 0 || (d == 0 && r == 0)) return accelerators;
        double dPrime = 2 * d / mtbfHours, rPrime = r / mtbfHours;
        double u = 2 / (1.5 * Math.Sqrt(dPrime) + Math.Sqrt(2.25 * dPrime + 8 * rPrime));
        return Math.Min(accelerators, u * u);
    }

    /// <summary>
    /// The frontier run a candidate with <paramref name="accelerators"/> A and effective FLOP/s E allows:
    /// size a = <see cref="FrontierRunSize"/>, goodput G(a), and its useful FLOP/s (E / A) a G(a) (0 when A = 0).
    /// </summary>
    public static (double UsefulFlops, double Goodput, double Size) FrontierRun(double accelerators, double effectiveFlops,
        double mtbfHours, double checkpointMinutes, double restartMinutes)
    {
        double a = FrontierRunSize(accelerators, mtbfHours, checkpointMinutes, restartMinutes);
        double g = Goodput(a, mtbfHours, checkpointMinutes, restartMinutes);
        double useful = accelerators > 0 ? effectiveFlops / accelerators * a * g : 0;
        return (useful, g, a);
    }

    /// <summary>A book life in whole months: Lm = 12 x years rounded half away from zero, at least 1 (MODEL.md section 10).</summary>
    public static double LifeMonths(double years) => Math.Max(1, Math.Round(12 * years, MidpointRounding.AwayFromZero));

    /// <summary>
    /// Book value V(t+1) = max(0, V(t) + capex(t) - depreciation(t)) (MODEL.md section 10). A value
    /// within <see cref="BookRounding"/> of the month's gross flows is rounding left by capex and
    /// depreciation cancelling, and is 0: otherwise it would carry a capital charge of noise.
    /// </summary>
    public static double NextBookValue(double book, double capex, double depreciation)
    {
        double next = book + capex - depreciation;
        return next <= BookRounding * (book + capex + depreciation) ? 0 : next;
    }

    /// <summary>The relative size below which a book value is rounding (see <see cref="NextBookValue"/>).</summary>
    public const double BookRounding = 1e-9;

    /// <summary>Seconds in a day, for the frontier run's FLOP.</summary>
    public const double SecondsPerDay = 86400;
}
