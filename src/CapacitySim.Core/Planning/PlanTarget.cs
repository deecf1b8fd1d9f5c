using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Planning;

/// <summary>
/// A target of a plan: a total-scope metric in a month, at least (or at most) a threshold in the
/// metric's own unit. A sample meets it when its value is on the right side of the threshold.
/// </summary>
public sealed record PlanTarget(Metric Metric, YearMonth Month, double Threshold, bool AtLeast)
{
    /// <summary>True when <paramref name="value"/> meets the target.</summary>
    public bool IsMetBy(double value) => AtLeast ? value >= Threshold : value <= Threshold;

    /// <summary>
    /// True for targets whose value does not only grow with added capacity: the frontier run (its
    /// goodput falls as a cluster grows), and "at most" targets, which added capacity can only break.
    /// </summary>
    public bool IsMonotone => AtLeast && Metric is not (Metric.FrontierRunFlop or Metric.FrontierRunGoodput or Metric.FrontierRunAccelerators);

    /// <summary>"frontier_run_flop >= 1.00e28 FLOP in 2028-12".</summary>
    public override string ToString() =>
        $"{Metric.Info().Name} {(AtLeast ? ">=" : "<=")} {Units.Format(Threshold, Metric.Info().Unit)} in {Month}";
}
