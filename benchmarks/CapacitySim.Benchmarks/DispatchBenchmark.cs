using System.Numerics;
using BenchmarkDotNet.Attributes;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Engine.Fast;
using CapacitySim.Core.Engine.Hourly;
using CapacitySim.Core.Engine.Parameters;
using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Benchmarks;

/// <summary>
/// Hourly dispatch alone (MODEL.md section 8), scalar against vectorised: the campus of
/// scenarios/examples/solar-battery-gas.yaml (solar, a battery, five gas units, a grid import),
/// one lane vector of samples with their weather and outages drawn, every month of its three
/// years at a flat 190 MW. The scalar dispatch (the reference engine's) runs the samples one after
/// another; the vectorised one (the fast engine's) all at once. Per operation:
/// <see cref="HourLaneSamples"/> hour-samples (months x days x 24 x lanes).
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmark
{
    private ScenarioLayout _layout = null!;
    private DrawnSite _site = null!;
    private SiteHours[] _hours = null!;
    private VectorDispatch _vector = null!;
    private static readonly int Lanes = Vector<double>.Count;

    /// <summary>Hour-samples a call dispatches.</summary>
    public int HourLaneSamples => _layout.Months * _layout.Scenario.DaysPerMonth * 24 * Lanes;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = Scenario();
        _layout = new ScenarioLayout(scenario);
        var plan = RunPlan.For(scenario, new RunSettings(Samples: 1000));
        var sampler = new Sampler(plan);
        var drawer = new ParameterDrawer(_layout, sampler, Lanes);
        drawer.Begin(0, Lanes);
        _site = drawer.Site(0);
        int sources = scenario.Sites[0].Supply!.Count;
        _hours = [.. Enumerable.Range(0, Lanes).Select(_ => new SiteHours(sources))];
        for (int l = 0; l < Lanes; l++) _hours[l].Begin(_layout, 0, _site, l, sampler, l);
        _vector = new VectorDispatch(sources);
        _vector.Begin(_hours, Lanes, _layout, 0, _site, 0);
    }

    /// <summary>The example campus, as shipped.</summary>
    public static Scenario Scenario() =>
        ScenarioLoader.Load(Path.Combine(RepoRoot(), "scenarios", "examples", "solar-battery-gas.yaml"), BuiltInCatalog.Load());

    /// <summary>The repository above the program or above the current folder.</summary>
    private static string RepoRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CapacitySim.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("run the benchmark from the repository (it reads scenarios/examples/solar-battery-gas.yaml)");
    }

    [Benchmark(Baseline = true)]
    public double Scalar()
    {
        double cfe = 0;
        for (int t = 0; t < _layout.Months; t++)
            for (int l = 0; l < Lanes; l++)
                cfe += _hours[l].Month(_layout, 0, _site, l, t, 190).Cfe;
        return cfe;
    }

    [Benchmark]
    public double Vectorised()
    {
        double cfe = 0;
        var load = new Vector<double>(190);
        for (int t = 0; t < _layout.Months; t++)
            cfe += Vector.Sum(_vector.Month(_hours, Lanes, _layout, 0, _site, 0, t, load).Cfe);
        return cfe;
    }
}
