using CapacitySim.Core.Model;

namespace CapacitySim.Tests.IO.Scenarios;

/// <summary>Validation: every problem in a file at once, each as file:line:column: message.</summary>
public class ScenarioLoaderTests
{
    private const string Valid = """
        name: ok
        start: 2025-01
        end: 2025-12
        roadmap: [H100]
        sites:
          - name: A
            phases: [{name: P, online: 2025-01, it_mw: 10}]

        """;

    private static string Lines(IEnumerable<CapacitySim.IO.Scenarios.Diagnostic> ds) => string.Join("\n", ds);

    [Test]
    public void AValidFileLoadsWithDefaults()
    {
        var s = TestScenarios.Parse(Valid);
        Assert.That(s.Samples, Is.EqualTo(1));
        Assert.That(s.Seed, Is.EqualTo(0UL));
        Assert.That(s.Percentiles, Is.EqualTo(new double[] { 10, 50, 90 }));
        // MODEL.md section 3: research_share 1; training days 100, MTBF 50,000 h, checkpoint 0.5 min, restart 5 min.
        Assert.That(s.ResearchShare.Nominal, Is.EqualTo(1));
        Assert.That(s.Training.Days.Nominal, Is.EqualTo(100));
        Assert.That(s.Training.AcceleratorMtbfHours.Nominal, Is.EqualTo(50_000));
        Assert.That(s.Training.CheckpointMinutes.Nominal, Is.EqualTo(0.5));
        Assert.That(s.Training.RestartMinutes.Nominal, Is.EqualTo(5));
        var site = s.Sites[0];
        // docs/model.md site defaults: pue 1.2, load_factor 0.8, mfu 0.4, lifetime 5, capex 11.7e6,
        // build_months 18, training_share 1, wue 0.3, price 70, gco2 350.
        Assert.That(site.Pue.Nominal, Is.EqualTo(1.2));
        Assert.That(site.DesignPue.Nominal, Is.EqualTo(1.2));
        Assert.That(site.LoadFactor.Nominal, Is.EqualTo(0.8));
        Assert.That(site.Mfu.Nominal, Is.EqualTo(0.4));
        Assert.That(site.LifetimeYears.Nominal, Is.EqualTo(5));
        Assert.That(site.CapexUsdPerItMw.Nominal, Is.EqualTo(11.7e6));
        Assert.That(site.BuildMonths.Nominal, Is.EqualTo(18));
        Assert.That(site.TrainingShare.Nominal, Is.EqualTo(1));
        Assert.That(site.WueLitresPerKwh.Nominal, Is.EqualTo(0.3));
        Assert.That(site.GridPriceUsdPerMwh.Nominal, Is.EqualTo(70));
        Assert.That(site.GridGCo2PerKwh.Nominal, Is.EqualTo(350));
        Assert.That(site.Supply, Is.Null);
        var phase = site.Phases[0];
        Assert.That(phase.RampMonths.Nominal, Is.EqualTo(12));
        Assert.That(phase.Ramp, Is.EqualTo(RampShape.SCurve));
        Assert.That(phase.Accelerator, Is.Null);
        Assert.That(phase.DelayMonths.Nominal, Is.EqualTo(0));
    }

    [Test]
    public void DefaultsAreFixedNumbersWithTheirParametersRange()
    {
        var s = TestScenarios.Parse(Valid.Replace("it_mw: 10}", "it_mw: 10}]\n    supply: [{name: G, mw: 20}"));
        var site = s.Sites[0];
        var source = site.Supply![0];
        Assert.That(s.Parameters.Select(p => p.Label), Is.EqualTo(new[] { "phase P of site A: it_mw", "supply G of site A: mw" }), "defaults are not numbers written in the file");
        foreach (var (u, lower, upper) in new[]
        {
            (s.ResearchShare, 0.0, 1.0), (s.Training.Days, 0, double.PositiveInfinity), (s.Training.AcceleratorMtbfHours, 0, double.PositiveInfinity),
            (s.Training.CheckpointMinutes, 0, double.PositiveInfinity), (s.Training.RestartMinutes, 0, double.PositiveInfinity),
            (site.BuildMonths, 0, double.PositiveInfinity), (site.TrainingShare, 0, 1),
            (source.FirmFraction, 0, 1), (source.CapacityFactor, 0, 1), (source.CapexUsdPerMw, 0, double.PositiveInfinity),
        })
        {
            Assert.That(u.Kind, Is.EqualTo(DistributionKind.Fixed));
            Assert.That((u.Lower, u.Upper), Is.EqualTo((lower, upper)));
        }
        // MODEL.md section 3 supply defaults: firm_fraction 1, capacity_factor 1, capex 0, build_months = the site's (18).
        Assert.That(source.FirmFraction.Nominal, Is.EqualTo(1));
        Assert.That(source.CapacityFactor.Nominal, Is.EqualTo(1));
        Assert.That(source.CapexUsdPerMw.Nominal, Is.EqualTo(0));
        Assert.That(source.BuildMonths, Is.SameAs(site.BuildMonths));
    }

    [Test]
    public void Version2KeysAreReadWithTheirRangesAndListedAsParameters()
    {
        var s = TestScenarios.Parse(Valid
            .Replace("end: 2025-12", """
                end: 2025-12
                research_share: 0.5
                training: {days: 90, accelerator_mtbf_hours: {dist: uniform, min: 20000, max: 60000}, checkpoint_minutes: 1, restart_minutes: 10}
                """)
            .Replace("  - name: A\n", """
                  - name: A
                    build_months: 24
                    training_share: {dist: uniform, min: 0.6, max: 1.2}
                    supply:
                      - {name: solar, mw: 300, firm_fraction: 0, capacity_factor: 0.25, capex_usd_per_mw: 1.2e6, build_months: 12}

                """));
        Assert.That(s.ResearchShare.Nominal, Is.EqualTo(0.5));
        Assert.That((s.ResearchShare.Lower, s.ResearchShare.Upper), Is.EqualTo((0.0, 1.0)));
        Assert.That(s.Training.Days.Nominal, Is.EqualTo(90));
        // Uniform nominal (20,000 + 60,000) / 2 = 40,000.
        Assert.That(s.Training.AcceleratorMtbfHours.Nominal, Is.EqualTo(40_000));
        Assert.That(s.Training.AcceleratorMtbfHours.Lower, Is.EqualTo(0));
        Assert.That(s.Training.CheckpointMinutes.Nominal, Is.EqualTo(1));
        Assert.That(s.Training.RestartMinutes.Nominal, Is.EqualTo(10));
        var site = s.Sites[0];
        Assert.That(site.BuildMonths.Nominal, Is.EqualTo(24));
        // Uniform nominal (0.6 + 1.2) / 2 = 0.9, inside [0, 1]; draws above 1 are clamped to 1.
        Assert.That(site.TrainingShare.Nominal, Is.EqualTo(0.9).Within(1e-12));
        Assert.That(site.TrainingShare.Clamp(1.1), Is.EqualTo(1));
        var solar = site.Supply!.Single();
        Assert.That(solar.FirmFraction.Nominal, Is.EqualTo(0));
        Assert.That(solar.CapacityFactor.Nominal, Is.EqualTo(0.25));
        Assert.That((solar.CapacityFactor.Lower, solar.CapacityFactor.Upper), Is.EqualTo((0.0, 1.0)));
        Assert.That(solar.CapexUsdPerMw.Nominal, Is.EqualTo(1.2e6));
        Assert.That(solar.BuildMonths.Nominal, Is.EqualTo(12));
        Assert.That(solar.BuildMonths, Is.Not.SameAs(site.BuildMonths));
        Assert.That(s.Parameters.Select(p => (p.Label, p.Path)), Is.SupersetOf(new[]
        {
            ("research_share", "research_share"),
            ("training: days", "training.days"),
            ("training: accelerator_mtbf_hours", "training.accelerator_mtbf_hours"),
            ("training: checkpoint_minutes", "training.checkpoint_minutes"),
            ("training: restart_minutes", "training.restart_minutes"),
            ("site A: build_months", "sites[0].build_months"),
            ("site A: training_share", "sites[0].training_share"),
            ("supply solar of site A: firm_fraction", "sites[0].supply[0].firm_fraction"),
            ("supply solar of site A: capacity_factor", "sites[0].supply[0].capacity_factor"),
            ("supply solar of site A: capex_usd_per_mw", "sites[0].supply[0].capex_usd_per_mw"),
            ("supply solar of site A: build_months", "sites[0].supply[0].build_months"),
        }));
    }

    [Test]
    public void ASourceWithoutBuildMonthsTakesTheSitesDrawWhereverTheSiteGetsIt()
    {
        // From defaults: one shock shared by both sites and both sources that give no build_months.
        var s = TestScenarios.Parse(Valid
            .Replace("sites:", "defaults: {build_months: {dist: uniform, min: 12, max: 24}}\nsites:")
            .Replace("it_mw: 10}", "it_mw: 10}]\n    supply: [{name: G, mw: 20}, {name: H, mw: 5, build_months: 6}]\n  - name: B\n    supply: [{name: G, mw: 20}]\n    phases: [{name: P, online: 2025-01, it_mw: 10}"));
        var (a, b) = (s.Sites[0], s.Sites[1]);
        Assert.That(a.BuildMonths.IsRandom, Is.True);
        Assert.That(b.BuildMonths, Is.SameAs(a.BuildMonths));
        Assert.That(a.Supply![0].BuildMonths, Is.SameAs(a.BuildMonths));
        Assert.That(b.Supply![0].BuildMonths, Is.SameAs(a.BuildMonths));
        Assert.That(a.Supply[1].BuildMonths.Nominal, Is.EqualTo(6));

        // From the site itself.
        var own = TestScenarios.Parse(Valid.Replace("it_mw: 10}", "it_mw: 10}]\n    build_months: {dist: triangular, min: 6, mode: 9, max: 18}\n    supply: [{name: G, mw: 20}"));
        Assert.That(own.Sites[0].Supply![0].BuildMonths, Is.SameAs(own.Sites[0].BuildMonths));
        Assert.That(own.Sites[0].BuildMonths.Key, Is.EqualTo(CapacitySim.Core.Engine.CounterRandom.KeyOf("sites[0].build_months")));
    }

    [Test]
    public void TrainingDaysOfVersion1IsRefusedWithWhereItMovedAlongsideOtherProblems()
    {
        var errors = TestScenarios.Errors(Valid.Replace("end: 2025-12", "end: 2025-12\ntraining_days: 45\ntraining: {days: 10, mtbf: 3}\nresearch_share: 1.5"));
        Assert.That(Lines(errors), Is.EqualTo(
            "test.yaml:4:1: training_days moved into the training block in model version 2: write `training: {days: 45}`\n" +
            "test.yaml:5:22: unknown key 'mtbf' in training; known keys: days, accelerator_mtbf_hours, checkpoint_minutes, restart_minutes\n" +
            "test.yaml:6:17: research_share must be between 0 and 1, got 1.5"));
    }

    [TestCase("{dist: normal, mean: 1.0e15, sd: 2.5e14}")]     // P(X <= 0) = Phi(-4) = 3.2e-5
    [TestCase("{dist: uniform, min: 0, max: 2.0e15}")]         // P(X <= 0) = 0
    [TestCase("{dist: lognormal, median: 1.0e15, sigma: 2}")]  // never at or below 0
    [TestCase("{dist: pert, min: 0, mode: 1.0e15, max: 2.0e15}")]
    public void ADivisorMayComeCloseToZero(string peakFlops)
    {
        var s = TestScenarios.Parse(Valid + $"accelerators: [{{name: H100, peak_flops: {peakFlops}}}]\n");
        Assert.That(s.FindAccelerator("H100").PeakFlops.IsRandom, Is.True);
    }

    // Normal: Phi(-3) = 0.135% (standard normal table) > 0.1%.
    [TestCase("peak_flops", "{dist: normal, mean: 3.0e15, sd: 1.0e15}", "0.135%")]
    // Uniform: (0 - (-100)) / (1900 - (-100)) = 5%.
    [TestCase("allin_w", "{dist: uniform, min: -100, max: 1900}", "5%")]
    // Triangular: (0 - a)^2 / ((b - a)(c - a)) = 1 / (20 x 10) = 0.5%.
    [TestCase("allin_w", "{dist: triangular, min: -1, mode: 9, max: 19}", "0.5%")]
    // PERT(-1, 1, 3) = -1 + 4 Beta(3, 3); P(X <= 0) = I_0.25(3, 3)
    //   = 10 x 0.25^3 x 0.75^2 + 5 x 0.25^4 x 0.75 + 0.25^5 = 0.103515625.
    [TestCase("peak_flops", "{dist: pert, min: -1, mode: 1, max: 3}", "10.35%")]
    public void ADivisorWithMoreThanATenthOfAPercentAtOrBelowZeroIsAnError(string key, string value, string percent)
    {
        var errors = TestScenarios.Errors(Valid + $"accelerators: [{{name: H100, {key}: {value}}}]\n");
        Assert.That(Lines(errors), Is.EqualTo(
            $"test.yaml:8:{31 + key.Length}: accelerator H100: {key} must be greater than 0, but {percent} of the distribution lies at or below 0 (at most 0.1% may); narrow it or move it away from 0"));
    }

    [Test]
    public void OnlyPeakFlopsAndAllInWattsAreHeldAwayFromZero()
    {
        var s = TestScenarios.Parse(Valid + "accelerators: [{name: H100, tdp_w: {dist: uniform, min: -100, max: 1900}}]\n");
        Assert.That(s.FindAccelerator("H100").TdpWatts.Nominal, Is.EqualTo(900));
    }

    [Test]
    public void ASiteNamedTwiceInOneClusterIsAnErrorButASiteMayBeInSeveralClusters()
    {
        var errors = TestScenarios.Errors(Valid + "clusters: [{name: c, sites: [A, A]}]\n");
        Assert.That(Lines(errors), Is.EqualTo("test.yaml:8:33: cluster c lists site 'A' twice"));
        var s = TestScenarios.Parse(Valid + "clusters: [{name: c, sites: [A]}, {name: d, sites: [A]}]\n");
        Assert.That(s.Clusters.Select(c => c.SiteIndices.Single()), Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public void SiteValuesOverrideDefaultsWhichOverrideBuiltIns()
    {
        var s = TestScenarios.Parse(Valid.Replace("sites:", "defaults: {pue: 1.1, mfu: 0.5}\nsites:").Replace("  - name: A\n", "  - name: A\n    mfu: 0.3\n"));
        Assert.That(s.Sites[0].Pue.Nominal, Is.EqualTo(1.1));
        Assert.That(s.Sites[0].Mfu.Nominal, Is.EqualTo(0.3));
    }

    [Test]
    public void UnknownKeySuggestsTheClosest()
    {
        var errors = TestScenarios.Errors(Valid.Replace("  - name: A\n", "  - name: A\n    peu: 1.1\n"));
        Assert.That(Lines(errors), Is.EqualTo("test.yaml:7:5: unknown key 'peu' in site A; did you mean 'pue'?"));
    }

    [Test]
    public void EveryProblemIsReportedAtOnceInLineOrder()
    {
        var errors = TestScenarios.Errors("""
            name: Bad Name
            start: 2025-13
            end: 2025-12
            roadmap: [H100, H9000]
            sites:
              - name: A
                pue: 0.9
                load_factor: 1.5
                phases:
                  - {name: P, online: 2025-01, it_mw: 10, facility_mw: 12}
                  - {name: Q, online: 2025-01}
            """);
        Assert.That(errors.Select(e => (e.Line, e.Column)), Is.Ordered);
        Assert.That(Lines(errors), Does.Contain("test.yaml:1:7: name 'Bad Name' must use only lower-case letters"));
        Assert.That(Lines(errors), Does.Contain("test.yaml:2:8: start: there is no month 13; months run from 01 to 12"));
        Assert.That(Lines(errors), Does.Contain("test.yaml:4:17: accelerator 'H9000' is not in the catalog"));
        Assert.That(Lines(errors), Does.Contain("test.yaml:7:10: site A: pue must be at least 1, got 0.9"));
        Assert.That(Lines(errors), Does.Contain("test.yaml:8:18: site A: load_factor must be between 0 and 1, got 1.5"));
        Assert.That(Lines(errors), Does.Contain("test.yaml:10:47: phase P of site A gives both it_mw and facility_mw"));
        Assert.That(Lines(errors), Does.Contain("test.yaml:11:9: phase Q of site A needs its size"));
        Assert.That(errors, Has.Count.EqualTo(7));
    }

    [TestCase("end: 2025-12", "end: 2024-12", "end (2024-12) is before start (2025-01)")]
    [TestCase("it_mw: 10", "it_mw: -10", "it_mw must be at least 0, got -10")]
    [TestCase("it_mw: 10", "it_mw: [10]", "it_mw must be a number or a distribution, got a list")]
    [TestCase("end: 2025-12", "end: 2025-12\ntraining_days: {dist: uniform, min: 50, max: 100}", "training_days moved into the training block in model version 2: write `training: {days: 100}`")]
    [TestCase("end: 2025-12", "end: 2025-12\nresearchers: [{month: 2025-01, count: 5}, {month: 2025-01, count: 6}]", "researchers has two points for 2025-01 (the other at line 4)")]
    [TestCase("it_mw: 10", "it_mw: 1 GW", "it_mw must be a number, got '1 GW'; write the number alone")]
    [TestCase("it_mw: 10", "it_mw: .nan", "must be a finite number")]
    [TestCase("it_mw: 10", "it_mw: \"10\"", "remove the quotes")]
    [TestCase("it_mw: 10", "it_mw: {dist: uniform, min: 12, max: 8}", "min (12) must not exceed max (8)")]
    [TestCase("it_mw: 10", "it_mw: {dist: triangular, min: 1, mode: 9, max: 8}", "mode (9) must lie between min (1) and max (8)")]
    [TestCase("it_mw: 10", "it_mw: {dist: normal, mean: 10, sd: 0}", "sd must be greater than 0")]
    [TestCase("it_mw: 10", "it_mw: {dist: lognormal, median: 10, sigma: -1}", "sigma must be greater than 0")]
    [TestCase("it_mw: 10", "it_mw: {dist: gauss, mean: 10, sd: 1}", "unknown distribution 'gauss'")]
    [TestCase("it_mw: 10", "it_mw: {dist: uniform, min: 1}", "is missing required key 'max'")]
    [TestCase("it_mw: 10", "it_mw: {dist: uniform, min: 1, max: 2, mode: 1}", "unknown key 'mode'")]
    [TestCase("online: 2025-01", "online: 2025-1", "online must be a month written YYYY-MM")]
    [TestCase("roadmap: [H100]", "roadmap: [H200, H100]", "roadmap is oldest first, but H100 (available 2022-10) comes after H200")]
    [TestCase("roadmap: [H100]", "roadmap: []", "roadmap must name at least one accelerator")]
    [TestCase("name: ok", "name: ../evil", "must use only lower-case letters")]
    public void ImpossibleValuesAreErrors(string from, string to, string expected)
    {
        Assert.That(Lines(TestScenarios.Errors(Valid.Replace(from, to))), Does.Contain(expected));
    }

    [Test]
    public void ADistributionReachingOutsideTheRangeIsClampedButOneWhollyOutsideIsAnError()
    {
        // Nominal (-2 + 1) / 2 = -0.5 is clamped to the valid range: delays are >= 0.
        var s = TestScenarios.Parse(Valid.Replace("it_mw: 10", "it_mw: 10, delay_months: {dist: uniform, min: -2, max: 1}"));
        Assert.That(s.Sites[0].Phases[0].DelayMonths.Nominal, Is.EqualTo(0));

        var errors = TestScenarios.Errors(Valid.Replace("  - name: A\n", "  - name: A\n    pue: {dist: uniform, min: 0.8, max: 0.95}\n"));
        Assert.That(Lines(errors), Is.EqualTo("test.yaml:7:10: site A: pue must be at least 1, but the whole distribution (0.8 to 0.95) lies outside that"));
    }

    [Test]
    public void ResearcherPointsAreSortedByMonth()
    {
        var s = TestScenarios.Parse(Valid.Replace("end: 2025-12", "end: 2025-12\nresearchers: [{month: 2025-06, count: 20}, {month: 2025-01, count: 10}]"));
        Assert.That(s.Researchers!.Select(p => p.Month.ToString()), Is.EqualTo(new[] { "2025-01", "2025-06" }));
        Assert.That(TestScenarios.Parse(Valid.Replace("end: 2025-12", "end: 2025-12\nresearchers: []")).Researchers, Is.Null);
    }

    [Test]
    public void MissingRequiredKeysAreReportedAtTheMapping()
    {
        var errors = TestScenarios.Errors("name: x\nstart: 2025-01\n");
        Assert.That(Lines(errors), Does.Contain("test.yaml:1:1: the scenario is missing required key 'end'"));
        Assert.That(Lines(errors), Does.Contain("missing required key 'roadmap'"));
        Assert.That(Lines(errors), Does.Contain("missing required key 'sites'"));
    }

    [Test]
    public void ClusterNamingAnUnknownSite()
    {
        var errors = TestScenarios.Errors(Valid + "clusters: [{name: c, sites: [A, Bee]}]\n");
        Assert.That(Lines(errors), Does.Contain("test.yaml:8:33: cluster c names unknown site 'Bee'"));
    }

    [Test]
    public void SyntaxErrorsHaveAPosition()
    {
        var tab = TestScenarios.Errors("name: x\n\tstart: 2025-01\nend: 2025-02\n  \troadmap: []\n");
        Assert.That(Lines(tab), Is.EqualTo(
            "test.yaml:2:1: a tab is used for indentation; YAML indents with spaces\n" +
            "test.yaml:4:3: a tab is used for indentation; YAML indents with spaces"));

        var unclosed = TestScenarios.Errors("name: x\nroadmap: [H100\nstart: 2025-01\n");
        Assert.That(unclosed, Has.Count.EqualTo(1));
        Assert.That(unclosed[0].Message, Does.StartWith("YAML syntax:"));

        var duplicate = TestScenarios.Errors(Valid + "name: again\n");
        Assert.That(duplicate[0].Line, Is.EqualTo(8));
        Assert.That(duplicate[0].Message, Is.EqualTo("YAML syntax: key 'name' is given twice in the same mapping; keep one"));
    }

    [Test]
    public void ATabInsideABlockScalarIsText()
    {
        var s = TestScenarios.Parse(Valid.Replace("end: 2025-12", "end: 2025-12\ndescription: |\n  first line\n  \tindented with a tab\n"));
        Assert.That(s.Description, Does.Contain("\tindented with a tab"));
    }

    [Test]
    public void ATrailingDocumentSeparatorIsHarmless() => Assert.That(TestScenarios.Parse(Valid + "---\n").Name, Is.EqualTo("ok"));

    [Test]
    public void EmptyAndNonUtf8FilesAreErrors()
    {
        Assert.That(Lines(TestScenarios.Errors("")), Is.EqualTo("test.yaml:1:1: the file is empty; a scenario is a mapping with name, start, end, roadmap and sites"));
        var bytes = System.Text.Encoding.UTF8.GetBytes("name: x\nstart: 2025-01\n").Concat(new byte[] { 0xFF, 0xFE }).ToArray();
        var e = Assert.Throws<CapacitySim.IO.Scenarios.ScenarioException>(() =>
            CapacitySim.IO.Scenarios.ScenarioLoader.Parse(bytes, "bad.yaml", CapacitySim.IO.Catalog.BuiltInCatalog.Load()))!;
        Assert.That(e.Diagnostics.Single().ToString(), Is.EqualTo("bad.yaml:3:1: the file is not valid UTF-8 text; save it as UTF-8"));
    }

    [Test]
    public void AcceleratorsOverrideAndExtendTheCatalog()
    {
        var s = TestScenarios.Parse(Valid + """
            accelerators:
              - {name: H100, slip_months: {dist: uniform, min: 0, max: 4}}
              - {name: X1, available: 2026-01, peak_flops: 3.0e15, tdp_w: 900, allin_w: 1800, unit_cost_usd: 40000, source: made up}
            """);
        var h100 = s.FindAccelerator("H100");
        Assert.That(h100.SlipMonths.Kind, Is.EqualTo(DistributionKind.Uniform));
        Assert.That(h100.AllInWatts.Nominal, Is.EqualTo(1389), "fields not given keep the built-in values");
        Assert.That(s.FindAccelerator("X1").PeakFlops.Nominal, Is.EqualTo(3e15));

        var missing = TestScenarios.Errors(Valid + "accelerators: [{name: X2, available: 2026-01, peak_flops: 1.0e15}]\n");
        Assert.That(Lines(missing), Does.Contain("accelerator X2 is missing required key 'tdp_w'"));
    }

    [Test]
    public void ScopeIsOneShortLine()
    {
        string Text(string scope) => $"name: s\nscope: {scope}\nstart: 2025-01\nend: 2025-12\nroadmap: [H100]\nsites:\n  - name: A\n    phases: [{{name: P, online: 2025-01, it_mw: 10}}]\n";
        Assert.That(TestScenarios.Parse(Text("\"TPUs only\"")).Scope, Is.EqualTo("TPUs only"));
        Assert.That(Lines(TestScenarios.Errors(Text(new string('x', 81)))), Is.EqualTo("test.yaml:2:8: scope is a short line shown beside the scenario's name on charts (at most 80 characters, one line); put the rest in description"));
    }
}
