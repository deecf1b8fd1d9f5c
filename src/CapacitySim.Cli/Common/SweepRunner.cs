using System.Collections.Concurrent;
using System.Diagnostics;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Statistics;
using CapacitySim.Core.Sweeps;
using CapacitySim.IO.Output;
using CapacitySim.IO.Sweeps;

namespace CapacitySim.Cli.Common;

/// <summary>
/// Runs a sweep's points, in parallel on every core: as many points at once as there are cores
/// (each on one thread), or fewer points each on several threads. Results do not depend on it.
/// </summary>
internal static class SweepRunner
{
    /// <summary>
    /// The rows of every point in <paramref name="scenarios"/>; with <paramref name="runsFolder"/>,
    /// each point's full run folder is written under it as well.
    /// </summary>
    public static SweepResults Run(SweepBinding binding, IReadOnlyDictionary<int, Scenario> scenarios, IEngine engine, string? runsFolder,
        IProgress<int> progress, CancellationToken cancel)
    {
        var sweep = binding.Sweep;
        int cores = Environment.ProcessorCount;
        int parallel = Math.Max(1, Math.Min(cores, scenarios.Count));
        int threads = Math.Max(1, cores / parallel);
        var months = binding.MonthIndices;
        var rows = new ConcurrentBag<List<SweepRow>>();
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancel };
        Parallel.ForEach(scenarios.OrderBy(s => s.Key), options, pair =>
        {
            var (point, scenario) = pair;
            // Only the scope reported is kept, unless the whole run is written.
            var scopes = runsFolder is not null ? Scopes.Default(scenario.Sites.Count) | ScopeKinds.Total
                : sweep.Scope == "total" ? ScopeKinds.Total : sweep.Scope.StartsWith("region:", StringComparison.Ordinal) ? ScopeKinds.Total | ScopeKinds.Region : ScopeKinds.Total | ScopeKinds.Site;
            var plan = RunPlan.For(scenario, new RunSettings(binding.Samples, binding.Seed, threads, scopes)) with { Percentiles = binding.Percentiles };
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            var result = engine.Run(scenario, plan, cancellation: cancel);
            int scope = result.ScopeNames.ToList().IndexOf(sweep.Scope);
            rows.Add(SweepResults.RowsOf(point, result, scope, sweep.Metrics, months, binding.Percentiles));
            if (runsFolder is not null)
            {
                var statistics = RunStatistics.Of(result, plan.Percentiles);
                string folder = Path.Combine(runsFolder, SweepOutputs.RunFolder(point));
                Directory.CreateDirectory(folder);
                // run.json's wall time is that of `capsim run`: simulation and statistics of this point.
                var metadata = RunMetadata.Create(binding.Sweep.ScenarioPath, scenario.Name, plan, engine.Name, started, clock.Elapsed.TotalSeconds);
                RunOutputs.Write(folder, result, statistics, metadata, cancel);
            }
            progress.Report(Interlocked.Increment(ref done));
        });
        var axisValues = scenarios.Keys.ToDictionary(p => p, binding.AxisValuesOf);
        return new SweepResults([.. sweep.Axes.Select(a => a.Name)], sweep.Metrics, sweep.Months, binding.Percentiles, axisValues, rows.SelectMany(r => r));
    }
}
