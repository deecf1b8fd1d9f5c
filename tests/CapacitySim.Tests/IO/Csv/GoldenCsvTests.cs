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

    /// <summary>
    /// The golden cases: a one-sample run whose every figure is hand-checked below, and a run of 50
    /// samples of every distribution form, whose percentile columns (p5, p50, p95) differ.
    /// </summary>
    private static readonly (string Name, string Scenario, int? Samples)[] Cases =
    [
        ("single-site-linear", "scenarios/examples/single-site-linear.yaml", null),
        ("uncertainty-50", "scenarios/examples/uncertainty.yaml", 50),
    ];

    /// <summary>
    /// CAPSIM_REGENERATE_GOLDEN=1 makes the golden test write the files instead of comparing them
    /// (scripts/regenerate-golden.sh sets it and prints the diff to review before committing).
    /// </summary>
    private static bool Regenerating => Environment.GetEnvironmentVariable("CAPSIM_REGENERATE_GOLDEN") == "1";

    public static IEnumerable<TestCaseData> CultureCases() =>
        from c in Cases
        from culture in new[] { "en-US", "de-DE", "ru-RU" }
        select new TestCaseData(c.Name, culture).SetName($"MatchesTheGoldenFiles({c.Name}, {culture})");

    [TestCaseSource(nameof(CultureCases))]
    public void MatchesTheGoldenFiles(string name, string culture)
    {
        var (_, scenario, samples) = Cases.Single(c => c.Name == name);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            var (monthly, annual) = Render(scenario, samples);
            if (Regenerating && culture == "en-US")
            {
                File.WriteAllText(Golden($"{name}.monthly.csv"), monthly);
                File.WriteAllText(Golden($"{name}.annual.csv"), annual);
            }
            Assert.That(monthly, Is.EqualTo(File.ReadAllText(Golden($"{name}.monthly.csv"))));
            Assert.That(annual, Is.EqualTo(File.ReadAllText(Golden($"{name}.annual.csv"))));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public void TheSampledGoldenFileHasABand()
    {
        // 50 samples: the percentile columns differ (a golden file of one sample would not notice them swapped or dropped).
        var rows = File.ReadAllLines(Golden("uncertainty-50.annual.csv"));
        Assert.That(rows[0], Is.EqualTo("year,scope,metric,unit,mean,p5,p50,p95"));
        var energy = rows.Select(l => l.Split(',')).Single(f => f[0] == "2026" && f[1] == "total" && f[2] == "facility_energy_mwh")
            .Skip(4).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(energy[1], Is.LessThan(energy[2]), "p5 < p50");
        Assert.That(energy[2], Is.LessThan(energy[3]), "p50 < p95");
        Assert.That(energy[0], Is.InRange(energy[1], energy[3]), "the mean inside the band");
    }

    [Test]
    public void GoldenFileHoldsTheHandComputedFigures()
    {
        // Every metric of the golden row 2025 / total, from the arithmetic of scenarios/examples/single-site-linear.yaml:
        // one 100 MW IT phase ramping linearly over 10 months from 2025-01 (x = (t + 0.5) / 10), 150 MW supply,
        // PUE 1.2, load factor 0.8, MFU 0.5, 1 kW all-in and $20,000 per accelerator of 1e15 FLOP/s.
        var fields = File.ReadAllLines(Golden("single-site-linear.annual.csv"))
            .Select(l => l.Split(','))
            .Where(f => f[0] == "2025" && f[1] == "total")
            .ToDictionary(f => f[2], f => double.Parse(f[4], CultureInfo.InvariantCulture));
        // 2025 hours: 31 28 31 30 31 30 31 31 30 31 30 31; built MW by month 5, 15, ..., 95, then 100, 100.
        int[] days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        double itEnergy = Enumerable.Range(0, 12).Sum(t => Math.Min(1, (t + 0.5) / 10) * 100 * 0.8 * days[t] * 24);
        Assert.That(itEnergy, Is.EqualTo(410_496).Within(1e-6), "the hand sum");
        // The goodput of a run on all 100,000 accelerators at the training defaults (mtbf 50,000 h, checkpoint 0.5 min, restart 5 min):
        // M = 50,000 / 100,000 = 0.5 h; G = 1 - sqrt(2 x (0.5/60) / 0.5) - (5/60) / 0.5 = 0.65076 (MODEL.md section 7: 0.65).
        double goodput = 1 - Math.Sqrt(2 * (0.5 / 60) / 0.5) - 5.0 / 60 / 0.5;
        // Life cycle (MODEL.md section 10) at the defaults: facility life 240 months, hardware book life 72 (lifetime 0),
        // wacc 0.09, O&M 0.03 and 0.03 a year. Built MW B(t) = 5, 15, ..., 95, 100, 100: 700 MW-months in 2025.
        double[] built = [5, 15, 25, 35, 45, 55, 65, 75, 85, 95, 100, 100];
        // Depreciation per built MW a month: facility $10M / 240 + hardware 1,000 x $20k / 72 = $41,666.67 + $277,777.78.
        double depreciationPerMw = 10e6 / 240 + 20e6 / 72;
        // Capex per month: facility $1M x (100 - B(t)) for t < 10; hardware $20M x (B(t) - B(t - 1)), B(-1) = 0.
        // Book value V(0) = 0, V(t + 1) = V(t) + capex(t) - depreciation(t); charge(t) = 0.09 / 12 x V(t).
        double book = 0, charge = 0;
        for (int t = 0; t < 12; t++)
        {
            charge += 0.09 / 12 * book;
            double capex = (t < 10 ? 1e6 * (100 - built[t]) : 0) + 20e6 * (built[t] - (t > 0 ? built[t - 1] : 0));
            book = Math.Max(0, book + capex - depreciationPerMw * built[t]);
        }
        double depreciation = depreciationPerMw * 700;                       // $223,611,111.11
        double om = (0.03 * 10e6 + 0.03 * 20e6) * 700 / 12;                  // $52,500,000
        double tco = depreciation + charge + om + 410_496 * 1.2 * 50;
        // H100e-hours: 1,000 accelerators per MW x 1e15 / 989e12 H100e each x built MW x hours = 513,120 MW-hours (IT MWh / 0.8).
        double h100eHours = 1000 * 1e15 / 989e12 * (410_496 / 0.8);
        var expected = new Dictionary<string, double>
        {
            // Stocks take December: the ramp is done.
            ["it_built_mw"] = 100,
            ["it_powered_mw"] = 100,                              // 150 MW firm / design PUE 1.2 = 125 MW can power all 100
            ["it_stranded_mw"] = 0,
            ["supply_mw"] = 150,
            ["supply_firm_mw"] = 150,                             // firm_fraction 1 by default
            ["supply_firm_it_mw"] = 125,                          // 150 / 1.2
            ["facility_demand_mw"] = 96,                          // 100 x 0.8 x 1.2
            ["accelerators"] = 100_000,                           // 100e6 W / 1,000 W
            ["h100e"] = 100_000 * 1e15 / 989e12,                  // 101,112.2: by the H100's 989e12 peak
            ["peak_flops"] = 1e20,                                // 100,000 x 1e15
            ["effective_flops"] = 5e19,                           // x MFU 0.5
            // Flows sum the year's months.
            ["it_energy_mwh"] = 410_496,
            ["facility_energy_mwh"] = 410_496 * 1.2,              // 492,595.2
            ["shortfall_mwh"] = 0,                                // 96 MW of demand at most, 150 MW of supply
            ["energy_cost_usd"] = 410_496 * 1.2 * 50,             // $24,629,760 at $50/MWh
            ["emissions_tco2"] = 410_496 * 1.2 * 400 / 1000,      // 197,038.08 t at 400 g/kWh
            ["water_m3"] = 410_496 * 0.3,                         // 123,148.8 m3 at 0.3 L/kWh of IT energy
            // No typed source: every hour alike. The contract emits 400 g/kWh, so nothing is carbon-free,
            // and it never falls short, so no hour is unserved; nothing to curtail, store or burn.
            ["cfe_mwh"] = 0,
            ["curtailed_mwh"] = 0,
            ["unserved_hours"] = 0,
            ["battery_discharge_mwh"] = 0,
            ["gas_fuel_mmbtu"] = 0,
            ["cfe_share"] = 0,
            // Facility capex, $10M per MW over the 10 build months before it energizes: $1M x (100 - B(t)) a month,
            // $1M x (95 + 85 + ... + 5) = $500M in the run (the other $500M fell in 2024); hardware 100,000 x $20k = $2B.
            ["capex_facility_usd"] = 5e8,
            ["capex_hardware_usd"] = 2e9,
            ["capex_supply_usd"] = 0,                             // the contract has no capex
            ["capex_cumulative_usd"] = 2.5e9,                     // December's: $0.5B + $2B
            // Embodied: 1,500 t per IT MW over the 50 MW of facility spend in 2025, and 100,000 accelerators x 1 t.
            ["emissions_embodied_tco2"] = 1500 * 50 + 100_000,    // 175,000 t
            ["emissions_cumulative_tco2"] = 410_496 * 1.2 * 400 / 1000 + 175_000,
            ["depreciation_usd"] = depreciation,
            ["capital_charge_usd"] = charge,
            ["om_usd"] = om,
            ["tco_usd"] = tco,
            ["usd_per_h100e_hour"] = tco / h100eHours,            // the year's TCO over its H100e-hours
            // The frontier run on all 100,000 accelerators (training_share 1; under the 187,500 that train most at these defaults):
            // 5e19 FLOP/s x G x 100 days x 86,400 s = 2.81e26 FLOP.
            ["frontier_run_flop"] = 5e19 * goodput * 100 * 86_400,
            ["frontier_run_goodput"] = goodput,
            ["frontier_run_accelerators"] = 100_000,
        };
        Assert.That(fields.Keys, Is.EquivalentTo(expected.Keys), "every metric of the row has its hand check");
        foreach (var (metric, value) in expected)
            Assert.That(fields[metric], Is.EqualTo(value).Within(1e-12 * Math.Max(1, Math.Abs(value))), metric);
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
