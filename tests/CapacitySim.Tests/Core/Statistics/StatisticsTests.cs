using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;

namespace CapacitySim.Tests.Core.Statistics;

public class StatisticsTests
{
    [Test]
    public void Type7PercentilesOfAKnownArray()
    {
        // Values 1..10 (n = 10). h = (n - 1) p / 100.
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        // p10: h = 0.9 -> 1 + 0.9 * (2 - 1) = 1.9 (R: quantile(1:10, 0.1) = 1.9).
        Assert.That(Percentiles.OfSorted(sorted, 10), Is.EqualTo(1.9).Within(1e-12));
        // p50: h = 4.5 -> 5.5.
        Assert.That(Percentiles.OfSorted(sorted, 50), Is.EqualTo(5.5).Within(1e-12));
        // p90: h = 8.1 -> 9 + 0.1 = 9.1.
        Assert.That(Percentiles.OfSorted(sorted, 90), Is.EqualTo(9.1).Within(1e-12));
        Assert.That(Percentiles.OfSorted(sorted, 0), Is.EqualTo(1));
        Assert.That(Percentiles.OfSorted(sorted, 100), Is.EqualTo(10));
    }

    [Test]
    public void ComputeSortsACopy()
    {
        double[] values = [5, 1, 4, 2, 3];
        var output = new double[2];
        Percentiles.Compute(values, [25, 75], new double[5], output);
        // Sorted 1..5: p25 h = 1 -> 2; p75 h = 3 -> 4.
        Assert.That(output, Is.EqualTo(new[] { 2.0, 4.0 }));
        Assert.That(values, Is.EqualTo(new double[] { 5, 1, 4, 2, 3 }));
    }

    [Test]
    public void SingleValueIsEveryStatistic()
    {
        Assert.That(Percentiles.OfSorted([7.5], 10), Is.EqualTo(7.5));
        Assert.That(Percentiles.OfSorted([7.5], 90), Is.EqualTo(7.5));
        Assert.That(Summary.Mean([7.5]), Is.EqualTo(7.5));
    }

    [Test]
    public void AnnualSumsFlowsAndTakesLastMonthOfStocks()
    {
        var r = TestScenarios.Run("""
            name: t
            start: 2025-11
            end: 2026-02
            roadmap: [H100]
            sites:
              - name: A
                load_factor: 1
                pue: 1
                phases: [{name: P, online: 2025-11, it_mw: 40, ramp_months: 4, ramp: linear, accelerator: H100}]
            """);
        var annual = Annual.Aggregate(r);
        Assert.That(annual.PeriodLabels, Is.EqualTo(new[] { "2025", "2026" }));
        int total = annual.TotalScope;
        // Built: t=0 -> 40 * 0.5 / 4 = 5, t=1 -> 15, t=2 -> 25, t=3 -> 35 MW.
        // Stock: 2025 takes December (15), 2026 takes February (35).
        Assert.That(annual.Value(total, Metric.ItBuiltMw, 0, 0), Is.EqualTo(15).Within(1e-9));
        Assert.That(annual.Value(total, Metric.ItBuiltMw, 1, 0), Is.EqualTo(35).Within(1e-9));
        // Flow: 2025 IT energy = 5 * 720 h (Nov) + 15 * 744 h (Dec) = 3,600 + 11,160 = 14,760 MWh.
        Assert.That(annual.Value(total, Metric.ItEnergyMwh, 0, 0), Is.EqualTo(14_760).Within(1e-6));
        // 2026: 25 * 744 (Jan) + 35 * 672 (Feb) = 18,600 + 23,520 = 42,120 MWh.
        Assert.That(annual.Value(total, Metric.ItEnergyMwh, 1, 0), Is.EqualTo(42_120).Within(1e-6));
    }

    [Test]
    public void SummaryOfOneSampleEqualsTheValue()
    {
        var r = TestScenarios.Run(TestScenarios.ReadRepoFile("scenarios/examples/single-site-linear.yaml"));
        var s = Summary.Of(r, [10, 50, 90]);
        var row = s.Find(5, r.TotalScope, Metric.ItBuiltMw)!;
        // June 2025: 100 * 5.5 / 10 = 55 MW.
        Assert.That(row.Mean, Is.EqualTo(55).Within(1e-9));
        Assert.That(row.Percentiles, Is.All.EqualTo(55).Within(1e-9));
    }

    [Test]
    public void CumulativeCapexSumsFacilityAndHardwarePerSample()
    {
        var scenario = TestScenarios.Parse(TestScenarios.ReadRepoFile("scenarios/examples/single-site-linear.yaml"));
        var result = new SimulationResult(scenario, 2);
        int total = result.TotalScope;
        var facility = result.Series[total][(int)Metric.CapexFacilityUsd]!;
        var hardware = result.Series[total][(int)Metric.CapexHardwareUsd]!;
        // Months 0..2, samples 0 and 1 (slot = month * 2 + sample).
        facility[0] = 1; facility[2] = 2; facility[4] = 3;
        hardware[1] = 10; hardware[3] = 20; hardware[5] = 30;
        result.DeriveMetrics();
        var cumulative = result.Series[total][(int)Metric.CapexCumulativeUsd]!;
        // Sample 0: 1, 1+2 = 3, 3+3 = 6; sample 1: 10, 30, 60; flat after month 2.
        Assert.That(cumulative[..6], Is.EqualTo(new double[] { 1, 10, 3, 30, 6, 60 }));
        Assert.That(cumulative[^2..], Is.EqualTo(new double[] { 6, 60 }));
    }

    /// <summary>Selection gives exactly the sorted-array percentiles: sizes 1 to 300, ties, constant runs, and many levels.</summary>
    [Test]
    public void SelectionEqualsSorting()
    {
        var random = new Random(12345);
        double[][] levelSets = [[10, 50, 90], [0, 100], [5, 25, 50, 75, 95], [50], [2.5, 97.5, 33.3, 66.6]];
        for (int n = 1; n <= 300; n++)
        {
            foreach (int distinct in new[] { 1, 2, 5, n })
            {
                var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(distinct) * 1.5 - 3).ToArray();
                AssertSameAsSorting(values, levelSets, $"n={n}, distinct={distinct}");
            }
        }
    }
    /// <summary>
    /// From Percentiles.BucketedFrom values up, the needed ranks are found through a counting pass
    /// into buckets: still exactly the sorted-array percentiles, for spreads the buckets handle
    /// badly too (a cap most samples reach, a range of a few ulps, one huge outlier, infinities).
    /// </summary>
    [Test]
    public void BucketedSelectionEqualsSorting()
    {
        var random = new Random(2026);
        double[][] levelSets = [[10, 50, 90], [0, 100], [5, 25, 50, 75, 95], [50], [2.5, 97.5, 33.3, 66.6], [.. Enumerable.Range(0, 101).Select(p => (double)p)]];
        var spreads = new (string Name, Func<int, double> Draw)[]
        {
            ("uniform", _ => random.NextDouble() * 100 - 50),
            ("few distinct", _ => random.Next(3) * 0.25),
            ("a cap 90% reach", _ => random.NextDouble() < 0.9 ? 1000 : random.NextDouble() * 1000),
            ("a few ulps", _ => 1 + random.Next(5) * (Math.BitIncrement(1.0) - 1)),
            ("one huge outlier", i => i == 7 ? 1e300 : random.NextDouble()),
            ("tiny and huge", _ => Math.Pow(10, random.Next(-300, 300)) * (random.Next(2) * 2 - 1)),
            ("infinities", i => i % 97 == 0 ? double.PositiveInfinity : i % 89 == 0 ? double.NegativeInfinity : random.NextDouble()),
            ("lognormal", _ => Math.Exp(3 * Normal(random))),
        };
        foreach (int n in new[] { Percentiles.BucketedFrom - 1, Percentiles.BucketedFrom, Percentiles.BucketedFrom + 1, 2000, 4099 })
            foreach (var (name, draw) in spreads)
            {
                AssertSameAsSorting([.. Enumerable.Range(0, n).Select(draw)], levelSets, $"n={n}, {name}");
            }
    }

    /// <summary>Percentiles.Compute gives, at every level set, exactly what OfSorted gives on the sorted values.</summary>
    private static void AssertSameAsSorting(double[] values, double[][] levelSets, string what)
    {
        var sorted = values.Order().ToArray();
        foreach (var levels in levelSets)
        {
            var output = new double[levels.Length];
            Percentiles.Compute(values, levels, new double[values.Length], output);
            for (int j = 0; j < levels.Length; j++)
                Assert.That(output[j], Is.EqualTo(Percentiles.OfSorted(sorted, levels[j])), $"{what}, p={levels[j]}");
        }
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
