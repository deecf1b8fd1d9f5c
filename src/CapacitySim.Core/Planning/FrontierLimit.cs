namespace CapacitySim.Core.Planning;

/// <summary>
/// The most a single training cluster can train under the goodput model (docs/model.md, frontier
/// run): with s = A / mtbf (accelerators per hour of per-accelerator MTBF), the accelerators' useful
/// work A * G = mtbf * h(s), h(s) = s (1 - sqrt(2 d s) - r s), d and r the checkpoint and restart
/// times in hours. h has one peak h* at s*: a cluster larger than mtbf * s* trains less, and no
/// cluster delivers more than mtbf * h* accelerators' worth of work. Since model version 3 the frontier run
/// itself takes that size when its candidate is larger.
/// </summary>
public static class FrontierLimit
{
    /// <summary>(s*, h*) for checkpoint and restart times in minutes: the run size that trains most at an MTBF of one hour (<see cref="Engine.Formulas.FrontierRunSize"/>) and its useful work.</summary>
    public static (double S, double H) Peak(double checkpointMinutes, double restartMinutes)
    {
        if (checkpointMinutes == 0 && restartMinutes == 0) return (double.PositiveInfinity, double.PositiveInfinity);
        double s = Engine.Formulas.FrontierRunSize(double.PositiveInfinity, 1, checkpointMinutes, restartMinutes);
        return (s, s * Engine.Formulas.Goodput(s, 1, checkpointMinutes, restartMinutes));
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
