using System.Diagnostics;
using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Statistics;

namespace CapacitySim.Core.Planning;

/// <summary>What a plan search found: the phases to add, the baseline's and the plan's assessment, and why a target could not be met.</summary>
public sealed record PlanOutcome(
    Allocation Allocation,
    Assessment Baseline,
    Assessment Final,
    IReadOnlyList<string> Findings,
    IReadOnlyList<int> UnmetTargets,
    int EngineRuns,
    TimeSpan EngineTime)
{
    /// <summary>True when the plan meets every target at the confidence.</summary>
    public bool Feasible => UnmetTargets.Count == 0 && Final.AllMet;
}

/// <summary>
/// Finds the least IT capacity to add, per expansion and year, so that every target is met in the
/// confidence share of samples (docs/model.md, "Planning"). Targets are taken earliest month first;
/// for each, every (expansion, year) that can still help is searched for the fewest steps that
/// meet it with the targets before it (bisection where the target grows with capacity, a scan that
/// stops past the peak for the frontier run), and the cheapest is kept, the earliest year on ties.
/// When no single year suffices, the year that raises the target most per MW is filled and the
/// search goes on. A last pass takes away any step the plan can do without. Every candidate runs on
/// the same samples (same seed and sample indices: common random numbers), so candidates differ by
/// what was added, not by noise.
/// </summary>
public sealed class PlanSearch(PlanProblem problem, Func<Allocation, Scenario> build, RunSettings settings, IEngine engine, CancellationToken cancellation = default)
{
    private readonly Dictionary<string, Assessment> _cache = [];
    private readonly Stopwatch _engineClock = new();
    private int _runs;

    /// <summary>Engine runs so far (each candidate plan is one run of every sample).</summary>
    public int EngineRuns => _runs;

    /// <summary>Runs the search.</summary>
    public PlanOutcome Run()
    {
        var targets = problem.Targets;
        var alloc = new Allocation(problem.Expansions.Count, problem.FirstYear, problem.Years);
        var baseline = Evaluate(alloc);
        var order = Enumerable.Range(0, targets.Count).OrderBy(k => targets[k].Month.Ordinal).ThenBy(k => k).ToList();
        var required = new List<int>();
        var unmet = new List<int>();
        var findings = new List<string>();
        foreach (int k in order)
        {
            required.Add(k);
            double lastGainPerMw = 0;
            while (Evaluate(alloc).JointShareOf(required) < problem.Confidence - 1e-12)
            {
                cancellation.ThrowIfCancellationRequested();
                var now = Evaluate(alloc);
                // Capacity that comes online after the months of the frontier targets already met
                // cannot change their clusters at those months: such years are searched first, and
                // the others only when they do not suffice.
                int settled = required.Where(j => j != k && !targets[j].IsMonotone).Select(j => targets[j].Month.Ordinal).DefaultIfEmpty(int.MinValue).Max();
                var (meets, progress) = Candidates(alloc, k, required, now, Cells(k).Where(c => problem.Expansions[c.E].OnlineIn(problem.FirstYear + c.Y).Ordinal > settled));
                if (meets is null && progress is null && settled > int.MinValue) (meets, progress) = Candidates(alloc, k, required, now, Cells(k));
                var chosen = meets ?? progress;
                if (chosen is null)
                {
                    required.Remove(k);
                    unmet.Add(k);
                    findings.Add(Explain(k, alloc, lastGainPerMw));
                    break;
                }
                if (chosen.GainPerMw > 0) lastGainPerMw = chosen.GainPerMw;
                alloc = alloc.With(chosen.Expansion, chosen.Year, chosen.Steps);
            }
        }
        alloc = Prune(alloc, required, unmet);
        var final = Evaluate(alloc);
        foreach (int k in unmet.ToList())
        {
            // Capacity added for later targets may have met it after all.
            if (final.Targets[k].Met && final.JointShareOf([.. required, k]) >= problem.Confidence - 1e-12)
            {
                unmet.Remove(k);
                findings.RemoveAll(f => f.StartsWith(targets[k].ToString(), StringComparison.Ordinal));
            }
        }
        return new PlanOutcome(alloc, baseline, final, findings, unmet, _runs, _engineClock.Elapsed);
    }

    /// <summary>
    /// Over <paramref name="cells"/>: the addition that meets the required targets with the fewest MW
    /// (the earliest year on ties), and the one that raises them most per MW.
    /// </summary>
    private (Step? Meets, Step? Progress) Candidates(Allocation alloc, int k, List<int> required, Assessment now, IEnumerable<(int E, int Y)> cells)
    {
        Step? meets = null, progress = null;
        foreach (var (e, y) in cells)
        {
            int room = problem.Expansions[e].MaxStepsPerYear - alloc[e, y];
            if (room <= 0) continue;
            var step = SearchCell(alloc, e, y, room, k, required, now);
            if (step.Meets)
            {
                if (meets is null || step.Steps * problem.Expansions[e].StepItMw < meets.Steps * problem.Expansions[meets.Expansion].StepItMw - 1e-9) meets = step;
            }
            else if (step.GainPerMw > 0 && (progress is null || step.GainPerMw > progress.GainPerMw)) progress = step;
        }
        return (meets, progress);
    }

    /// <summary>A candidate addition: steps at (expansion, year), whether they meet the targets, and how much they raise the target per MW otherwise.</summary>
    private sealed record Step(int Expansion, int Year, int Steps, bool Meets, double GainPerMw);

    /// <summary>The (expansion, year index) cells whose phases come online by target <paramref name="k"/>'s month.</summary>
    private IEnumerable<(int E, int Y)> Cells(int k)
    {
        var month = problem.Targets[k].Month;
        for (int y = 0; y < problem.Years; y++)
            for (int e = 0; e < problem.Expansions.Count; e++)
            {
                var expansion = problem.Expansions[e];
                int year = problem.FirstYear + y;
                if (!expansion.AddsIn(year) || expansion.OnlineIn(year).Ordinal > month.Ordinal) continue;
                yield return (e, y);
            }
    }

    /// <summary>
    /// The fewest steps (1 .. <paramref name="room"/>) at (e, y) that meet the required targets. A
    /// target that grows with capacity is bisected after checking the whole room; the frontier run
    /// is scanned step by step and the scan stops once the target has fallen twice in a row: the
    /// cluster is past the size at which it trains the most.
    /// </summary>
    private Step SearchCell(Allocation alloc, int e, int y, int room, int k, List<int> required, Assessment now)
    {
        var target = problem.Targets[k];
        double mw = problem.Expansions[e].StepItMw;
        // Progress is the share of samples meeting the required targets together; within the same
        // share (e.g. none yet), how close the target's value at the confidence is to its threshold.
        double Oriented(Assessment a)
        {
            double value = a.Targets[k].AtConfidence, scale = Math.Max(Math.Abs(target.Threshold), 1e-300);
            double closeness = Math.Tanh((target.AtLeast ? value - target.Threshold : target.Threshold - value) / scale);
            return a.JointShareOf(required) + 1e-7 * closeness;
        }
        bool Meets(Assessment a) => a.JointShareOf(required) >= problem.Confidence - 1e-12;
        if (target.IsMonotone)
        {
            var full = Evaluate(alloc.With(e, y, room));
            if (!Meets(full)) return new Step(e, y, room, false, (Oriented(full) - Oriented(now)) / (room * mw));
            int lo = 0, hi = room;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) / 2;
                if (Meets(Evaluate(alloc.With(e, y, mid)))) hi = mid; else lo = mid;
            }
            return new Step(e, y, hi, true, 0);
        }
        double previous = Oriented(now), best = previous;
        int bestSteps = 0, falls = 0;
        for (int n = 1; n <= room; n++)
        {
            var a = Evaluate(alloc.With(e, y, n));
            if (Meets(a)) return new Step(e, y, n, true, 0);
            double value = Oriented(a);
            if (value > best) { best = value; bestSteps = n; }
            falls = value < previous ? falls + 1 : 0;
            previous = value;
            if (falls >= 2) break;
        }
        return bestSteps == 0 ? new Step(e, y, 1, false, 0) : new Step(e, y, bestSteps, false, (best - Oriented(now)) / (bestSteps * mw));
    }

    /// <summary>
    /// Takes away single steps, earliest year first, while the targets met stay met at the
    /// confidence and no unmet target gets further from its threshold; repeats until no step can go.
    /// </summary>
    private Allocation Prune(Allocation alloc, List<int> required, List<int> unmet)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            var current = Evaluate(alloc);
            foreach (var (e, y, _) in alloc.Cells().ToList())
            {
                cancellation.ThrowIfCancellationRequested();
                var smaller = alloc.With(e, y, -1);
                var a = Evaluate(smaller);
                if (a.JointShareOf(required) < problem.Confidence - 1e-12) continue;
                if (unmet.Any(k => Worse(a.Targets[k], current.Targets[k]))) continue;
                alloc = smaller;
                current = a;
                changed = true;
            }
        }
        return alloc;
    }

    private static bool Worse(TargetStatus after, TargetStatus before) =>
        before.Target.AtLeast ? after.AtConfidence < before.AtConfidence : after.AtConfidence > before.AtConfidence;

    /// <summary>Why target <paramref name="k"/> cannot be met within the limits, by how much, and what would lift it.</summary>
    private string Explain(int k, Allocation alloc, double gainPerMw)
    {
        var target = problem.Targets[k];
        var info = target.Metric.Info();
        var status = Evaluate(alloc).Targets[k];
        string pct = string.Create(CultureInfo.InvariantCulture, $"{problem.Confidence * 100:0.#}%");
        string reach = $"{target}: not met within the expansion limits; in {pct} of samples it reaches {Units.Format(status.AtConfidence, info.Unit)}, " +
            string.Create(CultureInfo.InvariantCulture, $"{status.Gap * 100:0.#}% {(target.AtLeast ? "short" : "over")}.");
        if (status.Met)
            return $"{target}: met alone in {status.ShareMet * 100:0.#}% of samples, but no placement within the limits makes {pct} of samples meet it together with the targets before it " +
                string.Create(CultureInfo.InvariantCulture, $"(at best {Evaluate(alloc).JointShareOf([.. Enumerable.Range(0, problem.Targets.Count).Where(j => problem.Targets[j].Month.Ordinal <= target.Month.Ordinal)]) * 100:0.#}%): the samples that fall short of one are not those that fall short of the other; raise the limits of the expansions that help the earlier targets.");
        if (!target.AtLeast)
            return reach + (problem.Expansions.Any(e => e.GrowSource is not null)
                ? " The sources the plan may grow do not bring it low enough within their max_mw: raise max_mw, grow another source, or relax the target."
                : " Added capacity only raises it: relax the target, or change the scenario (cleaner supply, fewer phases).");
        if (target.Metric is Metric.FrontierRunFlop)
            return reach + " " + FrontierLift(target, alloc);
        if (!Cells(k).Any())
            return reach + $" No expansion can bring capacity online by {target.Month}: set an earlier `earliest`.";
        // The target's own rate over the plan: its value at the confidence gained per MW added in time for its month.
        double addedMw = Cells(k).Sum(c => alloc[c.E, c.Y] * problem.Expansions[c.E].StepItMw);
        double gained = status.AtConfidence - Evaluate(new Allocation(problem.Expansions.Count, problem.FirstYear, problem.Years)).Targets[k].AtConfidence;
        if (gainPerMw <= 0 || addedMw <= 0 || !(gained > 0))
            return reach + " Adding capacity where the plan may does not raise it (is the added IT stranded because the supply is fixed, or does the metric not depend on capacity?).";
        double shortBy = Math.Abs(target.Threshold - status.AtConfidence);
        return reach + $" At the plan's rate ({Units.Format(gained / addedMw, info.Unit)} per MW added by then) about {Units.Format(shortBy / (gained / addedMw), "MW")} more IT would be needed online by {target.Month}: raise max_it_mw_per_year or allow an earlier start.";
    }

    /// <summary>
    /// For the frontier run: the largest run one cluster of these accelerators can train at the
    /// scenario's nominal reliability, and the accelerator MTBF at which a cluster of the needed size keeps enough goodput.
    /// </summary>
    private string FrontierLift(PlanTarget target, Allocation alloc)
    {
        var scenario = build(alloc);
        var result = RunEngine(scenario);
        int month = target.Month.PositionFrom(scenario.Start);
        int total = result.TotalScope;
        var flop = result.Values(total, Metric.FrontierRunFlop, month);
        var goodput = result.Values(total, Metric.FrontierRunGoodput, month);
        var accelerators = result.Values(total, Metric.FrontierRunAccelerators, month);
        // FLOP per accelerator over the run at full goodput: effective FLOP/s per accelerator x days x 86,400.
        var perAccelerator = new List<double>();
        for (int i = 0; i < flop.Length; i++)
            if (goodput[i] > 0 && accelerators[i] > 0) perAccelerator.Add(flop[i] / (goodput[i] * accelerators[i]));
        if (perAccelerator.Count == 0)
            return "No cluster trains anything at that month: add capacity that comes online before it.";
        // What the confidence asks is the worst (1 - c) share of samples: per-accelerator FLOP at
        // its (1 - c) quantile, reliability at the (1 - c) quantile of its MTBF and the c quantile of
        // the checkpoint and restart times (the same as the nominal values for fixed numbers).
        double low = 1 - problem.Confidence;
        double perAcc = Percentiles.OfSorted(perAccelerator.Order().ToArray(), 100 * low);
        var training = scenario.Training;
        double mtbf = Sampler.Quantile(training.AcceleratorMtbfHours, low), ckpt = Sampler.Quantile(training.CheckpointMinutes, 1 - low), restart = Sampler.Quantile(training.RestartMinutes, 1 - low);
        double neededUseful = target.Threshold / perAcc;
        double possible = FrontierLimit.MaxUsefulAccelerators(mtbf, ckpt, restart) * perAcc;
        double needMtbf = FrontierLimit.RequiredMtbfHours(neededUseful, ckpt, restart);
        double cluster = FrontierLimit.OptimalAccelerators(needMtbf, ckpt, restart);
        var inv = CultureInfo.InvariantCulture;
        string pct = (low * 100).ToString("0.#", inv);
        return string.Create(inv,
            $"Under the goodput model, at the reliability of the worst {pct}% of samples (accelerator_mtbf_hours {mtbf:N0}, checkpoint {ckpt:0.##} min, restart {restart:0.##} min), " +
            $"one cluster trains the most at about {FrontierLimit.OptimalAccelerators(mtbf, ckpt, restart):N0} accelerators, about {Units.Format(possible, "FLOP")} " +
            $"({perAcc:0.00e0} FLOP per accelerator at full goodput over the run's days; an estimate from each input's quantile, which the samples' own mix of inputs can exceed); a run on a larger cluster takes that size and trains no more. ") +
            string.Create(inv, $"To reach {Units.Format(target.Threshold, "FLOP")} in {100 - double.Parse(pct, inv):0.#}% of samples, accelerator_mtbf_hours of at least {needMtbf:N0} in them (a cluster of about {cluster:N0} accelerators), ") +
            "or shorter checkpoints and restarts, a longer run (training: days) or faster accelerators would lift it.";
    }

    /// <summary>The assessment of a candidate, run once and remembered.</summary>
    private Assessment Evaluate(Allocation alloc)
    {
        if (_cache.TryGetValue(alloc.Key, out var known)) return known;
        var result = RunEngine(build(alloc));
        var assessment = Assessment.Of(result, problem.Targets, problem.Confidence);
        _cache[alloc.Key] = assessment;
        return assessment;
    }

    private SimulationResult RunEngine(Scenario scenario)
    {
        cancellation.ThrowIfCancellationRequested();
        _engineClock.Start();
        try
        {
            _runs++;
            return engine.Run(scenario, RunPlan.For(scenario, settings), cancellation: cancellation);
        }
        finally
        {
            _engineClock.Stop();
        }
    }
}
