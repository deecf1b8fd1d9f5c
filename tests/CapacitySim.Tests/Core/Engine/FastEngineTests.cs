using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>
/// The fast engine against the reference engine, per sample, every metric, scope and month:
/// equal within a relative 1e-9 (plus 1e-12 of the series' largest value, for values that come
/// from cancellation, such as stranded IT). Sample counts straddle the vector width and the
/// chunk size. CI runs these again with DOTNET_EnableHWIntrinsic=0 and DOTNET_EnableAVX512F=0.
/// </summary>
[Category("Equivalence")]
public class FastEngineTests
{
    private static readonly int[] Counts = [1, 7, 8, 9, 63, 64, 65, 1000];

    public static IEnumerable<TestCaseData> ShippedCases() =>
        (from file in CapacitySim.Tests.Scenarios.ShippedScenarioTests.ModelFiles()
         from n in Counts
         select new TestCaseData(file, n).SetName($"Shipped({file}, {n})"))
        .Concat(from n in Counts.Where(n => n < 1000)
                select new TestCaseData("scenarios/bench/fleet-100.yaml", n).SetName($"Shipped(scenarios/bench/fleet-100.yaml, {n})"));

    /// <summary>
    /// The larger synthetic fleets, compared at their total and region scopes (all 10,000 site
    /// scopes would take gigabytes) and at sample counts the reference engine runs in seconds.
    /// </summary>
    public static IEnumerable<TestCaseData> FleetCases() =>
        (from n in new[] { 1, 7, 8, 9, 65 }
         select new TestCaseData("scenarios/bench/fleet-1000.yaml", n).SetName($"Fleet(scenarios/bench/fleet-1000.yaml, {n})"))
        .Concat(from n in new[] { 1 }
                select new TestCaseData("scenarios/bench/fleet-10000.yaml", n).SetName($"Fleet(scenarios/bench/fleet-10000.yaml, {n})"));

    [TestCaseSource(nameof(FleetCases))]
    public void Fleet(string relative, int samples) =>
        AssertSame(ScenarioLoader.Load(Path.Combine(TestScenarios.RepoRoot, relative), BuiltInCatalog.Load()), samples, ScopeKinds.Total | ScopeKinds.Region);

    public static IEnumerable<TestCaseData> RandomCases() =>
        from seed in RandomScenarios.Seeds(30)
        from n in new[] { 1, 7, 65 }
        select new TestCaseData(seed, n).SetName($"Random({seed}, {n})");

    [TestCaseSource(nameof(ShippedCases))]
    public void ShippedScenario(string relative, int samples) =>
        AssertSame(ScenarioLoader.Load(Path.Combine(TestScenarios.RepoRoot, relative), BuiltInCatalog.Load()), samples);

    [TestCase(ScopeKinds.Total)]
    [TestCase(ScopeKinds.Total | ScopeKinds.Region)]
    [TestCase(ScopeKinds.All)]
    public void KeptScopesAreTheSameWhicheverAreKept(ScopeKinds kinds)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(TestScenarios.RepoRoot, "scenarios/bench/fleet-100.yaml"), BuiltInCatalog.Load());
        var some = AssertSameBitsAsAllScopes(scenario, 20, kinds);
        Assert.That(some.ScopeNames.Count, Is.EqualTo(kinds switch { ScopeKinds.Total => 1, ScopeKinds.All => 111, _ => 11 }));
    }

    public static IEnumerable<TestCaseData> RandomScopeCases() =>
        from seed in RandomScenarios.Seeds(30)
        select new TestCaseData(seed).SetName($"RandomWithoutSiteScopes({seed})");

    /// <summary>
    /// A site whose scope is not kept runs through the kernel's plain paths (nothing of its own to
    /// write): on every random scenario (supply, paths, trajectories, assets before the run, lives
    /// that differ by sample) the regions and total are the bits of a run that keeps every scope.
    /// </summary>
    [TestCaseSource(nameof(RandomScopeCases))]
    public void RandomScenarioWithoutSiteScopesGivesTheSameBits(int seed) =>
        AssertSameBitsAsAllScopes(TestScenarios.Parse(RandomScenarios.Generate(seed, 9)), 9, ScopeKinds.Total | ScopeKinds.Region);

    private static SimulationResult AssertSameBitsAsAllScopes(Scenario scenario, int samples, ScopeKinds kinds)
    {
        var all = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(samples, Scopes: ScopeKinds.All)));
        var some = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(samples, Scopes: kinds)));
        for (int scope = 0; scope < some.ScopeNames.Count; scope++)
        {
            int same = all.ScopeNames.ToList().IndexOf(some.ScopeNames[scope]);
            for (int m = 0; m < Metrics.Count; m++)
                Assert.That(some.Series[scope][m], Is.EqualTo(all.Series[same][m]), $"{some.ScopeNames[scope]}, {Metrics.All[m].Name}");
        }
        return some;
    }

    [TestCaseSource(nameof(RandomCases))]
    public void RandomScenario(int seed, int samples) =>
        AssertSame(TestScenarios.Parse(RandomScenarios.Generate(seed, samples)), samples, where: RandomScenarios.Describe(seed));

    /// <summary>
    /// A campus with every part of the hourly order more than once, which the random scenarios (one
    /// battery at most) do not build: two solar sources and a wind farm, two batteries (the second
    /// from a later month, so it serves only some months), gas units with outages, a grid import
    /// and an untyped source, so the vector dispatch's second battery, second solar or wind source
    /// and third other source are held to the reference engine too.
    /// </summary>
    [TestCase(9)]
    [TestCase(65)]
    public void EveryPartOfTheHourlyOrderTwice(int samples) =>
        AssertSame(TestScenarios.Parse("""
            name: twice
            start: 2026-01
            end: 2027-06
            seed: 7
            roadmap: [H100]
            dispatch: {days_per_month: 5}
            sites:
              - name: campus
                latitude: 35
                pue: 1.2
                supply:
                  - {name: sun-east, type: solar, mw: 300, capacity_factor: {dist: uniform, min: 0.18, max: 0.26}}
                  - {name: store-a, type: battery, mw: 60, hours: 4, round_trip_efficiency: 0.85}
                  - {name: breeze, type: wind, mw: 120, capacity_factor: 0.35}
                  - {name: sun-west, type: solar, mw: 150, capacity_factor: 0.2}
                  - {name: store-b, type: battery, mw: {dist: uniform, min: 20, max: 80}, hours: 2, from: 2026-09}
                  - {name: turbines, type: gas, mw: 120, units: 3, forced_outage_rate: 0.1}
                  - {name: import, type: grid, mw: 15, cfe_share: 0.4}
                  - {name: contract, mw: 10, capacity_factor: 0.9, gco2_per_kwh: 0}
                phases:
                  - {name: p1, online: 2026-01, it_mw: 150, ramp_months: 6, ramp: linear, accelerator: H100}
            """), samples);

    public static IEnumerable<TestCaseData> PinnedCases() =>
        from seed in RandomScenarios.Seeds(12)
        from samples in new[] { 1, 9 }
        select new TestCaseData(seed, samples).SetName($"Pinned({seed}, {samples})");

    /// <summary>
    /// Runs with parameters pinned, as sensitivity analysis makes them: every uncertain number of the
    /// file pinned to its P10 (odd places) or P90 (even places), compared on every metric.
    /// </summary>
    [TestCaseSource(nameof(PinnedCases))]
    public void PinnedRun(int seed, int samples)
    {
        var scenario = TestScenarios.Parse(RandomScenarios.Generate(seed, samples));
        var pinned = scenario.Parameters.Where(p => p.Value.IsRandom)
            .Select((p, k) => (p.Value.Key, Value: Sampler.Quantile(p.Value, k % 2 == 0 ? 0.9 : 0.1)))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        Assert.That(pinned, Is.Not.Empty, "the generator writes distributions");
        AssertSame(scenario, samples, ScopeKinds.All, pinned, RandomScenarios.Describe(seed));
    }

    [Test]
    public void ThreadCountDoesNotChangeTheNumbers()
    {
        var scenario = TestScenarios.Parse(RandomScenarios.Generate(3, 600));
        var one = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(MaxThreads: 1)));
        var two = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(MaxThreads: 2)));
        for (int scope = 0; scope < one.ScopeNames.Count; scope++)
            for (int m = 0; m < Metrics.Count; m++)
                Assert.That(two.Series[scope][m], Is.EqualTo(one.Series[scope][m]));
    }

    [Test]
    public void AMetricNoSiteOfAScopeCanHaveIsOneSharedArrayOfZerosInBothEngines()
    {
        // Region east: a site on the unlimited grid. Region west: a site with a typed battery and a
        // source with capex. Only west and the total can curtail, discharge, strand or buy supply;
        // east's scopes (its site and region) share one array of zeros for those.
        var scenario = TestScenarios.Parse("""
            name: zeros
            start: 2026-01
            end: 2026-12
            roadmap: [H100]
            dispatch: {days_per_month: 2}
            sites:
              - name: grid-site
                region: east
                phases: [{name: p, online: 2026-02, it_mw: 50, delay_months: {dist: uniform, min: 0, max: 3}}]
              - name: own-site
                region: west
                latitude: 30
                supply:
                  - {name: sun, type: solar, mw: 80, capacity_factor: 0.25, from: 2026-03, capex_usd_per_mw: 1000000, build_months: 2}
                  - {name: store, type: battery, mw: 20, hours: 4}
                  - {name: import, type: grid, mw: 10}
                phases: [{name: p, online: 2026-02, it_mw: 40}]
            """);
        var plan = RunPlan.For(scenario, new RunSettings(20, Scopes: ScopeKinds.All));
        var fast = FastEngine.Run(scenario, plan);
        var reference = ReferenceEngine.Run(scenario, plan);
        int east = fast.ScopeNames.ToList().IndexOf("region:east"), west = fast.ScopeNames.ToList().IndexOf("region:west");
        Metric[] only = [Metric.CurtailedMwh, Metric.BatteryDischargeMwh, Metric.GasFuelMmbtu, Metric.ItStrandedMw, Metric.ShortfallMwh, Metric.UnservedHours, Metric.CapexSupplyUsd];
        foreach (var result in new[] { fast, reference })
        {
            var zeros = result.Series[0][(int)Metric.CurtailedMwh]!;
            foreach (var metric in only)
            {
                Assert.That(result.Series[0][(int)metric], Is.SameAs(zeros), $"{metric} at grid-site");
                Assert.That(result.Series[east][(int)metric], Is.SameAs(zeros), $"{metric} at region:east");
                Assert.That(result.Series[west][(int)metric], Is.Not.SameAs(zeros), $"{metric} at region:west");
                Assert.That(result.Series[result.TotalScope][(int)metric], Is.Not.SameAs(zeros), $"{metric} at the total");
            }
            // Gas burned has no gas source even at west: the metric is still west's own array, and 0.
            Assert.That(zeros.All(v => v == 0) && result.Series[west][(int)Metric.GasFuelMmbtu]!.All(v => v == 0));
            Assert.That(result.Series[west][(int)Metric.CurtailedMwh]!.Any(v => v > 0), "the solar source curtails in some month, so west's array is in use");
            Assert.That(result.Series[west][(int)Metric.CapexSupplyUsd]!.Any(v => v > 0), "the solar source's capex lies in west's array");
            Assert.That(result.Arrays.Count(a => ReferenceEquals(a, zeros)), Is.EqualTo(1), "listed once among the arrays");
        }
        for (int scope = 0; scope < fast.ScopeNames.Count; scope++)
            foreach (var metric in only)
                Assert.That(fast.Series[scope][(int)metric], Is.EqualTo(reference.Series[scope][(int)metric]).Within(1e-9), $"{metric} at {fast.ScopeNames[scope]}");
    }

    [Test]
    public void RunningIntoAUsedResultGivesTheNumbersOfAFreshOne()
    {
        // A result filled with seed 1 and filled again with seed 2 holds exactly what a fresh run
        // with seed 2 holds: nothing of what was there before is left (the kernel adds into the arrays and
        // skips months with nothing built, so a left-over value would show).
        var scenario = TestScenarios.Parse(RandomScenarios.Generate(5, 70));
        var reused = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Seed: 1, Scopes: ScopeKinds.All)));
        FastEngine.Fill(reused, RunPlan.For(scenario, new RunSettings(Seed: 2, Scopes: ScopeKinds.All)));
        var fresh = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Seed: 2, Scopes: ScopeKinds.All)));
        var first = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Seed: 1, Scopes: ScopeKinds.All)));
        Assert.That(first.Series[first.TotalScope][(int)Metric.ItBuiltMw], Is.Not.EqualTo(fresh.Series[fresh.TotalScope][(int)Metric.ItBuiltMw]),
            "the two seeds must give different numbers for this test to show anything");
        // The same for a result another engine wrote, and one a caller scribbled on.
        var fromReference = ReferenceEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Seed: 1, Scopes: ScopeKinds.All)));
        FastEngine.Fill(fromReference, RunPlan.For(scenario, new RunSettings(Seed: 2, Scopes: ScopeKinds.All)));
        var scribbled = new SimulationResult(scenario, 70, ScopeKinds.All);
        foreach (var series in scribbled.Arrays) Array.Fill(series, 42.0);
        FastEngine.Fill(scribbled, RunPlan.For(scenario, new RunSettings(Seed: 2, Scopes: ScopeKinds.All)));
        for (int scope = 0; scope < fresh.ScopeNames.Count; scope++)
            for (int m = 0; m < Metrics.Count; m++)
            {
                Assert.That(reused.Series[scope][m], Is.EqualTo(fresh.Series[scope][m]), $"{(Metric)m} at {fresh.ScopeNames[scope]}");
                Assert.That(fromReference.Series[scope][m], Is.EqualTo(fresh.Series[scope][m]), $"{(Metric)m} at {fresh.ScopeNames[scope]}, after the reference engine");
                Assert.That(scribbled.Series[scope][m], Is.EqualTo(fresh.Series[scope][m]), $"{(Metric)m} at {fresh.ScopeNames[scope]}, after 42s");
            }
    }

    [Test]
    public void PreparingTheKernelCompilesItsVectorMethodsAndChangesNoNumber()
    {
        // The site loop, a phase's start, the choice of generation and the copy of chunk sums at
        // least (the kernel marks the methods it wants compiled fully optimized).
        Assert.That(FastEngine.PrepareKernel(), Is.GreaterThanOrEqualTo(4));
        var scenario = TestScenarios.Parse(RandomScenarios.Generate(3, 40));
        var before = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Seed: 3, Scopes: ScopeKinds.All)));
        FastEngine.PrepareKernel();
        var after = FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Seed: 3, Scopes: ScopeKinds.All)));
        for (int scope = 0; scope < before.ScopeNames.Count; scope++)
            for (int m = 0; m < Metrics.Count; m++)
                Assert.That(after.Series[scope][m], Is.EqualTo(before.Series[scope][m]));
    }

    private static void AssertSame(Scenario scenario, int samples, ScopeKinds kinds = ScopeKinds.All, IReadOnlyDictionary<ulong, double>? pinned = null, string? where = null)
    {
        // Every scope (sites, regions, total) unless told otherwise, so each site is compared too.
        var plan = RunPlan.For(scenario, new RunSettings(samples, Scopes: kinds, Pinned: pinned));
        var reference = ReferenceEngine.Run(scenario, plan);
        var fast = FastEngine.Run(scenario, plan);
        Assert.That(fast.ScopeNames, Is.EqualTo(reference.ScopeNames));
        for (int scope = 0; scope < reference.ScopeNames.Count; scope++)
        {
            foreach (var info in Metrics.All)
            {
                var expected = reference.Series[scope][(int)info.Metric];
                var actual = fast.Series[scope][(int)info.Metric];
                Assert.That(actual is null, Is.EqualTo(expected is null), $"{info.Name} at {reference.ScopeNames[scope]}");
                if (expected is null) continue;
                double scale = expected.Select(Math.Abs).DefaultIfEmpty(0).Max();
                for (int k = 0; k < expected.Length; k++)
                {
                    double a = actual![k], e = expected[k];
                    double tolerance = 1e-9 * Math.Max(Math.Abs(a), Math.Abs(e)) + 1e-12 * scale;
                    if (!(Math.Abs(a - e) <= tolerance))
                        Assert.Fail($"{(where is null ? "" : where + ": ")}{info.Name} at {reference.ScopeNames[scope]}, month {reference.PeriodLabels[k / samples]}, sample {k % samples}: fast {a:R}, reference {e:R}");
                }
            }
        }
    }
}
