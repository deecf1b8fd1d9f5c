using CapacitySim.Core.Engine;
using CapacitySim.Cli;
using static CapacitySim.Tests.Support.InProcessCapsim;

namespace CapacitySim.Tests.Cli;

/// <summary>The command line end to end, in process: exit codes, messages, files written.</summary>
public class CliTests() : TempFolderTests("cli")
{
    private string Write(string name, string text)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Example(string name) => Path.Combine(TestScenarios.RepoRoot, "scenarios", "examples", name);

    [Test]
    public void RunWritesEveryOutputFileAndTheKeyFigures()
    {
        string outDir = Path.Combine(Dir, "out");
        var (code, stdout, stderr) = Capsim("run", Example("refresh-cycle.yaml"), "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), stderr);
        string folder = Path.Combine(outDir, "refresh-cycle");
        foreach (string file in new[] { "monthly.csv", "annual.csv", "run.json", "power.png", "compute.png", "energy.png", "compute-per-researcher.png", "capex.png", "frontier.png", "dashboard.png" })
            Assert.That(File.Exists(Path.Combine(folder, file)), file);
        Assert.That(stdout, Does.Contain("powered IT"));
        Assert.That(stdout, Does.Contain("H100e per").And.Contain("researcher"));
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json"))).RootElement;
        Assert.That(json.GetProperty("scenario").GetString(), Is.EqualTo("refresh-cycle"));
        Assert.That(json.GetProperty("file_sha256").GetString(), Has.Length.EqualTo(64));
        Assert.That(json.GetProperty("samples").GetInt32(), Is.EqualTo(1));
        Assert.That(Directory.GetDirectories(outDir), Has.Length.EqualTo(1), "no staging folder is left behind");
    }

    /// <summary>The cells of the key-figure table's lines that start with <paramref name="year"/> and the line after it (the band).</summary>
    private static (string[] Middle, string[] Band) KeyFigureRow(string stdout, string year)
    {
        var lines = stdout.Split('\n');
        int i = Array.FindIndex(lines, l => l.StartsWith($"| {year} |", StringComparison.Ordinal));
        Assert.That(i, Is.GreaterThanOrEqualTo(0), stdout);
        static string[] Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
        return (Cells(lines[i]), i + 1 < lines.Length && lines[i + 1].StartsWith("|      |", StringComparison.Ordinal) ? Cells(lines[i + 1]) : []);
    }

    [Test]
    public void KeyFiguresShowEachValueInTheUnitThatFitsIt()
    {
        // scenarios/examples/single-site-linear.yaml, end of 2025 (the nominal run, one line a year): 100 MW built and powered;
        // 100,000 accelerators x 1e15 / 989e12 = 101,112 H100e = 101k; facility energy 410,496 MWh x 1.2 = 492,595 MWh = 493 GWh;
        // capex $0.5B of facility spend in the run + 100,000 x $20,000 of hardware = $2.50B.
        var (code, stdout, stderr) = Capsim("run", Example("single-site-linear.yaml"), "--out", Path.Combine(Dir, "out"));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("single-site-linear: end of each year, total (nominal run)"));
        var (middle, band) = KeyFigureRow(stdout, "2025");
        Assert.That(middle, Is.EqualTo(new[] { "2025", "100 MW", "101k H100e", "493 GWh", "$2.50B" }));
        Assert.That(band, Is.Empty);
    }

    [Test]
    public void KeyFiguresUseTheFilesPercentiles()
    {
        // scenarios/examples/uncertainty.yaml asks for percentiles [5, 50, 95]: the table shows P50 with P5-P95 beneath, as annual.csv has them.
        string outDir = Path.Combine(Dir, "out");
        var (code, stdout, stderr) = Capsim("run", Example("uncertainty.yaml"), "--out", outDir, "--samples", "60");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("uncertainty: end of each year, total (P50, P5-P95 below, over 60 samples)"));
        Assert.That(stdout, Does.Not.Contain("P10").And.Not.Contain("P90"));
        var annual = File.ReadLines(Path.Combine(outDir, "uncertainty", "annual.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[1] == "total").ToDictionary(f => (f[0], f[2]), f => (Unit: f[3], P5: Number(f[5]), P50: Number(f[6]), P95: Number(f[7])));
        string[] metrics = ["it_powered_mw", "h100e", "facility_energy_mwh", "capex_cumulative_usd"];
        foreach (string year in new[] { "2025", "2026", "2027" })
        {
            var (middle, band) = KeyFigureRow(stdout, year);
            var expected = metrics.Select(m => annual[(year, m)]).ToList();
            Assert.That(middle.Skip(1), Is.EqualTo(expected.Select(v => CapacitySim.Core.Engine.Units.Format(v.P50, v.Unit))), year);
            Assert.That(band.Skip(1), Is.EqualTo(expected.Select(v => CapacitySim.Core.Engine.Units.Band(v.P50, v.P5, v.P95, v.Unit))), year);
        }
        // A 200 MW site's first, partial year is in MW, not "0.00" GW; its capex in billions with three figures.
        Assert.That(KeyFigureRow(stdout, "2025").Middle[1], Does.EndWith(" MW"));
        Assert.That(KeyFigureRow(stdout, "2027").Middle[4], Does.Match(@"^\$\d\.\d\dB$"));
    }

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void TimingsPrintEachStageToStandardErrorOnly()
    {
        string outDir = Path.Combine(Dir, "out");
        var (code, stdout, stderr) = Capsim("run", Example("uncertainty.yaml"), "--out", outDir, "--samples", "20", "--timings");
        Assert.That(code, Is.EqualTo(0), stderr);
        var line = stderr.Split('\n').Single(l => l.StartsWith("timings of uncertainty: ", StringComparison.Ordinal));
        var stages = System.Text.RegularExpressions.Regex.Matches(line, @"([a-zA-Z .,]+?) (\d+\.\d{3}) s");
        Assert.That(stages.Select(m => m.Groups[1].Value.Trim(' ', ',', ';')),
            Is.EqualTo(new[] { "engine", "statistics", "CSV and charts", "report, dashboard and run.json", "key figures", "run", "since the process started" }));
        // The stages follow each other and "run" ends at the last one, so they add up to it but for
        // the rounding of six figures to the millisecond: at most 6 x 0.0005 s, however slow the machine.
        double[] seconds = [.. stages.Select(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.That(seconds[..5].Sum(), Is.EqualTo(seconds[5]).Within(0.003 + 1e-9));
        Assert.That(seconds[6], Is.GreaterThanOrEqualTo(seconds[5] - 0.001), "the process started before the run");
        Assert.That(stdout, Does.Not.Contain("timings"));
        Assert.That(Capsim("run", Example("uncertainty.yaml"), "--out", outDir, "--samples", "2").Err, Does.Not.Contain("timings"));
    }

    [Test]
    public void TypedSourcesDrawDispatchAndCarbonFreeChartsForTheMonthPicked()
    {
        string outDir = Path.Combine(Dir, "out");
        var (code, _, stderr) = Capsim("run", Example("solar-battery-gas.yaml"), "--out", outDir, "--samples", "20", "--dispatch-month", "2027-06");
        Assert.That(code, Is.EqualTo(0), stderr);
        string folder = Path.Combine(outDir, "solar-battery-gas");
        foreach (string file in new[] { "dispatch.png", "cfe.png", "dashboard.png" })
            Assert.That(File.Exists(Path.Combine(folder, file)), file);
        Assert.That(File.ReadAllText(Path.Combine(folder, "run.json")), Does.Contain("\"dispatch_month\": \"2027-06\""));
        Assert.That(File.ReadAllText(Path.Combine(folder, "report.md")), Does.Contain("dispatch.png"));
        // A month outside the run, or not a month, is refused before anything runs.
        var (outside, _, outsideErr) = Capsim("run", Example("solar-battery-gas.yaml"), "--out", outDir, "--dispatch-month", "2031-01");
        Assert.That(outside, Is.EqualTo(2));
        Assert.That(outsideErr, Does.Contain("--dispatch-month 2031-01 is outside").And.Contain("(2026-01 to 2028-12)"));
        var (bad, _, badErr) = Capsim("run", Example("solar-battery-gas.yaml"), "--out", outDir, "--dispatch-month", "June");
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(badErr, Does.Contain("--dispatch-month takes a month as YYYY-MM, got 'June'"));
        // Without typed sources neither chart is drawn, and run.json says no month.
        Assert.That(Capsim("run", Example("single-site-linear.yaml"), "--out", outDir).Code, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(outDir, "single-site-linear", "dispatch.png")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(outDir, "single-site-linear", "run.json")), Does.Not.Contain("dispatch_month"));
    }

    [Test]
    public void SamplesAndSeedOptionsOverrideTheFile()
    {
        string outDir = Path.Combine(Dir, "out");
        var (code, _, stderr) = Capsim("run", Example("uncertainty.yaml"), "--out", outDir, "--samples", "40", "--seed", "5");
        Assert.That(code, Is.EqualTo(0), stderr);
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "uncertainty", "run.json"))).RootElement;
        Assert.That(json.GetProperty("samples").GetInt32(), Is.EqualTo(40));
        Assert.That(json.GetProperty("seed").GetUInt64(), Is.EqualTo(5UL));
        string header = File.ReadLines(Path.Combine(outDir, "uncertainty", "monthly.csv")).First();
        Assert.That(header, Is.EqualTo("month,scope,metric,unit,mean,p5,p50,p95"));
    }

    [Test]
    public void InvalidInputExitsTwoWithPositionsAndRunsNothing()
    {
        string good = Example("single-site-linear.yaml");
        string bad = Write("bad.yaml", "name: bad\nstart: 2025-01\nend: 2025-12\nroadmap: [H100]\nsites:\n  - name: A\n    pue: 0.5\n    phases: [{name: P, online: 2025-01, it_mw: 10}]\n");
        string outDir = Path.Combine(Dir, "out");
        var (code, _, stderr) = Capsim("run", good, bad, "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stderr, Does.Contain($"{bad}:7:10: site A: pue must be at least 1, got 0.5"));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(outDir), Is.False, "nothing runs when any file is invalid");
    }

    [Test]
    public void ValidateReportsOkOrErrors()
    {
        var ok = Capsim("validate", Example("single-site-linear.yaml"));
        Assert.That(ok.Code, Is.EqualTo(0));
        Assert.That(ok.Out, Does.Contain("ok (single-site-linear"));

        string bad = Write("typo.yaml", "name: t\nstart: 2025-01\nend: 2025-12\nroadmap: [H100]\nsitez: []\n");
        var (code, _, stderr) = Capsim("validate", bad);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"{bad}:5:1: unknown key 'sitez' in the scenario; did you mean 'sites'?"));
        Assert.That(stderr, Does.Not.Contain("missing required key 'sites'"), "the typo is reported once, as a typo");
    }

    [Test]
    public void ValidateChecksPlanAndSweepFilesAsPlanAndSweepWould()
    {
        string Repo(string path) => Path.Combine(TestScenarios.RepoRoot, path);
        var ok = Capsim("validate", Repo("plans/meta-superintelligence.plan.yaml"), Repo("sweeps/small-grid.yaml"));
        Assert.That(ok.Code, Is.EqualTo(0), ok.Err);
        Assert.That(ok.Out, Does.Contain("meta-superintelligence.plan.yaml: ok (plan for meta-superintelligence: 2 targets at 90% confidence, 2 expansions)"));
        Assert.That(ok.Out, Does.Contain("small-grid.yaml: ok (sweep small-grid of multi-site-cluster: 3 axes, 12 points"));

        File.Copy(Example("single-site-linear.yaml"), Path.Combine(Dir, "scenario.yaml"));
        string plan = Write("plan.yaml", """
            scenario: scenario.yaml
            confidence: 0.9
            targets:
              - {metric: it_powerd_mw, month: 2025-12, at_least: 150}
            expansion:
              - {site: Example Sight, earliest: 2025-01, step_it_mw: 25, max_it_mw_per_year: 200}
            """);
        string sweep = Write("sweep.yaml", """
            scenario: scenario.yaml
            axes:
              - {set: "sites[Example Site].puee", values: [1.1, 1.2]}
            metrics: [it_powered_mw]
            months: [2025-12]
            """);
        var (code, stdout, stderr) = Capsim("validate", plan, sweep);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stdout, Is.Empty);
        // The plan's and sweep's own messages, at their positions; nothing read as a scenario ("unknown key 'targets'").
        Assert.That(stderr, Does.Contain($"{plan}:4:14: target #1: unknown metric 'it_powerd_mw'; did you mean 'it_powered_mw'?"));
        Assert.That(stderr, Does.Contain($"{plan}:6:12: expansion at Example Sight: the scenario has no site 'Example Sight'; did you mean 'Example Site'?"));
        Assert.That(stderr, Does.Contain($"{sweep}:3:").And.Contain("puee"));
        Assert.That(stderr, Does.Not.Contain("unknown key"));
        var (planCode, _, planErr) = Capsim("plan", plan, "--out", Path.Combine(Dir, "out"));
        Assert.That(planCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stderr, Does.Contain(planErr.Split('\n')[0]), "validate says what plan says");
    }

    [Test]
    public void MetricsListsEveryMetricWithUnitKindScopeAndMeaning()
    {
        var (code, stdout, _) = Capsim("metrics");
        Assert.That(code, Is.EqualTo(ExitCodes.Done));
        var lines = stdout.Split('\n');
        foreach (var info in Metrics.All)
        {
            var line = lines.Single(l => l.StartsWith(info.Name + " ", StringComparison.Ordinal));
            Assert.That(line, Does.Contain(" " + info.Unit + " ").And.Contain(info.Title), info.Name);
        }
        Assert.That(lines.Single(l => l.StartsWith("water_m3 ", StringComparison.Ordinal)), Does.Match(@"^water_m3 +m3 +flow +site +Water per year$"));
        Assert.That(lines.Single(l => l.StartsWith("frontier_run_flop ", StringComparison.Ordinal)), Does.Match(@"^frontier_run_flop +FLOP +ratio +total +Largest run the capacity allows"));
        Assert.That(lines.Single(l => l.StartsWith("capex_cumulative_usd ", StringComparison.Ordinal)), Does.Match(@" stock +derived "));
    }

    [Test]
    public void SetRunsAWhatIfOfTheFileAndComparePutsItBesideTheFile()
    {
        // single-site-linear at PUE 1.5 instead of 1.2: 2025's facility energy 410,496 MWh x 1.5 = 615,744 MWh = 616 GWh.
        string outDir = Path.Combine(Dir, "out");
        var (code, stdout, stderr) = Capsim("run", Example("single-site-linear.yaml"), "--set", "sites[Example Site].pue=1.5", "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), stderr);
        Assert.That(Directory.GetDirectories(outDir).Select(Path.GetFileName), Is.EqualTo(new[] { "single-site-linear-what-if" }), "the file's own output is left alone");
        Assert.That(stdout, Does.Contain("616 GWh"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "single-site-linear-what-if", "report.md")), Does.Contain("What-if of single-site-linear: --set sites[Example Site].pue=1.5."));

        var compared = Capsim("compare", Example("single-site-linear.yaml"), "--set", "sites[Example Site].pue=1.5", "--out", outDir);
        Assert.That(compared.Code, Is.EqualTo(ExitCodes.Done), compared.Err);
        string csv = File.ReadAllText(Path.Combine(outDir, "compare-single-site-linear-vs-single-site-linear-what-if", "compare.csv"));
        Assert.That(csv, Does.Contain("single-site-linear,").And.Contain("single-site-linear-what-if,"));

        // Every problem, each told against its --set, nothing run.
        var bad = Capsim("run", Example("single-site-linear.yaml"), "--set", "sites[Example Site].pue=0.5", "--set", "sites[Nope].pue=1.1", "--set", "mfu", "--out", Path.Combine(Dir, "bad"));
        Assert.That(bad.Code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(bad.Err, Does.Contain("capsim: --set mfu: it must be PATH=VALUE"));
        Assert.That(Directory.Exists(Path.Combine(Dir, "bad")), Is.False);
        bad = Capsim("run", Example("single-site-linear.yaml"), "--set", "sites[Example Site].pue=0.5", "--set", "sites[Nope].pue=1.1", "--out", Path.Combine(Dir, "bad"));
        Assert.That(bad.Err, Does.Contain("capsim: --set sites[Example Site].pue=0.5: site Example Site: pue must be at least 1, got 0.5\n"
            + "capsim: --set sites[Nope].pue=1.1: sites[Nope].pue matches nothing: no site named 'Nope'; sites: Example Site\n"));
    }

    [Test]
    public void AnOutputLocationThatCannotBeWrittenExitsOne()
    {
        string blocker = Write("not-a-folder", "a file where the output folder should go");
        var (code, _, stderr) = Capsim("run", Example("single-site-linear.yaml"), "--out", blocker);
        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr, Does.StartWith($"capsim: cannot write the output under '{blocker}'"));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void GenerateTypedFleetPutsEverySiteOnTypedSourcesAndKeepsTheOtherFigures()
    {
        string fleet = Path.Combine(Dir, "typed.yaml");
        var generated = Capsim("generate", "fleet", "--sites", "12", "--seed", "4", "--out", fleet, "--typed");
        Assert.That(generated.Code, Is.EqualTo(0), generated.Err);
        var typed = TestScenarios.Parse(File.ReadAllText(fleet));
        var untyped = TestScenarios.Parse(CapacitySim.IO.Generation.FleetGenerator.Generate(12, 4));
        Assert.That(typed.Name, Is.EqualTo("fleet-12-typed"));
        Assert.That(typed.Sites.All(site => site.HasTypedSources && site.Latitude is not null), "every site dispatched hour by hour");
        // The rest of each site is the untyped fleet's: the typed sources come from a stream of their own.
        for (int s = 0; s < 12; s++)
        {
            Assert.That(typed.Sites[s].Region, Is.EqualTo(untyped.Sites[s].Region));
            Assert.That(typed.Sites[s].Phases.Select(p => (p.Online, p.ItMw?.Nominal, p.FacilityMw?.Nominal)), Is.EqualTo(untyped.Sites[s].Phases.Select(p => (p.Online, p.ItMw?.Nominal, p.FacilityMw?.Nominal))));
        }
        string outDir = Path.Combine(Dir, "out");
        var run = Capsim("run", fleet, "--out", outDir, "--samples", "8");
        Assert.That(run.Code, Is.EqualTo(0), run.Err);
        Assert.That(File.Exists(Path.Combine(outDir, "fleet-12-typed", "dispatch.png")));
    }

    [Test]
    public void GenerateFleetWritesAValidScenarioAndRunKeepsTheChosenScopes()
    {
        string fleet = Path.Combine(Dir, "fleet.yaml");
        var generated = Capsim("generate", "fleet", "--sites", "60", "--seed", "4", "--out", fleet);
        Assert.That(generated.Code, Is.EqualTo(0), generated.Err);
        string text = File.ReadAllText(fleet);
        string schemaLine = text.Split('\n')[0];
        Assert.That(text, Is.EqualTo(CapacitySim.IO.Generation.FleetGenerator.Generate(60, 4, schemaLine["# yaml-language-server: $schema=".Length..])), "the same seed gives the same file");

        string outDir = Path.Combine(Dir, "out");
        var run = Capsim("run", fleet, "--out", outDir, "--samples", "8");
        Assert.That(run.Code, Is.EqualTo(0), run.Err);
        var scopes = File.ReadLines(Path.Combine(outDir, "fleet-60", "monthly.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().ToList();
        Assert.That(scopes, Has.All.StartsWith("region:").Or.EqualTo("total"), "over 50 sites: total and regions by default");
        Assert.That(scopes, Does.Contain("total"));

        var withSites = Capsim("run", fleet, "--out", outDir, "--samples", "8", "--scopes", "total,site");
        Assert.That(withSites.Code, Is.EqualTo(0), withSites.Err);
        scopes = File.ReadLines(Path.Combine(outDir, "fleet-60", "monthly.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().ToList();
        Assert.That(scopes, Has.Count.EqualTo(61));
        Assert.That(scopes, Has.None.StartsWith("region:"));

        Assert.That(Capsim("run", fleet, "--out", outDir, "--scopes", "region").Code, Is.EqualTo(2), "total is always kept");
        Assert.That(Capsim("run", fleet, "--out", outDir, "--engine", "quantum").Code, Is.EqualTo(2));
    }

    [Test]
    public void AGeneratedFleetNamesTheSchemaRelativeToWhereItIsWritten()
    {
        const string Prefix = "# yaml-language-server: $schema=";
        string SchemaLine(string file) => File.ReadLines(file).First();
        string repoSchema = File.ReadAllText(Path.Combine(TestScenarios.RepoRoot, "schema", "scenario.schema.json"));

        // A project folder with its own schema: the file points at it from two folders down, as the shipped scenarios do.
        string project = Path.Combine(Dir, "project");
        Directory.CreateDirectory(Path.Combine(project, "schema"));
        File.WriteAllText(Path.Combine(project, "schema", "scenario.schema.json"), repoSchema);
        string deep = Path.Combine(project, "scenarios", "bench", "fleet.yaml");
        Assert.That(Capsim("generate", "fleet", "--sites", "2", "--out", deep).Code, Is.EqualTo(0), "missing folders are made");
        Assert.That(SchemaLine(deep), Is.EqualTo(Prefix + "../../schema/scenario.schema.json"));
        string top = Path.Combine(project, "fleet.yaml");
        Assert.That(Capsim("generate", "fleet", "--sites", "2", "--out", top).Code, Is.EqualTo(0));
        Assert.That(SchemaLine(top), Is.EqualTo(Prefix + "schema/scenario.schema.json"));

        // No schema above the file: the path still leads to one (the repository's, found from the current folder, or the copy beside capsim).
        string elsewhere = Path.Combine(Dir, "elsewhere", "fleet.yaml");
        Assert.That(Capsim("generate", "fleet", "--sites", "2", "--out", elsewhere).Code, Is.EqualTo(0));
        Assert.That(SchemaLine(elsewhere), Does.StartWith(Prefix));
        string resolved = Path.Combine(Path.GetDirectoryName(elsewhere)!, SchemaLine(elsewhere)[Prefix.Length..]);
        Assert.That(File.ReadAllText(resolved), Is.EqualTo(repoSchema));
    }

    [Test]
    public void GenerateLeavesAnExistingFileAloneUnlessForced()
    {
        string file = Path.Combine(Dir, "mine.yaml");
        File.WriteAllText(file, "name: hand-written\n");
        var refused = Capsim("generate", "fleet", "--sites", "2", "--out", file);
        Assert.That(refused.Code, Is.EqualTo(2));
        Assert.That(refused.Err, Does.Contain("exists; pass --force to replace it"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("name: hand-written\n"));
        var forced = Capsim("generate", "fleet", "--sites", "2", "--out", file, "--force");
        Assert.That(forced.Code, Is.EqualTo(0), forced.Err);
        Assert.That(File.ReadAllText(file), Does.Contain("name: fleet-2"));
        Assert.That(File.Exists(file + ".partial"), Is.False);
    }

    [Test]
    public void BothEnginesRunFromTheCommandLine()
    {
        string outDir = Path.Combine(Dir, "out");
        Assert.That(Capsim("run", Example("refresh-cycle.yaml"), "--out", outDir, "--engine", "reference").Code, Is.EqualTo(0));
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "refresh-cycle", "run.json"))).RootElement;
        Assert.That(json.GetProperty("engine").GetString(), Is.EqualTo("reference"));
        Assert.That(Capsim("run", Example("refresh-cycle.yaml"), "--out", outDir).Code, Is.EqualTo(0));
        json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "refresh-cycle", "run.json"))).RootElement;
        Assert.That(json.GetProperty("engine").GetString(), Is.EqualTo("fast"));
    }

    [Test]
    public void MissingFileIsAnInputError()
    {
        var (code, _, stderr) = Capsim("validate", Path.Combine(Dir, "nope.yaml"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("nope.yaml:1:1: cannot read the file"));
    }

    [Test]
    public void BadArgumentsExitTwo()
    {
        Assert.That(Capsim("run").Code, Is.EqualTo(2));
        Assert.That(Capsim("frobnicate").Code, Is.EqualTo(2));
        Assert.That(Capsim("run", Example("single-site-linear.yaml"), "--samples", "0").Code, Is.EqualTo(2));
    }

    [Test]
    public void AMissingRequiredOptionPointsToTheHelpOfItsCommand()
    {
        var fleet = Capsim("generate", "fleet", "--sites", "3");
        Assert.That(fleet.Code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(fleet.Err, Does.Contain("Option '--out' is required."));
        Assert.That(fleet.Err, Does.EndWith("Run 'capsim generate fleet --help' for usage.\n"));
        Assert.That(Capsim("sensitivity", Example("uncertainty.yaml"), "--metric", "h100e").Err, Does.Contain("Run 'capsim sensitivity --help' for usage."));
        Assert.That(Capsim("generate").Err, Does.Contain("Run 'capsim generate --help' for usage."));
        Assert.That(Capsim("frobnicate").Err, Does.Contain("Run 'capsim --help' for usage."), "an unknown command is the top level's mistake");
    }

    [Test]
    public void HelpAndCatalog()
    {
        var help = Capsim("run", "--help");
        Assert.That(help.Code, Is.EqualTo(0));
        foreach (string option in new[] { "--samples", "--seed", "--out", "--engine", "--timings" })
            Assert.That(help.Out, Does.Contain(option), option);
        var top = Capsim("--help");
        foreach (string command in new[] { "run", "compare", "sensitivity", "plan", "validate", "catalog", "generate", "sweep", "merge" })
            Assert.That(top.Out, Does.Match($@"\n  {command} "), command);

        // capsim catalog prints every row of the shipped data file, with its figures (read here from the CSV itself):
        // name, available, peak BF16 PFLOP/s (peak_flops / 1e15), TDP W, all-in W and unit cost, thousands separated.
        var catalog = Capsim("catalog");
        Assert.That(catalog.Code, Is.EqualTo(0));
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var rows = File.ReadLines(Path.Combine(TestScenarios.RepoRoot, "src", "CapacitySim.IO", "Catalog", "accelerators.csv")).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        Assert.That(rows, Has.Count.GreaterThanOrEqualTo(15));
        var lines = catalog.Out.Split('\n');
        foreach (var f in rows)
        {
            string expected = $@"^{System.Text.RegularExpressions.Regex.Escape(f[0])}\s+{f[1]}\s+{(double.Parse(f[3], inv) / 1e15).ToString("0.###", inv)}\s+"
                + $@"{double.Parse(f[4], inv).ToString("N0", inv)}\s+{double.Parse(f[5], inv).ToString("N0", inv)}\s+\${double.Parse(f[6], inv).ToString("N0", inv)}$";
            Assert.That(lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, expected)), Is.EqualTo(1), $"{f[0]}: {expected}");
        }
    }

    [Test]
    public void CatalogColumnsFitTheLongestNameAndSourcesAreWrappedOnRequest()
    {
        var (code, stdout, _) = Capsim("catalog");
        Assert.That(code, Is.EqualTo(0));
        var lines = stdout.TrimEnd().Split('\n');
        var table = lines.TakeWhile(l => l.Length > 0).ToList();
        Assert.That(table, Has.Count.EqualTo(1 + CapacitySim.IO.Catalog.BuiltInCatalog.Load().Count));
        // Each column starts at the same place on every line, whatever the length of the name (Trainium2, MTIA-v2).
        int available = table[0].IndexOf("available", StringComparison.Ordinal);
        Assert.That(table.Skip(1).Select(l => System.Text.RegularExpressions.Regex.Match(l, @" \d{4}-\d{2} ").Index + 1), Has.All.EqualTo(available));
        Assert.That(table.Select(l => l.Length).Distinct().Count(), Is.EqualTo(1), "the last column is right-aligned:\n" + string.Join("\n", table));
        Assert.That(table.Single(l => l.StartsWith("Trainium2 ", StringComparison.Ordinal)), Does.Match(@"^Trainium2\s+2024-12\s+0\.667\s+500\s+992\s+\$20,000$"));
        Assert.That(stdout, Does.Not.Contain("SemiAnalysis"), "sources only with --sources");
        Assert.That(lines[^1], Is.EqualTo("Where each figure comes from: capsim catalog --sources [NAME...]"));

        var sources = Capsim("catalog", "--sources", "trainium2", "H100");
        Assert.That(sources.Code, Is.EqualTo(0));
        var sourceLines = sources.Out.TrimEnd().Split('\n');
        Assert.That(sourceLines.Take(3).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "name", "Trainium2", "H100" }), "the names asked for, in that order");
        Assert.That(sourceLines, Has.All.Length.LessThanOrEqualTo(100), "wrapped to 100 columns when not on a terminal");
        // Each claim of a source starts a line; a ';' inside its citation's brackets does not split it.
        Assert.That(sourceLines, Does.Contain("Trainium2:"));
        Assert.That(sourceLines, Has.Some.StartsWith("  peak 667e12 BF16 dense (FP8 1299e12) [src: AWS Neuron docs, Trainium2 architecture; earlier doc"));
        Assert.That(sourceLines, Has.Some.StartsWith("  allin 1389 W [src: SemiAnalysis"));

        var unknown = Capsim("catalog", "H1000");
        Assert.That(unknown.Code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(unknown.Err, Does.StartWith("capsim: no accelerator 'H1000' in the built-in catalog (did you mean 'H100'?); names: A100, H100,"));
    }

    [Test]
    public void WrappingBreaksBetweenWordsAndKeepsLongWordsWhole()
    {
        // "alpha beta gamma" in 12 columns after a 2-space indent: "  alpha beta" is 12, "gamma" goes to the next line.
        Assert.That(CapacitySim.Cli.Common.TextWrap.Wrap("alpha beta gamma", 12, "  ", "    "), Is.EqualTo(new[] { "  alpha beta", "    gamma" }));
        Assert.That(CapacitySim.Cli.Common.TextWrap.Wrap("a-very-long-word x", 8, "", ""), Is.EqualTo(new[] { "a-very-long-word", "x" }));
        Assert.That(CapacitySim.Cli.Common.TextWrap.Clauses("a [b; c]; d (e; f); g"), Is.EqualTo(new[] { "a [b; c]", "d (e; f)", "g" }));
    }

    [Test]
    public void AFailedRunLeavesThePreviousOutput()
    {
        string outDir = Path.Combine(Dir, "out");
        Assert.That(Capsim("run", Example("single-site-linear.yaml"), "--out", outDir).Code, Is.EqualTo(0));
        string monthly = Path.Combine(outDir, "single-site-linear", "monthly.csv");
        string before = File.ReadAllText(monthly);
        // The same scenario, broken: validation fails before anything is written.
        string broken = Write("single.yaml", File.ReadAllText(Example("single-site-linear.yaml")).Replace("pue: 1.2", "pue: 0.2"));
        Assert.That(Capsim("run", broken, "--out", outDir).Code, Is.EqualTo(2));
        Assert.That(File.ReadAllText(monthly), Is.EqualTo(before));
    }

    [Test]
    public void EverySchemaShipsBesideCapsim()
    {
        // capsim's build output (which the test project's holds) carries schema/*.schema.json, the same bytes as the repository's.
        var shipped = Directory.GetFiles(Path.Combine(TestScenarios.RepoRoot, "schema"), "*.schema.json");
        Assert.That(shipped.Select(Path.GetFileName), Is.SupersetOf(new[] { "scenario.schema.json", "sweep.schema.json", "plan.schema.json" }));
        foreach (string file in shipped)
            Assert.That(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "schema", Path.GetFileName(file))), Is.EqualTo(File.ReadAllBytes(file)), file);
    }
}
