using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;

namespace CapacitySim.Core.Planning;

/// <summary>One target in one run: the share of samples meeting it, P10/P50/P90, and its value at the plan's confidence.</summary>
public sealed record TargetStatus(PlanTarget Target, double ShareMet, double P10, double P50, double P90, double AtConfidence, bool Met)
{
    /// <summary>
    /// How far the value at the confidence is from the threshold, as a fraction of the threshold:
    /// 0 when met, 0.25 when an "at least" target is 25% short (or an "at most" one 25% over).
    /// </summary>
    public double Gap => Met ? 0 : Target.Threshold == 0 ? double.PositiveInfinity
        : Math.Abs(Target.Threshold - AtConfidence) / Math.Abs(Target.Threshold);
}

/// <summary>
/// A run of a candidate plan judged against the targets: each target's status and the share of
/// samples that meet every target at once (what the confidence asks of).
/// </summary>
public sealed record Assessment(IReadOnlyList<TargetStatus> Targets, double JointShareMet, double Confidence)
{
    /// <summary>True when the share of samples meeting every target reaches the confidence.</summary>
    public bool AllMet => JointShareMet >= Confidence - 1e-12;

    /// <summary>Each target's value in each sample, [target][sample].</summary>
    internal double[][] Values { get; init; } = [];

    /// <summary>The share of samples meeting each of the targets whose indices are listed.</summary>
    public double JointShareOf(IReadOnlyCollection<int> which)
    {
        if (which.Count == 0 || Values.Length == 0) return 1;
        int samples = Values[0].Length;
        int met = 0;
        for (int i = 0; i < samples; i++)
        {
            bool all = true;
            foreach (int k in which)
                if (!Targets[k].Target.IsMetBy(Values[k][i])) { all = false; break; }
            if (all) met++;
        }
        return (double)met / samples;
    }

    /// <summary>Judges <paramref name="result"/> (which must keep the total scope) against <paramref name="targets"/>.</summary>
    public static Assessment Of(SimulationResult result, IReadOnlyList<PlanTarget> targets, double confidence)
    {
        int samples = result.Samples;
        var values = new double[targets.Count][];
        var statuses = new TargetStatus[targets.Count];
        for (int k = 0; k < targets.Count; k++)
        {
            var target = targets[k];
            int month = target.Month.PositionFrom(result.Scenario.Start);
            values[k] = result.Values(result.TotalScope, target.Metric, month).ToArray();
            var sorted = values[k].Order().ToArray();
            int met = values[k].Count(target.IsMetBy);
            // The value the confidence share of samples reaches: the (1 - c) quantile for "at least", the c quantile for "at most".
            double atConfidence = Percentiles.OfSorted(sorted, 100 * (target.AtLeast ? 1 - confidence : confidence));
            double share = (double)met / samples;
            statuses[k] = new TargetStatus(target, share, Percentiles.OfSorted(sorted, 10), Percentiles.OfSorted(sorted, 50), Percentiles.OfSorted(sorted, 90),
                atConfidence, share >= confidence - 1e-12);
        }
        int joint = 0;
        for (int i = 0; i < samples; i++)
        {
            bool all = true;
            for (int k = 0; k < targets.Count && all; k++) all = targets[k].IsMetBy(values[k][i]);
            if (all) joint++;
        }
        return new Assessment(statuses, (double)joint / samples, confidence) { Values = values };
    }
}
