using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.Scenarios;

/// <summary>
/// The reference scenario's headline numbers at P50 meet the targets an analyst checks first
/// (issue 13): a 2024 frontier run of the size Meta's clusters could train, no jump of fleet
/// compute without new capacity behind it, and construction spend in every year of the buildout.
/// </summary>
public class ReferenceScenarioTests
{
    private const string File = "scenarios/meta-superintelligence.yaml";

    // 200 samples on the fast engine: P50s within a few percent of the file's 2,000, in well under a second.
    private const int Samples = 200;

    private static readonly Lazy<(Scenario Scenario, SimulationResult Result)> Run = new(() =>
    {
        var scenario = ScenarioLoader.Load(Path.Combine(TestScenarios.RepoRoot, File), BuiltInCatalog.Load());
        return (scenario, FastEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Samples))));
    });

    private static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return Percentiles.OfSorted(sorted, 50);
    }

    private static int MonthIndex(SimulationResult r, string month) => r.PeriodLabels.ToList().IndexOf(month);

    [Test]
    public void FrontierRunOf2024IsWithinTheRangeOfPublishedRuns()
    {
        var r = Run.Value.Result;
        double flop = Median(r.Values(r.TotalScope, Metric.FrontierRunFlop, MonthIndex(r, "2024-12")));
        // One 24,576-GPU cluster: 24,576 x 989e12 FLOP/s x MFU 0.4 x goodput ~0.93 x 90 days x 86,400 s
        // = 7.0e25 FLOP, beside Llama 3 405B's 3.8e25; the target allows 1e25 to 2e26.
        Assert.That(flop, Is.InRange(1e25, 2e26));
    }

    [Test]
    public void FleetComputeRisesMoreThan30PercentInAMonthOnlyWhenNewCapacityEnergizes()
    {
        var (scenario, r) = Run.Value;
        // A phase energizes from its nominal online month to the end of its ramp after its nominal delay.
        var energizing = new HashSet<int>();
        foreach (var phase in scenario.Sites.SelectMany(s => s.Phases))
        {
            int online = phase.Online.PositionFrom(scenario.Start);
            int rampEnd = online + (int)Math.Ceiling(phase.DelayMonths.Nominal + phase.RampMonths.Nominal);
            for (int t = online; t <= rampEnd; t++) energizing.Add(t);
        }
        var jumps = new List<string>();
        for (int t = MonthIndex(r, "2027-01"); t < r.Months; t++)
        {
            double before = Median(r.Values(r.TotalScope, Metric.H100e, t - 1));
            double now = Median(r.Values(r.TotalScope, Metric.H100e, t));
            if (now > 1.3 * before && !energizing.Contains(t))
                jumps.Add($"{r.PeriodLabels[t]}: {before:N0} -> {now:N0} H100e");
        }
        Assert.That(jumps, Is.Empty, "month-over-month rises above 30% with no phase energizing");
    }

    [TestCase(2025)]
    [TestCase(2026)]
    [TestCase(2027)]
    [TestCase(2028)]
    [TestCase(2029)]
    [TestCase(2030)]
    [TestCase(2031)]
    public void CapexIsSpentInEveryYearOfTheBuildout(int year)
    {
        var r = Run.Value.Result;
        int first = MonthIndex(r, $"{year}-01");
        // Per sample, the year's facility + hardware + supply capex; then the median over samples.
        var yearly = new double[r.Samples];
        for (int t = first; t < first + 12; t++)
            foreach (var metric in new[] { Metric.CapexFacilityUsd, Metric.CapexHardwareUsd, Metric.CapexSupplyUsd })
            {
                var values = r.Values(r.TotalScope, metric, t);
                for (int i = 0; i < r.Samples; i++) yearly[i] += values[i];
            }
        Assert.That(Median(yearly), Is.GreaterThan(0), $"capex in {year}");
    }
}
