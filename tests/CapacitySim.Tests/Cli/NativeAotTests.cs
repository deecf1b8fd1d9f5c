using System.Diagnostics;
using System.Text.RegularExpressions;
using CapacitySim.Cli;

namespace CapacitySim.Tests.Cli;

/// <summary>
/// The published Native AOT app (scripts/publish.sh --aot, named by CAPSIM_AOT) run as a process on
/// small files, against the JIT build (dotnet capsim.dll of this test's build) run the same way:
/// the same exit code, console output and files, byte for byte, except the run's start time and
/// duration. In CI (or with CAPSIM_REQUIRE_AOT=1) a missing app fails the tests; elsewhere they are skipped.
/// </summary>
[TestFixture]
[Category("NativeAot")]
public partial class NativeAotTests
{
    /// <summary>The environment variable naming the published app's capsim (the launcher or the native binary).</summary>
    public const string Variable = "CAPSIM_AOT";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static string Root => TestScenarios.RepoRoot;
    private string _aot = "";
    private string _dir = "";

    [OneTimeSetUp]
    public void FindTheApp()
    {
        if (Unavailable(Environment.GetEnvironmentVariable) is { } why)
        {
            if (Required(Environment.GetEnvironmentVariable)) Assert.Fail(why);
            // dotnet test prints a skipped test's name but not its reason; the error stream reaches its console output.
            TestContext.Error.WriteLine($"{nameof(NativeAotTests)} skipped: {why}");
            Assert.Ignore(why);
        }
        _aot = Path.GetFullPath(Environment.GetEnvironmentVariable(Variable)!);
        _dir = Directory.CreateTempSubdirectory("capsim-aot-").FullName;
        // Scenario files capsim writes name the nearest schema above them, else the copy beside the
        // app, which differs between the two: one above both folders makes the line the same.
        Directory.CreateDirectory(Path.Combine(_dir, "schema"));
        foreach (var schema in Directory.GetFiles(Path.Combine(Root, "schema"), "*.schema.json"))
            File.Copy(schema, Path.Combine(_dir, "schema", Path.GetFileName(schema)));
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        if (_dir.Length > 0) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Why the tests cannot run, or null.</summary>
    internal static string? Unavailable(Func<string, string?> environment) =>
        environment(Variable) switch
        {
            null or "" => $"{Variable} is not set; publish with scripts/publish.sh --aot DIR and set {Variable}=DIR/capsim (.ci/run does)",
            var path when !File.Exists(path) => $"{Variable}={path} does not exist",
            _ => null,
        };

    /// <summary>True in CI (CI set to anything but empty, "0" or "false") or with CAPSIM_REQUIRE_AOT=1.</summary>
    internal static bool Required(Func<string, string?> environment) =>
        environment("CAPSIM_REQUIRE_AOT") == "1"
        || environment("CI") is { Length: > 0 } ci && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    [TestCase("scenarios/meta-superintelligence.yaml")]
    [TestCase("scenarios/examples/uncertainty.yaml")]
    [TestCase("scenarios/examples/multi-site-cluster.yaml")]
    [TestCase("scenarios/examples/supply-shortfall.yaml", "--engine", "reference")]
    [TestCase("scenarios/bench/fleet-1000.yaml", "--samples", "40")]
    public void RunWritesWhatTheJitBuildWrites(string file, params string[] options) =>
        AssertSameAsJit(["run", Path.Combine(Root, file), "--out", "out", .. options], expectedCode: ExitCodes.Done);

    [Test]
    public void CompareWritesWhatTheJitBuildWrites() =>
        AssertSameAsJit(["compare", Path.Combine(Root, "scenarios/examples/refresh-cycle.yaml"),
            Path.Combine(Root, "scenarios/examples/multi-site-cluster.yaml"), "--out", "out", "--samples", "200"], expectedCode: ExitCodes.Done);

    [Test]
    public void PlanWritesWhatTheJitBuildWrites() =>
        AssertSameAsJit(["plan", Path.Combine(Root, "plans/meta-superintelligence.plan.yaml"), "--out", "out", "--samples", "200"], expectedCode: null);

    [Test]
    public void SweepWritesWhatTheJitBuildWrites() =>
        AssertSameAsJit(["sweep", Path.Combine(Root, "sweeps/small-grid.yaml"), "--out", "out"], expectedCode: ExitCodes.Done);

    [Test]
    public void ValidateAcceptsWhatTheJitBuildAccepts() =>
        AssertSameAsJit(["validate", Path.Combine(Root, "scenarios/meta-superintelligence.yaml"),
            Path.Combine(Root, "plans/meta-superintelligence.plan.yaml"), Path.Combine(Root, "sweeps/meta-hyperion.yaml")], expectedCode: ExitCodes.Done);

    [Test]
    public void ValidateReportsTheProblemsTheJitBuildReports()
    {
        string corpus = Path.Combine(Root, "tests/CapacitySim.Tests/IO/Scenarios/Corpus");
        var broken = Directory.GetFiles(corpus, "*.yaml").Order(StringComparer.Ordinal).Take(12).ToArray();
        AssertSameAsJit(["validate", .. broken], expectedCode: ExitCodes.InvalidInput);
    }

    [TestCase("catalog", "--sources")]
    [TestCase("metrics")]
    [TestCase("generate", "fleet", "--sites", "30", "--seed", "3", "--out", "out/fleet.yaml")]
    [TestCase("--version")]
    public void OtherCommandsPrintWhatTheJitBuildPrints(params string[] args) => AssertSameAsJit(args, expectedCode: ExitCodes.Done);

    /// <summary>
    /// Runs <paramref name="args"/> with the AOT app and with the JIT build, each in a folder of its
    /// own (so relative output paths print alike), and compares exit codes, both streams and every
    /// file written. <paramref name="expectedCode"/> null: any code, as long as both agree.
    /// </summary>
    private void AssertSameAsJit(string[] args, int? expectedCode)
    {
        string name = TestContext.CurrentContext.Test.ID;
        string aotDir = Directory.CreateDirectory(Path.Combine(_dir, name, "aot")).FullName;
        string jitDir = Directory.CreateDirectory(Path.Combine(_dir, name, "jit")).FullName;
        var aot = Start(_aot, [], aotDir, args);
        var jit = Start(DotnetHost, [Path.Combine(AppContext.BaseDirectory, "capsim.dll")], jitDir, args);

        Assert.That(aot.Code, Is.EqualTo(jit.Code), $"exit code\nAOT: {aot.Err}\nJIT: {jit.Err}");
        if (expectedCode is { } code) Assert.That(aot.Code, Is.EqualTo(code), aot.Err);
        Assert.That(WithoutTimes(aot.Out), Is.EqualTo(WithoutTimes(jit.Out)), "standard output");
        Assert.That(WithoutTimes(aot.Err), Is.EqualTo(WithoutTimes(jit.Err)), "standard error");

        var aotFiles = FilesUnder(aotDir);
        var jitFiles = FilesUnder(jitDir);
        Assert.That(aotFiles.Keys, Is.EqualTo(jitFiles.Keys), "files written");
        foreach (var (file, bytes) in jitFiles)
        {
            if (TimedFiles.Contains(Path.GetExtension(file)))
                Assert.That(WithoutTimedLines(aotFiles[file]), Is.EqualTo(WithoutTimedLines(bytes)), file);
            else
                Assert.That(aotFiles[file].SequenceEqual(bytes), Is.True, $"{file} differs byte for byte");
        }
    }

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static (int Code, string Out, string Err) Start(string program, string[] first, string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in first.Concat(args)) info.ArgumentList.Add(arg);
        // Both builds wrap text to the same width when the output is not a terminal.
        info.Environment.Remove("COLUMNS");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in {Timeout}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static SortedDictionary<string, byte[]> FilesUnder(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes), StringComparer.Ordinal);

    // The files that record when a run started and how long it took (run.json; the run-metadata
    // table of report.md and report.html), and those lines' markers.
    private static readonly HashSet<string> TimedFiles = [".json", ".md", ".html"];
    private static readonly string[] TimedLineMarkers = ["\"started_utc\"", "\"wall_time_seconds\"", "started (UTC)", "simulation and statistics"];

    // plan.md also says how long the search took ("131 times (9.4 s)").
    private static string WithoutTimedLines(byte[] bytes) =>
        WithoutTimes(string.Join('\n', System.Text.Encoding.UTF8.GetString(bytes).Split('\n').Where(line => !TimedLineMarkers.Any(line.Contains))));

    /// <summary>Console output with durations ("in 0.62 s", "1.8 s in the engine") and rates ("14.6 points/s") blanked.</summary>
    private static string WithoutTimes(string text) => Rate().Replace(Duration().Replace(text, "<time> s"), "<rate> points/s");

    [GeneratedRegex(@"\d+(\.\d+)? s\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\d+(\.\d+)? points/s")]
    private static partial Regex Rate();
}
