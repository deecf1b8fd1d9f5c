using BenchmarkDotNet.Attributes;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Generation;
using CapacitySim.IO.Scenarios;
using CapacitySim.Platform;

namespace CapacitySim.Benchmarks;

/// <summary>Synthetic fleets of the generator, cut to 144 months, by site count.</summary>
internal static class Fleets
{
    /// <summary>The generator's fleet of <paramref name="sites"/> sites (seed 2026); <paramref name="typed"/>: every site on typed sources, dispatched hour by hour.</summary>
    public static Scenario Of(int sites, bool typed = false) =>
        ScenarioLoader.Parse(System.Text.Encoding.UTF8.GetBytes(FleetGenerator.Generate(sites, 2026, typed: typed)), $"fleet-{sites}{(typed ? "-typed" : "")}", BuiltInCatalog.Load());

    /// <summary>The plan of a benchmark run: <paramref name="samples"/> samples, total and region statistics, on <paramref name="threads"/> threads (all cores by default).</summary>
    public static RunPlan Plan(Scenario scenario, int samples, int? threads = null) =>
        RunPlan.For(scenario, new RunSettings(samples, MaxThreads: threads, Scopes: ScopeKinds.Total | ScopeKinds.Region));
}

/// <summary>
/// The kernel against its baseline, the reference engine, on synthetic fleets up to 1,000 sites x
/// 1,000 samples (144 months, total and region statistics); <see cref="KernelScalingBenchmark"/> goes further.
/// </summary>
[MemoryDiagnoser]
public class KernelVsReferenceBenchmark
{
    private Scenario _scenario = null!;

    [Params(10, 100, 1000)]
    public int Sites { get; set; }

    [Params(100, 1000)]
    public int Samples { get; set; }

    private SimulationResult _reused = null!;
    private RunPlan _oneCore = null!;
    private RunPlan _allCores = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = Fleets.Of(Sites);
        _oneCore = Fleets.Plan(_scenario, Samples, threads: 1);
        _allCores = Fleets.Plan(_scenario, Samples);
        _reused = FastEngine.Run(_scenario, _allCores);
    }

    [Benchmark(Baseline = true)]
    public SimulationResult Reference() => ReferenceEngine.Run(_scenario, _oneCore);

    [Benchmark]
    public SimulationResult FastOneCore() => FastEngine.Run(_scenario, _oneCore);

    [Benchmark]
    public SimulationResult FastAllCores() => FastEngine.Run(_scenario, _allCores);

    /// <summary>The same run into a result the process has written before (<see cref="FastEngine.Fill"/>): the kernel without the operating system's first touch of fresh pages.</summary>
    [Benchmark]
    public SimulationResult FastAllCoresReused()
    {
        FastEngine.Fill(_reused);
        return _reused;
    }
}

/// <summary>
/// What memory costs apart from any computation: one value written per 4 KB page of the result a
/// 1,000-site x 1,000-sample run keeps (total and region statistics), on all cores.
/// </summary>
[MemoryDiagnoser]
public unsafe class FirstTouchBenchmark
{
    private Scenario _scenario = null!;
    private SimulationResult _written = null!;
    private long _doubles;

    [Params(1000)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = Fleets.Of(1000);
        _written = new SimulationResult(_scenario, Samples, ScopeKinds.Total | ScopeKinds.Region);
        Touch(_written);
        _doubles = _written.Arrays.Sum(a => (long)a.Length);
    }

    /// <summary>Into arrays written before.</summary>
    [Benchmark(Baseline = true)]
    public SimulationResult WrittenBefore() => Touch(_written);

    /// <summary>Into a new result from the GC heap, as <c>FastEngine.Run</c> makes one in a capsim process.</summary>
    [Benchmark]
    public SimulationResult GcHeap() => Touch(new SimulationResult(_scenario, Samples, ScopeKinds.Total | ScopeKinds.Region));

    /// <summary>The same with nothing collapsed, only the heap advised for huge pages: whether collapsing still pays.</summary>
    [Benchmark]
    public SimulationResult GcHeapNotCollapsed()
    {
        var hook = AllocationHook.NewArrays;
        AllocationHook.NewArrays = null;
        try
        {
            return Touch(new SimulationResult(_scenario, Samples, ScopeKinds.Total | ScopeKinds.Region));
        }
        finally
        {
            AllocationHook.NewArrays = hook;
        }
    }

    /// <summary>Into memory fresh from the system on 4 KB pages, each faulted in on first touch.</summary>
    [Benchmark]
    public void FreshFromTheSystem()
    {
        // Allocations this large are mapped anew by the C library and unmapped when freed.
        double* memory = (double*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)_doubles, sizeof(double));
        try
        {
            TouchEveryPage(memory);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(memory);
        }
    }

    /// <summary>The same advised for 2 MB pages before its first touch, as capsim advises its heap (elsewhere than Linux, the 4 KB case again).</summary>
    [Benchmark]
    public void FreshFromTheSystemInHugePages()
    {
        nuint bytes = (nuint)_doubles * sizeof(double);
        double* memory = (double*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(bytes, 2 << 20);
        try
        {
            HugePages.Advise((nint)memory, bytes);
            TouchEveryPage(memory);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(memory);
        }
    }

    /// <summary>One value per 4 KB of the result's size at <paramref name="memory"/>, half on each core.</summary>
    private void TouchEveryPage(double* memory)
    {
        long half = _doubles / 2, doubles = _doubles;
        Parallel.For(0, 2, part =>
        {
            long end = part == 0 ? half : doubles;
            for (long i = part * half; i < end; i += 512) memory[i] = 1;
        });
    }

    private static SimulationResult Touch(SimulationResult result)
    {
        Parallel.ForEach(result.Arrays.ToArray(), a =>
        {
            for (int i = 0; i < a.Length; i += 512) a[i] = 1;
        });
        return result;
    }
}

/// <summary>
/// The fast engine on all cores over fleets of 10 to 10,000 sites and 100 to 10,000 samples (total
/// and region statistics), into a fresh result and into one written before.
/// </summary>
[MemoryDiagnoser]
public class KernelScalingBenchmark
{
    private Scenario _scenario = null!;

    [Params(10, 100, 1000, 10000)]
    public int Sites { get; set; }

    [Params(100, 1000, 10000)]
    public int Samples { get; set; }

    private SimulationResult _reused = null!;
    private RunPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = Fleets.Of(Sites);
        _plan = Fleets.Plan(_scenario, Samples);
        _reused = FastEngine.Run(_scenario, _plan);
    }

    [Benchmark]
    public SimulationResult FastAllCores() => FastEngine.Run(_scenario, _plan);

    /// <summary>Into a result written before: the kernel without the first touch of fresh pages.</summary>
    [Benchmark]
    public SimulationResult FastAllCoresReused()
    {
        FastEngine.Fill(_reused);
        return _reused;
    }
}

/// <summary>The percentile stage: mean and percentiles of every month, scope and metric, on all cores.</summary>
[MemoryDiagnoser]
public class PercentileBenchmark
{
    private SimulationResult _result = null!;

    [Params(1000, 10000)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = Fleets.Of(100);
        _result = FastEngine.Run(scenario, Fleets.Plan(scenario, Samples));
    }

    [Benchmark]
    public CapacitySim.Core.Statistics.Summary Monthly() => CapacitySim.Core.Statistics.Summary.Of(_result, [10, 50, 90]);
}

/// <summary>Writing monthly.csv, annual.csv and every chart of the reference scenario (2,000 samples).</summary>
[MemoryDiagnoser]
public class OutputBenchmark
{
    private SimulationResult _result = null!;
    private CapacitySim.Core.Statistics.RunStatistics _statistics = null!;
    private string _folder = "";
    private CapacitySim.IO.Output.RunMetadata _metadata = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = ScenarioFiles.Find("scenarios/meta-superintelligence.yaml");
        var scenario = ScenarioLoader.Load(ScenarioFiles.Find("scenarios/meta-superintelligence.yaml"), BuiltInCatalog.Load());
        _result = FastEngine.Run(scenario);
        _statistics = CapacitySim.Core.Statistics.RunStatistics.Of(_result, scenario.Percentiles);
        _folder = Directory.CreateTempSubdirectory("capsim-bench-").FullName;
        _metadata = CapacitySim.IO.Output.RunMetadata.Create(path, scenario.Name, RunPlan.For(scenario), "fast", DateTime.UtcNow, 0);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public void CsvAndCharts() => CapacitySim.IO.Output.RunOutputs.Write(_folder, _result, _statistics, _metadata);
}

/// <summary>The reference scenario end to end in process: load, fast engine, statistics, CSV and charts.</summary>
[MemoryDiagnoser]
public class EndToEndBenchmark
{
    private string _path = "";
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = ScenarioFiles.Find("scenarios/meta-superintelligence.yaml");
        _folder = Directory.CreateTempSubdirectory("capsim-e2e-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public void ReferenceScenario()
    {
        var scenario = ScenarioLoader.Load(_path, BuiltInCatalog.Load());
        var result = FastEngine.Run(scenario);
        var statistics = CapacitySim.Core.Statistics.RunStatistics.Of(result, scenario.Percentiles);
        var metadata = CapacitySim.IO.Output.RunMetadata.Create(_path, scenario.Name, RunPlan.For(scenario), "fast", DateTime.UtcNow, 0);
        CapacitySim.IO.Output.OutputFolder.WriteAtomically(Path.Combine(_folder, scenario.Name), dir =>
            CapacitySim.IO.Output.RunOutputs.Write(dir, result, statistics, metadata));
    }
}
