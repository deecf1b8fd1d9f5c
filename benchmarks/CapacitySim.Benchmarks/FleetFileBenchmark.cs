using BenchmarkDotNet.Attributes;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Benchmarks;

/// <summary>
/// The fast engine on scenarios/bench/fleet-1000.yaml, 1,000 samples, total and region scopes, on
/// all cores: into a fresh result and into a reused one. The file is fixed, so builds of different
/// model versions can be timed on the very same input (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class FleetFileBenchmark
{
    private Scenario _scenario = null!;
    private RunPlan _plan = null!;
    private SimulationResult _reused = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.Load(ScenarioFiles.Find("scenarios/bench/fleet-1000.yaml"), BuiltInCatalog.Load());
        _plan = RunPlan.For(_scenario, new RunSettings(1000, Scopes: ScopeKinds.Total | ScopeKinds.Region));
        _reused = FastEngine.Run(_scenario, _plan);
    }

    [Benchmark]
    public SimulationResult Fresh() => FastEngine.Run(_scenario, _plan);

    [Benchmark]
    public void Reused() => FastEngine.Fill(_reused, _plan);
}
