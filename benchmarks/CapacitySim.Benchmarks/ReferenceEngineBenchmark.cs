using BenchmarkDotNet.Attributes;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Benchmarks;

/// <summary>
/// The reference engine on the reference scenario: one operation is a whole Monte Carlo run of
/// 9 years x 3 sites. Throughput in site-month-samples per second = sites x months x samples / time.
/// </summary>
[MemoryDiagnoser]
public class ReferenceEngineBenchmark
{
    private Scenario _scenario = null!;

    [Params(100, 1000)]
    public int Samples { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    private RunPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.Load(ScenarioFiles.Find("scenarios/meta-superintelligence.yaml"), BuiltInCatalog.Load());
        _plan = RunPlan.For(_scenario, new RunSettings(Samples, null, Threads));
    }

    [Benchmark]
    public SimulationResult Run() => ReferenceEngine.Run(_scenario, _plan);
}

internal static class ScenarioFiles
{
    /// <summary>Finds a repository file from the benchmark's working folder, wherever BenchmarkDotNet runs it.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException($"{relative} not found above {Directory.GetCurrentDirectory()}");
    }
}
