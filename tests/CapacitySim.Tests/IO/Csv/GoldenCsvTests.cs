using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Csv;

namespace CapacitySim.Tests.IO.Csv;

/// <summary>monthly.csv and annual.csv are contracts: compared byte for byte with golden files, in any culture.</summary>
public class GoldenCsvTests
{
    private static (string Monthly, string Annual) Render(string relative, int? samples = null)
    {
        var result = TestScenarios.Run(TestScenarios.ReadRepoFile(relative), samples);
        var percentiles = result.Scenario.Percentiles;
        var monthly = new StringWriter();
        SummaryCsv.Write(Summary.Of(result, percentiles), "month", monthly);
        var annual = new StringWriter();
        SummaryCsv.Write(Summary.Of(Annual.Aggregate(result), percentiles), "year", annual);
        return (monthly.ToString(), annual.ToString());
    }

    private static string Golden(string name) => Path.Combine(TestScenarios.RepoRoot, "tests", "CapacitySim.Tests", "IO", "Csv", "Golden", name);

    [TestCase("en-US")]
    [TestCase("de-DE")]
    [TestCase("ru-RU")]
    public void SingleSiteLinearMatchesTheGoldenFiles(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            var (monthly, annual) = Render("scenarios/examples/single-site-linear.yaml");
            Assert.That(monthly, Is.EqualTo(File.ReadAllText(Golden("single-site-linear.monthly.csv"))));
            Assert.That(annual, Is.EqualTo(File.ReadAllText(Golden("single-site-linear.annual.csv"))));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public void GoldenFileHoldsTheHandComputedFigures()
    {
        // From the arithmetic in scenarios/examples/single-site-linear.yaml: 2025 IT energy
        // = sum of built MW x 0.8 x hours = 410,496 MWh; facility x 1.2 = 492,595.2; cost x $50 = $24,629,760.
        var rows = File.ReadAllLines(Golden("single-site-linear.annual.csv"))
            .Select(l => l.Split(','))
            .Where(f => f[1] == "total")
            .ToDictionary(f => f[2], f => double.Parse(f[4], CultureInfo.InvariantCulture));
        Assert.That(rows["it_energy_mwh"], Is.EqualTo(410_496).Within(1e-6));
        Assert.That(rows["facility_energy_mwh"], Is.EqualTo(492_595.2).Within(1e-6));
        Assert.That(rows["energy_cost_usd"], Is.EqualTo(24_629_760).Within(1e-4));
        Assert.That(rows["emissions_tco2"], Is.EqualTo(197_038.08).Within(1e-6));
        Assert.That(rows["water_m3"], Is.EqualTo(123_148.8).Within(1e-6));
        // Facility capex, $10M per MW over the 10 build months before it energizes: $1M x (100 - B(t)) a month,
        // $1M x (95 + 85 + ... + 5) = $500M in the run (the other $500M fell in 2024); hardware 100,000 x $20k = $2B.
        Assert.That(rows["capex_facility_usd"], Is.EqualTo(5e8).Within(1e-3));
        Assert.That(rows["capex_hardware_usd"], Is.EqualTo(2e9).Within(1e-3));
        Assert.That(rows["capex_supply_usd"], Is.EqualTo(0));
        // Cumulative capex takes the year's last month: $0.5B + $2B.
        Assert.That(rows["capex_cumulative_usd"], Is.EqualTo(2.5e9).Within(1e-3));
        // The frontier run on all 100,000 accelerators: goodput 1 - sqrt(2 x (0.5/60) / 0.5) - (5/60) / 0.5 = 0.65076,
        // 5e19 FLOP/s x 0.65076 x 100 days x 86,400 s = 2.81e26 FLOP.
        double goodput = 1 - Math.Sqrt(2 * (0.5 / 60) / 0.5) - 5.0 / 60 / 0.5;
        Assert.That(rows["frontier_run_goodput"], Is.EqualTo(goodput).Within(1e-12));
        Assert.That(rows["frontier_run_flop"], Is.EqualTo(5e19 * goodput * 100 * 86_400).Within(1e12));
    }

    [Test]
    public void SameSeedGivesTheSameBytes()
    {
        var a = Render("scenarios/examples/uncertainty.yaml", samples: 200);
        var b = Render("scenarios/examples/uncertainty.yaml", samples: 200);
        Assert.That(b.Monthly, Is.EqualTo(a.Monthly));
        Assert.That(a.Monthly.Split('\n')[0], Is.EqualTo("month,scope,metric,unit,mean,p5,p50,p95"));
    }

    [Test]
    public void OneRowPerMonthScopeAndMetric()
    {
        var (monthly, _) = Render("scenarios/examples/multi-site-cluster.yaml");
        var result = TestScenarios.Run(TestScenarios.ReadRepoFile("scenarios/examples/multi-site-cluster.yaml"));
        // Per site and for the total: every metric but the total-only ones; the total adds those (the researcher ones only with researchers).
        int perSite = Metrics.All.Count(m => !m.TotalOnly);
        int totalOnly = Metrics.All.Count(m => m.TotalOnly && (result.Scenario.Researchers is not null || !m.NeedsResearchers));
        int perMonth = result.Scenario.Sites.Count * perSite + perSite + totalOnly;
        Assert.That(monthly.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1 + result.Months * perMonth));
    }
}
