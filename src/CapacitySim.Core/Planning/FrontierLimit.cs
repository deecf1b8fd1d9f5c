namespace CapacitySim.Core.Planning;

/// <summary>
/// The most a single training cluster can train under the goodput model (docs/model.md, frontier
/// run): with s = A / mtbf (accelerators per hour of per-accelerator MTBF), the accelerators' useful
/// work A * G = mtbf * h(s), h(s) = s (1 - sqrt(2 d s) - r s), d and r the checkpoint and restart
/// times in hours. h has one peak h* at s*: a cluster larger than mtbf * s* trains less, and no
/// cluster delivers more than mtbf * h* accelerators' worth of work.
/// </summary>
public static class FrontierLimit
{
    /// <summary>(s*, h*) for checkpoint and restart times in minutes, found by golden-section search on the one peak of h.</summary>
    public static (double S, double H) Peak(double checkpointMinutes, double restartMinutes)
    {
        double d = checkpointMinutes / 60, r = restartMinutes / 60;
        double Useful(double s) => s * Math.Max(0, 1 - Math.Sqrt(2 * d * s) - r * s);
        // G reaches 0 before s = 1 / r (and before 1 / (2 d)); h is unimodal on [0, that].
        double hi = Math.Min(r > 0 ? 1 / r : double.PositiveInfinity, d > 0 ? 1 / (2 * d) : double.PositiveInfinity);
        if (double.IsPositiveInfinity(hi)) return (double.PositiveInfinity, double.PositiveInfinity);
        double lo = 0, phi = (Math.Sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
        for (int i = 0; i < 200; i++)
        {
            if (Useful(a) < Useful(b)) lo = a; else hi = b;
            a = hi - phi * (hi - lo);
            b = lo + phi * (hi - lo);
        }
        double s = (lo + hi) / 2;
        return (s, Useful(s));
    }

    /// <summary>Accelerators at which one cluster trains the most: mtbf * s*.</summary>
    public static double OptimalAccelerators(double mtbfHours, double checkpointMinutes, double restartMinutes) =>
        mtbfHours * Peak(checkpointMinutes, restartMinutes).S;

    /// <summary>The most useful work one cluster gives, in accelerators at full goodput: mtbf * h*.</summary>
    public static double MaxUsefulAccelerators(double mtbfHours, double checkpointMinutes, double restartMinutes) =>
        mtbfHours * Peak(checkpointMinutes, restartMinutes).H;

    /// <summary>The per-accelerator MTBF in hours at which one cluster can give <paramref name="usefulAccelerators"/> accelerators' worth of work: A_needed / h*.</summary>
    public static double RequiredMtbfHours(double usefulAccelerators, double checkpointMinutes, double restartMinutes) =>
        usefulAccelerators / Peak(checkpointMinutes, restartMinutes).H;
}
