using System.Globalization;
using CapacitySim.Cli;
using CapacitySim.Cli.Common;
using Parquet;
using static CapacitySim.Tests.Support.InProcessCapsim;

namespace CapacitySim.Tests.IO.Sweeps;

/// <summary>capsim sweep and capsim merge end to end, in process, on the small example sweep.</summary>
public class SweepTests() : TempFolderTests("sweep")
{
    private static readonly string SmallGrid = Path.Combine(TestScenarios.RepoRoot, "sweeps", "small-grid.yaml");
    private static readonly string Cluster = Path.Combine(TestScenarios.RepoRoot, "scenarios", "examples", "multi-site-cluster.yaml");

    private string Sweep(string body)
    {
        string path = Path.Combine(Dir, "test.sweep.yaml");
        File.WriteAllText(path, $"scenario: {Cluster}\n{body}");
        return path;
    }

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    [Test]
    public void ShardsMergeToTheSameBytesAsOneRun()
    {
        var (code, _, err) = Capsim("sweep", SmallGrid, "--out", Path.Combine(Dir, "one"));
        Assert.That(code, Is.EqualTo(ExitCodes.Done), err);
        for (int shard = 0; shard < 5; shard++)
        {
            (code, _, err) = Capsim("sweep", SmallGrid, "--out", Path.Combine(Dir, "sharded"), "--shard", $"{shard}/5");
            Assert.That(code, Is.EqualTo(ExitCodes.Done), err);
        }
        (code, _, err) = Capsim("merge", Path.Combine(Dir, "sharded", "small-grid-sweep-shards"));
        Assert.That(code, Is.EqualTo(ExitCodes.Done), err);
        var one = Files(Path.Combine(Dir, "one", "small-grid-sweep"));
        var merged = Files(Path.Combine(Dir, "sharded", "small-grid-sweep"));
        Assert.That(merged.Keys.Order(), Is.EqualTo(one.Keys.Order()));
        // 3 metrics x 2 months = 6 heatmaps, beside sweep.csv, .parquet, .md and .json.
        Assert.That(one.Keys.Count(k => k.StartsWith("heatmap-", StringComparison.Ordinal)), Is.EqualTo(6));
        foreach (var (name, bytes) in one) Assert.That(merged[name], Is.EqualTo(bytes), name);
    }

    [Test]
    public void AxisValuesReachTheModel()
    {
        var (code, _, err) = Capsim("sweep", SmallGrid, "--out", Dir);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), err);
        var lines = File.ReadAllLines(Path.Combine(Dir, "small-grid-sweep", "sweep.csv"));
        Assert.That(lines[0], Is.EqualTo("point,west_delay_months,south_pue,mfu,metric,unit,month,mean,p10,p50,p90"));
        // 12 points x 3 metrics x 2 months.
        Assert.That(lines, Has.Length.EqualTo(1 + 72));
        double Mean(int point, string metric, string month) => double.Parse(lines.Single(l => l.StartsWith($"{point},", StringComparison.Ordinal)
            && l.Contains($",{metric},", StringComparison.Ordinal) && l.Contains($",{month},", StringComparison.Ordinal)).Split(',')[7], CultureInfo.InvariantCulture);
        // Points 0 and 1 differ only in MFU (0.35 and 0.45; everything fixed): effective FLOP/s = peak x MFU.
        Assert.That(Mean(1, "effective_flops", "2027-12") / Mean(0, "effective_flops", "2027-12"), Is.EqualTo(0.45 / 0.35).Within(1e-12));
        // Points 0 and 2 differ in South's PUE (1.2, 1.4): South's IT energy is the same, its facility energy x 1.4 / 1.2.
        // South is 150 of the 350 MW of IT with the same load factor, East and West at the default PUE 1.1:
        // facility = IT x (100 x 1.1 + 100 x 1.1 + 150 x PUE) / 350, so the ratio is (220 + 210) / (220 + 180).
        Assert.That(Mean(2, "facility_energy_mwh", "2027-12") / Mean(0, "facility_energy_mwh", "2027-12"), Is.EqualTo(430.0 / 400.0).Within(1e-12));
    }

    [Test]
    public void EveryProblemIsReportedWithItsPlaceInTheSweepFile()
    {
        string path = Sweep("""
            samples: 20
            axes:
              - {set: "sites[Wst].phases[*].delay_months", values: [0, 3]}
              - {set: "sites[South].pue", values: [1.2, 0.9]}
              - {set: defaults.mfu, values: [0.4, {dist: uniform, min: 0.5, max: 0.3}]}
            metrics: [effective_flops, h100e_per_researcher, efective_flops]
            months: [2027-12, 2031-01]
            """);
        var (code, stdout, stderr) = Capsim("sweep", path, "--out", Dir);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stdout, Is.Empty);
        // Line 1 names the scenario; every problem at once, in the order of the file.
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"{path}:4:11: sites[Wst].phases[*].delay_months matches nothing: no site named 'Wst' (did you mean 'West'?); sites: East, West, South",
            $"{path}:5:45: site South: pue must be at least 1, got 0.9",
            $"{path}:6:39: defaults: mfu: min (0.5) must not exceed max (0.3)",
            $"{path}:7:28: h100e_per_researcher needs researchers, and the scenario lists none",
            $"{path}:7:50: unknown metric 'efective_flops'; did you mean 'effective_flops'?",
            $"{path}:8:19: month 2031-01 is outside the scenario's run (2026-01 to 2027-12)",
            "capsim: the input has errors; nothing was run.",
        }));
        Assert.That(Directory.GetFileSystemEntries(Dir), Has.Length.EqualTo(1), "nothing was written");
    }

    [Test]
    public void AnAxisNameIsRefusedOnlyWhenItIsOneOfSweepCsvsOwnColumns()
    {
        string Axis(string name, string percentiles = "") => Sweep($"{percentiles}axes:\n  - {{set: \"sites[West].phases[*].delay_months\", name: {name}, values: [0, 3]}}\nmetrics: [effective_flops]\nmonths: [2027-12]\n");
        // p2_delay_months looks like a percentile column but is none of them.
        var ok = Capsim("validate", Axis("p2_delay_months"));
        Assert.That(ok.Code, Is.EqualTo(ExitCodes.Done), ok.Err);
        // p50 is a column of the scenario's percentiles [10, 50, 90]; mean is always one.
        string p50 = Axis("p50");
        var (code, _, stderr) = Capsim("validate", p50);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stderr, Does.Contain($"{p50}:3:55: axis #1: sweep.csv has a column of its own named 'p50' (its own columns: point, metric, unit, month, mean, p10, p50, p90); give the axis another name with name:. Collides: p50\n"));
        string mean = Axis("mean");
        (code, _, stderr) = Capsim("validate", mean);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stderr, Does.Contain("(its own columns: point, metric, unit, month, mean); give the axis another name with name:. Collides: mean\n"));
        // With percentiles [5, 95] there is no p50 column, and the name is free.
        var free = Capsim("validate", Axis("p50", "percentiles: [5, 95]\n"));
        Assert.That(free.Code, Is.EqualTo(ExitCodes.Done), free.Err);
    }

    [Test]
    public void AWildcardDelayPassesOverAPhaseOnAPathWhichTakesNone()
    {
        string scenario = Path.Combine(Dir, "paths.yaml");
        File.WriteAllText(scenario, """
            name: paths
            start: 2025-01
            end: 2027-12
            roadmap: [H100]
            sites:
              - name: A
                phases:
                  - {name: on-path, it_mw: 10, path: {start: 2025-01, stages: [{name: build, months: 6}]}}
                  - {name: dated, it_mw: 10, online: 2026-01}
            """);
        string Axis(string phase)
        {
            string path = Path.Combine(Dir, $"sweep-{phase.Replace('*', 'x')}.yaml");
            File.WriteAllText(path, $"scenario: {scenario}\naxes:\n  - {{set: \"sites[A].phases[{phase}].delay_months\", name: delay, values: [0, 6]}}\nmetrics: [it_built_mw]\nmonths: [2026-06]\n");
            return path;
        }
        // '*' sets the dated phase's delay and passes over the phase on the path: the sweep is accepted.
        var ok = Capsim("validate", Axis("*"));
        Assert.That(ok.Code, Is.EqualTo(ExitCodes.Done), ok.Err);
        // Named, the phase on the path is refused with the scenario's own reason.
        var (code, _, stderr) = Capsim("validate", Axis("on-path"));
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stderr, Does.Contain("a path takes no delay_months"));
    }

    [Test]
    public void AValueRefusedOnlyTogetherWithTheScenarioIsReportedAtTheValue()
    {
        // East gives it_mw; setting facility_mw beside it is refused by the scenario's rule "exactly one".
        string path = Sweep("axes:\n  - {set: \"sites[East].phases[East-1].facility_mw\", values: [120]}\nmetrics: [effective_flops]\nmonths: [2027-12]\n");
        var (code, _, stderr) = Capsim("sweep", path, "--out", Dir);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        // The scenario's message, at the value that caused it.
        Assert.That(stderr, Does.StartWith($"{path}:3:62: phase East-1 of site East gives both it_mw and facility_mw; give exactly one"));
    }

    [Test]
    public void MergeNamesEachProblem()
    {
        string shards = Path.Combine(Dir, "small-grid-sweep-shards");
        for (int shard = 0; shard < 4; shard++)
            Assert.That(Capsim("sweep", SmallGrid, "--out", Dir, "--shard", $"{shard}/4").Code, Is.EqualTo(ExitCodes.Done));
        Directory.Delete(Path.Combine(shards, "shard-0002-of-0004"), recursive: true);
        File.AppendAllText(Path.Combine(shards, "shard-0001-of-0004", "results.json"), " ");
        // A shard of another sweep file: the same sweep with another seed.
        string other = Path.Combine(Dir, "other.yaml");
        File.WriteAllText(other, File.ReadAllText(SmallGrid).Replace("seed: 7", "seed: 8").Replace("../scenarios", Path.Combine(TestScenarios.RepoRoot, "scenarios")));
        Assert.That(Capsim("sweep", other, "--out", Path.Combine(Dir, "other"), "--shard", "3/4").Code, Is.EqualTo(ExitCodes.Done));
        Directory.Delete(Path.Combine(shards, "shard-0003-of-0004"), recursive: true);
        Directory.Move(Path.Combine(Dir, "other", "small-grid-sweep-shards", "shard-0003-of-0004"), Path.Combine(shards, "shard-0003-of-0004"));
        // A half-written shard left by a killed task is not a shard.
        Directory.CreateDirectory(Path.Combine(shards, ".shard-0002-of-0004.partial-999999-0"));

        var (code, _, stderr) = Capsim("merge", shards);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stderr, Does.Contain("shard-0001-of-0004: results.json: checksum wrong"));
        Assert.That(stderr, Does.Contain("1 of 4 shards missing: shard-0002-of-0004"));
        Assert.That(stderr, Does.Contain("shard-0003-of-0004: run from another sweep file"));
        Assert.That(stderr, Does.Contain("its sweep settings (name, samples, seed, design or points) differ"));
        Assert.That(Directory.Exists(Path.Combine(Dir, "small-grid-sweep")), Is.False, "nothing was written");
    }

    [Test]
    public void ParquetHoldsTheRowsOfTheCsv()
    {
        Assert.That(Capsim("sweep", SmallGrid, "--out", Dir).Code, Is.EqualTo(ExitCodes.Done));
        string folder = Path.Combine(Dir, "small-grid-sweep");
        var lines = File.ReadAllLines(Path.Combine(folder, "sweep.csv"));
        using var stream = File.OpenRead(Path.Combine(folder, "sweep.parquet"));
        var parquet = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        var fields = parquet.Schema.GetDataFields();
        Assert.That(fields.Select(f => f.Name), Is.EqualTo(lines[0].Split(',')));
        using var group = parquet.OpenRowGroupReader(0);
        Assert.That(group.RowCount, Is.EqualTo(lines.Length - 1));
        var p50 = new double[group.RowCount];
        var metric = new string?[group.RowCount];
        group.ReadAsync(fields.Single(f => f.Name == "p50"), p50.AsMemory()).AsTask().GetAwaiter().GetResult();
        group.ReadAsync(fields.Single(f => f.Name == "metric"), metric.AsMemory()).AsTask().GetAwaiter().GetResult();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            Assert.That(metric[i - 1], Is.EqualTo(cells[4]));
            Assert.That(p50[i - 1], Is.EqualTo(double.Parse(cells[9], CultureInfo.InvariantCulture)));
        }
    }

    [Test]
    public void LatinHypercubeRunsAndMerges()
    {
        string path = Sweep("name: lhs\nsamples: 10\ndesign: latin-hypercube\npoints: 8\naxes:\n  - {set: defaults.mfu, range: [0.3, 0.5]}\n  - {set: \"sites[*].pue\", range: [1.1, 1.4]}\nmetrics: [effective_flops]\nmonths: [2027-12]\n");
        Assert.That(Capsim("sweep", path, "--out", Path.Combine(Dir, "one")).Code, Is.EqualTo(ExitCodes.Done));
        for (int shard = 0; shard < 3; shard++) Assert.That(Capsim("sweep", path, "--out", Dir, "--shard", $"{shard}/3").Code, Is.EqualTo(ExitCodes.Done));
        Assert.That(Capsim("merge", Path.Combine(Dir, "lhs-sweep-shards")).Code, Is.EqualTo(ExitCodes.Done));
        var one = Files(Path.Combine(Dir, "one", "lhs-sweep"));
        foreach (var (name, bytes) in one) Assert.That(Files(Path.Combine(Dir, "lhs-sweep"))[name], Is.EqualTo(bytes), name);
        var mfu = File.ReadAllLines(Path.Combine(Dir, "lhs-sweep", "sweep.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.That(mfu.Select(v => (int)Math.Floor((v - 0.3) / 0.2 * 8)).Order(), Is.EqualTo(Enumerable.Range(0, 8)), "one point per eighth of the MFU range");
    }

    [Test]
    public void KeptRunsHoldEachPointsRunWithItsOwnTime()
    {
        string path = Sweep("name: kept\nsamples: 10\naxes:\n  - {set: defaults.mfu, values: [0.3, 0.5]}\nmetrics: [effective_flops]\nmonths: [2027-12]\n");
        Assert.That(Capsim("sweep", path, "--out", Path.Combine(Dir, "plain")).Code, Is.EqualTo(ExitCodes.Done));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, err) = Capsim("sweep", path, "--out", Dir, "--keep-runs");
        double sweepSeconds = clock.Elapsed.TotalSeconds;
        Assert.That(code, Is.EqualTo(ExitCodes.Done), err);
        double pointSeconds = 0;
        // Keeping the runs does not change the sweep's own files.
        Assert.That(File.ReadAllBytes(Path.Combine(Dir, "kept-sweep", "sweep.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(Dir, "plain", "kept-sweep", "sweep.csv"))));
        for (int point = 0; point < 2; point++)
        {
            string run = Path.Combine(Dir, "kept-sweep", "runs", $"point-{point:D4}");
            Assert.That(File.Exists(Path.Combine(run, "monthly.csv")), run);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
            double wall = json.RootElement.GetProperty("wall_time_seconds").GetDouble();
            Assert.That(wall, Is.GreaterThan(0), "the point's simulation and statistics take some time");
            pointSeconds += wall;
            Assert.That(json.RootElement.GetProperty("samples").GetInt32(), Is.EqualTo(10));
        }
        // Each point records its own time, not the sweep's: together they fit inside the sweep's run.
        Assert.That(pointSeconds, Is.LessThanOrEqualTo(sweepSeconds), "the points' times add up to at most the sweep's");
    }

    [TestCase(null, null, null, null, null, null, "")]
    [TestCase("3/8", null, null, null, null, null, "3/8")]
    [TestCase(null, null, "5", "8", "4", null, "1/8")]
    [TestCase(null, 16, null, null, null, "15", "15/16")]
    public void TheShardComesFromTheOptionSlurmOrKubernetes(string? option, int? shards, string? slurmId, string? slurmCount, string? slurmMin, string? k8sIndex, string expected)
    {
        var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = slurmId, ["SLURM_ARRAY_TASK_COUNT"] = slurmCount, ["SLURM_ARRAY_TASK_MIN"] = slurmMin, ["JOB_COMPLETION_INDEX"] = k8sIndex };
        Assert.That(ShardSelection.TryResolve(option, shards, n => env.GetValueOrDefault(n), out var shard, out string problem), Is.True, problem);
        Assert.That(shard is { } s ? $"{s.Index}/{s.Count}" : "", Is.EqualTo(expected));
    }

    [TestCase("8/8", null, null)]
    [TestCase(null, null, "3")]
    [TestCase(null, 4, null)]
    public void AShardThatCannotBeIsRefused(string? option, int? shards, string? k8sIndex) =>
        Assert.That(ShardSelection.TryResolve(option, shards, n => n == "JOB_COMPLETION_INDEX" ? k8sIndex : null, out _, out _), Is.False);
}
