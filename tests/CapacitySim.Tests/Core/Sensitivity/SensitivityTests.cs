using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Sensitivity;
using static CapacitySim.Tests.Support.InProcessCapsim;

namespace CapacitySim.Tests.Core.Sensitivity;

/// <summary>One-at-a-time swings and rank correlations on a scenario whose answer is known by hand.</summary>
public class SensitivityTests
{
    /// <summary>
    /// IT built in 2026-06 is it_mw (the ramp ended in 2025-12): linear in it_mw, flat in the grid
    /// price, which only moves energy cost.
    /// </summary>
    private const string Yaml = """
        name: known-answer
        start: 2025-01
        end: 2026-12
        samples: 1000
        seed: 7
        roadmap: [H100]
        sites:
          - name: S
            pue: 1.0
            grid_price_usd_per_mwh: {dist: uniform, min: 50, max: 90}
            phases:
              - name: P
                online: 2025-01
                ramp_months: 0
                it_mw: {dist: uniform, min: 100, max: 200}
        """;

    private static SensitivityResult Analyse(Metric metric, IEngine engine)
    {
        var scenario = TestScenarios.Parse(Yaml);
        return SensitivityAnalysis.Run(scenario, metric, "total", new YearMonth(2026, 6), RunPlan.For(scenario, new RunSettings(1000, 7)), engine);
    }

    [Test]
    public void LinearParameterSwingsByHandAndTheFlatOneNotAtAll()
    {
        var result = Analyse(Metric.ItBuiltMw, Engines.Fast);
        // Nominal it_mw = (100 + 200) / 2 = 150 MW; P10 = 100 + 0.1 x 100 = 110, P90 = 190.
        Assert.That(result.Nominal, Is.EqualTo(150).Within(1e-9));
        Assert.That(result.Rows.Select(r => r.Parameter.Label), Is.EqualTo(new[] { "phase P of site S: it_mw", "site S: grid_price_usd_per_mwh" }));
        var itMw = result.Rows[0];
        Assert.That((itMw.LowValue, itMw.HighValue), Is.EqualTo((110.0, 190.0)).Within(1e-9));
        Assert.That((itMw.MetricAtLow, itMw.MetricAtHigh, itMw.Swing), Is.EqualTo((110.0, 190.0, 80.0)).Within(1e-9));
        // Built MW is it_mw itself in every sample: a rank correlation of exactly 1.
        Assert.That(itMw.RankCorrelation, Is.EqualTo(1).Within(1e-12));
        var price = result.Rows[1];
        // Price P10 = 50 + 0.1 x 40 = 54, P90 = 86; built MW does not move.
        Assert.That((price.LowValue, price.HighValue), Is.EqualTo((54.0, 86.0)).Within(1e-9));
        Assert.That(price.Swing, Is.EqualTo(0));
        // Independent draws: |rho| within about 3 standard errors (1 / sqrt(999) = 0.032) of 0.
        Assert.That(Math.Abs(price.RankCorrelation), Is.LessThan(0.1));

        // The tornado draws the one parameter that moves built MW and counts the other in its subtitle.
        var plot = CapacitySim.IO.Sensitivity.SensitivityOutputs.Tornado("known-answer", result);
        plot.GetImageBytes(800, 450, ScottPlot.ImageFormat.Png);
        var labels = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.That(labels, Has.Count.EqualTo(1));
        // Named as people write it, with the values the parameter was pinned at (P10 110, P90 190).
        Assert.That(labels[0], Does.StartWith("S, P · IT (MW): 110 to 190"));
        Assert.That(plot.Axes.Title.Label.Text, Does.Contain("1 more did not move it"));
    }

    [Test]
    public void EnergyCostMovesWithBothAndTheEnginesAgree()
    {
        // June 2026 energy cost = it_mw x 0.8 x 720 h x pue 1.0 x price: nominal 150 x 576 x 70 = $6,048,000.
        // it_mw alone: 110 and 190 x 576 x 70 = 4,435,200 and 7,660,800; price alone: 150 x 576 x 54 and x 86 = 4,665,600 and 7,430,400.
        var fast = Analyse(Metric.EnergyCostUsd, Engines.Fast);
        var reference = Analyse(Metric.EnergyCostUsd, Engines.Reference);
        Assert.That(fast.Nominal, Is.EqualTo(6_048_000).Within(1e-6));
        Assert.That(fast.Rows[0].Parameter.Label, Is.EqualTo("phase P of site S: it_mw"));
        Assert.That((fast.Rows[0].MetricAtLow, fast.Rows[0].MetricAtHigh), Is.EqualTo((4_435_200.0, 7_660_800.0)).Within(1e-6));
        Assert.That((fast.Rows[1].MetricAtLow, fast.Rows[1].MetricAtHigh), Is.EqualTo((4_665_600.0, 7_430_400.0)).Within(1e-6));
        for (int k = 0; k < fast.Rows.Count; k++)
        {
            Assert.That(fast.Rows[k].Swing, Is.EqualTo(reference.Rows[k].Swing).Within(1e-6));
            Assert.That(fast.Rows[k].RankCorrelation, Is.EqualTo(reference.Rows[k].RankCorrelation).Within(1e-12));
        }
    }

    // Uniform(2, 4) P10 = 2.2; medians of symmetric triangular(0, 1, 2), PERT(0, 1, 2) and normal(5, 2) are their centres; a lognormal's median is its median.
    private static IEnumerable<TestCaseData> Forms() =>
    [
        new TestCaseData(Uncertain.Uniform(min: 2, max: 4), 0.1, 2.2),
        new TestCaseData(Uncertain.Triangular(min: 0, mode: 1, max: 2), 0.5, 1.0),
        new TestCaseData(Uncertain.Normal(mean: 5, sd: 2), 0.5, 5.0),
        new TestCaseData(Uncertain.LogNormal(median: 3, sigma: 0.4), 0.5, 3.0),
        new TestCaseData(Uncertain.Pert(min: 0, mode: 1, max: 2), 0.5, 1.0),
    ];

    [TestCaseSource(nameof(Forms))]
    public void QuantilesOfEachForm(Uncertain u, double p, double expected) =>
        Assert.That(Sampler.Quantile(u with { Key = 1 }, p), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void NormalP90IsMeanPlus1Point2816Sd()
    {
        // z(0.9) = 1.2815516 (standard normal table): 100 + 1.2815516 x 10.
        var u = Uncertain.Normal(mean: 100, sd: 10).WithRange(NumberRange.NonNegative) with { Key = 1 };
        Assert.That(Sampler.Quantile(u, 0.9), Is.EqualTo(112.815516).Within(1e-6));
    }
}

/// <summary>capsim sensitivity end to end: outputs, ranking on the reference scenario, and clear errors.</summary>
public class SensitivityCommandTests() : TempFolderTests("sensitivity")
{
    private static string Reference => Path.Combine(TestScenarios.RepoRoot, "scenarios", "meta-superintelligence.yaml");

    [Test]
    public void RanksTheReferenceScenariosParameters()
    {
        var (code, stdout, err) = Capsim("sensitivity", Reference, "--metric", "effective_flops", "--month", "2030-12", "--samples", "200", "--out", Dir);
        Assert.That(code, Is.EqualTo(0), err);
        string folder = Path.Combine(Dir, "meta-superintelligence-sensitivity-effective_flops-2030-12");
        Assert.That(File.Exists(Path.Combine(folder, "tornado.png")));
        var rows = File.ReadAllLines(Path.Combine(folder, "sensitivity.csv"));
        Assert.That(rows[0], Is.EqualTo("parameter,path,line,distribution,nominal,p10_value,p90_value,metric,scope,month,unit,metric_nominal,metric_at_p10,metric_at_p90,swing,rank_correlation"));
        // Every distribution of the file is a row, sorted by |swing|;
        // MFU scales effective FLOP/s directly, so it comes first and correlates strongly.
        Assert.That(rows, Has.Length.EqualTo(1 + TestScenarios.Parse(File.ReadAllText(Reference)).Parameters.Count(p => p.Value.IsRandom)));
        Assert.That(rows[1], Does.StartWith("defaults: mfu,defaults.mfu,"));
        var swings = rows.Skip(1).Select(r => Math.Abs(double.Parse(r.Split(',')[^2], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.That(swings, Is.Ordered.Descending);
        Assert.That(double.Parse(rows[1].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0.8));
        Assert.That(stdout, Does.Contain("defaults: mfu"));
    }

    [Test]
    public void AFileWithoutAnUncertainNumberIsRefusedBeforeAnythingRuns()
    {
        string fixedFile = Path.Combine(TestScenarios.RepoRoot, "scenarios", "examples", "single-site-linear.yaml");
        Assert.That(TestScenarios.Parse(File.ReadAllText(fixedFile)).Parameters.Any(p => p.Value.IsRandom), Is.False, "the example has no distribution");
        var (code, stdout, err) = Capsim("sensitivity", fixedFile, "--metric", "h100e", "--month", "2025-12", "--out", Dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith($"{fixedFile}:1:1: every number in the file is fixed, so nothing can explain the metric; sensitivity needs at least one written as a distribution"));
        Assert.That(stdout, Is.Empty);
        Assert.That(Directory.GetDirectories(Dir), Is.Empty);
    }

    [Test]
    public void AnAnalysisOfASiteOrRegionHasItsOwnFolder()
    {
        var (code, stdout, err) = Capsim("sensitivity", Reference, "--metric", "it_powered_mw", "--month", "2030-12", "--scope", "Hyperion", "--samples", "20", "--out", Dir);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(Directory.GetDirectories(Dir).Select(Path.GetFileName), Is.EqualTo(new[] { "meta-superintelligence-sensitivity-it_powered_mw-2030-12-hyperion" }));
        Assert.That(stdout, Does.Contain("wrote " + Path.Combine(Dir, "meta-superintelligence-sensitivity-it_powered_mw-2030-12-hyperion")));
        // Characters a folder name avoids become single dashes.
        Assert.That(CapacitySim.Cli.Common.FolderNames.Sensitivity("fleet", "h100e", new YearMonth(2030, 12), "region:US East"), Is.EqualTo("fleet-sensitivity-h100e-2030-12-region-us-east"));
        Assert.That(CapacitySim.Cli.Common.FolderNames.Sensitivity("fleet", "h100e", new YearMonth(2030, 12), "total"), Is.EqualTo("fleet-sensitivity-h100e-2030-12"));
    }

    [TestCase("--metric", "flops", "--month", "2030-12", "capsim: unknown metric 'flops'")]
    [TestCase("--metric", "effective_flops", "--month", "2040-01", "capsim: --month 2040-01 is outside the run of")]
    [TestCase("--metric", "effective_flops", "--month", "2030-13", "capsim: --month must be YYYY-MM, got '2030-13'")]
    [TestCase("--metric", "frontier_run_flop", "--month", "2030-12", "capsim: frontier_run_flop is not computed at scope 'Hyperion'", "--scope", "Hyperion")]
    [TestCase("--metric", "effective_flops", "--month", "2030-12", "capsim: {file} has no scope 'Atlantis'; scopes: total, Meta fleet, Prometheus, Hyperion", "--scope", "Atlantis")]
    public void BadArgumentsAreClearErrors(params string[] args)
    {
        var argv = new List<string> { "sensitivity", Reference, "--out", Dir };
        argv.AddRange(args.Take(4));
        argv.AddRange(args.Skip(5));
        var (code, _, err) = Capsim([.. argv]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith(args[4].Replace("{file}", Reference)));
        Assert.That(Directory.GetDirectories(Dir), Is.Empty);
    }
}
