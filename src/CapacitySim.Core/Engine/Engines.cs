using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>The engines by name: "fast" (<see cref="FastEngine"/>, the default) and "reference" (<see cref="ReferenceEngine"/>).</summary>
public static class Engines
{
    /// <summary>The SIMD engine, the default.</summary>
    public static IEngine Fast { get; } = new FastAdapter();

    /// <summary>The plain engine that defines the model and that the fast engine is tested against.</summary>
    public static IEngine Reference { get; } = new ReferenceAdapter();

    /// <summary>Every engine, the default first.</summary>
    public static IReadOnlyList<IEngine> All { get; } = [Fast, Reference];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(e => e.Name)];

    /// <summary>The engine of that name; an unknown name is an <see cref="ArgumentException"/>.</summary>
    public static IEngine ByName(string name) =>
        All.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentException($"unknown engine '{name}'; engines: {string.Join(", ", Names)}", nameof(name));

    private sealed class FastAdapter : IEngine
    {
        public string Name => "fast";

        public SimulationResult Run(Scenario scenario, RunPlan plan, IProgress<int>? progress = null, CancellationToken cancellation = default) =>
            FastEngine.Run(scenario, plan, progress, cancellation);
    }

    private sealed class ReferenceAdapter : IEngine
    {
        public string Name => "reference";

        public SimulationResult Run(Scenario scenario, RunPlan plan, IProgress<int>? progress = null, CancellationToken cancellation = default) =>
            ReferenceEngine.Run(scenario, plan, progress, cancellation);
    }
}
