using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>An engine that runs a scenario's samples into a result; pick one by name with <see cref="Engines.ByName"/>.</summary>
public interface IEngine
{
    /// <summary>The name users pick it by, e.g. "fast".</summary>
    string Name { get; }

    /// <summary>Runs every sample of <paramref name="scenario"/> as <paramref name="plan"/> says; <paramref name="progress"/> receives completed sample counts.</summary>
    SimulationResult Run(Scenario scenario, RunPlan plan, IProgress<int>? progress = null, CancellationToken cancellation = default);
}
