using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>
/// How one run goes, worked out once from a scenario and the user's <see cref="RunSettings"/>:
/// its samples (one sample is the nominal run: every parameter at its nominal value), seed,
/// scopes kept, percentiles reported, worker threads and pinned parameters (by
/// <see cref="Uncertain.Key"/>). The engines, the sampler and the statistics read it.
/// </summary>
public sealed record RunPlan(int Samples, ulong Seed, ScopeKinds Scopes, IReadOnlyList<double> Percentiles, int Threads, IReadOnlyDictionary<ulong, double>? Pinned = null)
{
    /// <summary>Most Monte Carlo samples a run may have, from a file or the command line.</summary>
    public const int MaxSamples = 1_000_000;

    /// <summary>True for the nominal run (one sample): nothing is drawn, so it has no spread.</summary>
    public bool IsNominal => IsNominalRun(Samples);

    /// <summary>True when a run of <paramref name="samples"/> samples is the nominal run, which is exactly one.</summary>
    public static bool IsNominalRun(int samples) => samples == 1;

    /// <summary>
    /// The plan of a run of <paramref name="scenario"/>: each setting given in
    /// <paramref name="overrides"/>, else the scenario's (samples, seed, percentiles), else the
    /// default (scopes: <see cref="Engine.Scopes.Default"/>; threads: every core).
    /// </summary>
    public static RunPlan For(Scenario scenario, RunSettings? overrides = null)
    {
        int samples = overrides?.Samples ?? scenario.Samples;
        if (samples is < 1 or > MaxSamples) throw new ArgumentOutOfRangeException(nameof(overrides), samples, $"samples must be from 1 to {MaxSamples}");
        int threads = overrides?.MaxThreads ?? Environment.ProcessorCount;
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(overrides), threads, "threads must be at least 1");
        return new RunPlan(
            samples,
            overrides?.Seed ?? scenario.Seed,
            overrides?.Scopes ?? Engine.Scopes.Default(scenario.Sites.Count),
            scenario.Percentiles,
            threads,
            overrides?.Pinned);
    }
}
