using System.Reflection;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine.Fast;
using CapacitySim.Core.Engine.Parameters;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>
/// The fast engine: the same model as <see cref="ReferenceEngine"/>, computed for a chunk of
/// samples at a time with SIMD across samples (<see cref="ChunkKernel"/>). Chunks cover disjoint
/// samples, so they run on all cores without locks, and a sample's numbers do not depend on the
/// chunk or thread.
/// </summary>
public static class FastEngine
{
    /// <summary>
    /// Samples per chunk. Small on purpose: a site adds every metric of every month to its region's
    /// and the total's accumulators, [month][metric][lane]; at 16 lanes those stay in L2 cache.
    /// </summary>
    public const int ChunkSize = 16;

    /// <summary>Runs every sample of <paramref name="scenario"/> as <paramref name="plan"/> says (by default the scenario's own); <paramref name="progress"/> receives completed sample counts.</summary>
    public static SimulationResult Run(Scenario scenario, RunPlan? plan = null, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        plan ??= RunPlan.For(scenario);
        var result = new SimulationResult(scenario, plan.Samples, plan.Scopes);
        RunInto(result, plan, fresh: true, progress, cancellation);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="result"/>'s scenario again into its own arrays as <paramref name="plan"/>
    /// says, whose samples and scopes must be the result's (by default the scenario's plan with the
    /// result's samples and scopes). Memory a process has written once costs far less than fresh
    /// memory, which the operating system hands out page by page on first touch, so a sweep that
    /// runs one scenario many times reuses one result.
    /// </summary>
    public static void Fill(SimulationResult result, RunPlan? plan = null, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        plan ??= RunPlan.For(result.Scenario, new RunSettings(result.Samples, Scopes: result.Kinds));
        if (plan.Samples != result.Samples || plan.Scopes != result.Kinds)
            throw new ArgumentException($"the plan's {plan.Samples} samples and scopes {plan.Scopes} are not the result's {result.Samples} and {result.Kinds}", nameof(plan));
        RunInto(result, plan, fresh: false, progress, cancellation);
    }

    /// <summary>
    /// Compiles the kernel's methods (those marked for full optimization: the vector code, which
    /// cannot be compiled ahead of time because the vector width is chosen at start-up) now, so a
    /// process can do it on an idle core while it reads its input instead of in the first chunk.
    /// Returns how many methods it compiled.
    /// </summary>
    public static int PrepareKernel()
    {
        int prepared = 0;
        foreach (var type in typeof(ChunkKernel).Assembly.GetTypes().Where(t => t.Namespace == typeof(ChunkKernel).Namespace && !t.IsGenericTypeDefinition))
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization) && !method.ContainsGenericParameters)
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    prepared++;
                }
        return prepared;
    }

    /// <summary>
    /// The kernel adds into the result's arrays and skips months in which nothing is built, so a
    /// result that may hold anything is zeroed first; a new one is zero already, and is left for
    /// the kernel to touch first.
    /// </summary>
    private static void RunInto(SimulationResult result, RunPlan plan, bool fresh, IProgress<int>? progress, CancellationToken cancellation)
    {
        int samples = result.Samples;
        if (!fresh) result.Clear(plan.Threads);
        var layout = new ScenarioLayout(result.Scenario);
        int chunks = (samples + ChunkSize - 1) / ChunkSize;
        int done = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = plan.Threads,
            CancellationToken = cancellation,
        };
        Parallel.For(0, chunks, options, () => new ChunkKernel(layout, result, new Sampler(plan)), (chunk, _, kernel) =>
        {
            int first = chunk * ChunkSize;
            int count = Math.Min(ChunkSize, samples - first);
            kernel.Run(first, count);
            progress?.Report(Interlocked.Add(ref done, count));
            return kernel;
        }, _ => { });
    }
}
