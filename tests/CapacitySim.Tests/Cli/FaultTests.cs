using System.Diagnostics;
using System.Security.Cryptography;
using CapacitySim.Cli;

namespace CapacitySim.Tests.Cli;

/// <summary>
/// A run killed at any moment, or interrupted with Ctrl-C (SIGINT), leaves the previous output
/// exactly as it was. The tests run capsim as a child process: the dll built beside the tests.
/// </summary>
[NonParallelizable]
public class FaultTests() : TempFolderTests("fault")
{
    private static string Reference => Path.Combine(TestScenarios.RepoRoot, "scenarios", "meta-superintelligence.yaml");

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(CapsimApp).Assembly.Location);
        foreach (string a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    /// <summary>Each file's name and SHA-256, of every file or of those <paramref name="keep"/> selects.</summary>
    private static string Fingerprint(string folder, Func<string, bool>? keep = null) =>
        string.Join("\n", Directory.GetFiles(folder).Order().Where(keep ?? (_ => true)).Select(f => Path.GetFileName(f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));

    /// <summary>The files a run writes the same way every time (not run.json and the report, which record the time).</summary>
    private static string Reproducible(string folder) =>
        Fingerprint(folder, f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".png", StringComparison.Ordinal));

    private static string FileNames(string folder) => string.Join(",", Directory.GetFiles(folder).Select(Path.GetFileName).Order());

    private string GoodRun(string outDir, int samples = 50)
    {
        using var p = Start("run", Reference, "--out", outDir, "--samples", samples.ToString(System.Globalization.CultureInfo.InvariantCulture));
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), p.StandardError.ReadToEnd());
        return Fingerprint(Path.Combine(outDir, "meta-superintelligence"));
    }

    /// <summary>
    /// Polls <paramref name="reached"/> every millisecond until it holds or <paramref name="process"/>
    /// has exited (then the state can no longer come), within a bound that only a hung run reaches.
    /// </summary>
    private static void WaitFor(Process process, Func<bool> reached, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!reached() && !process.HasExited)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) Assert.Fail($"capsim did not reach '{what}' nor exit within 5 minutes");
            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// A state read from folders a running capsim moves: a folder or file gone while it is read
    /// (a swap in progress) means the state is not reached yet.
    /// </summary>
    private static Func<bool> Observed(Func<bool> state) => () =>
    {
        try { return state(); }
        catch (IOException) { return false; }
    };

    private static string[] Staging(string outDir) => Directory.GetDirectories(outDir, ".meta-superintelligence.partial-*");

    /// <summary>The states of a run a kill is aimed at, each waited for (not slept towards): computing, staging folder made, charts being written, output swapped in.</summary>
    public static IEnumerable<string> KillPoints() => ["computing", "staging folder made", "a chart staged", "output swapped in"];

    [TestCaseSource(nameof(KillPoints))]
    public void KillingARunAtAnyMomentLeavesThePreviousOutputIntact(string killPoint)
    {
        // What a complete run of the killed command writes, for a kill that lands after its folder was swapped in.
        string reference3000 = Path.Combine(Dir, "complete");
        GoodRun(reference3000, 3000);
        string complete = Reproducible(Path.Combine(reference3000, "meta-superintelligence"));
        string names = FileNames(Path.Combine(reference3000, "meta-superintelligence"));

        string outDir = Path.Combine(Dir, "out");
        string before = GoodRun(outDir);
        string target = Path.Combine(outDir, "meta-superintelligence");
        using var p = Start("run", Reference, "--out", outDir, "--samples", "3000");
        // "running ..." comes once the scenario is loaded and the engine starts.
        Assert.That(p.StandardOutput.ReadLine(), Does.StartWith("running meta-superintelligence"));
        switch (killPoint)
        {
            case "staging folder made":
                WaitFor(p, () => Staging(outDir).Length > 0, killPoint);
                break;
            case "a chart staged":
                WaitFor(p, Observed(() => Staging(outDir).Any(d => Directory.GetFiles(d, "*.png").Length > 0)), killPoint);
                break;
            case "output swapped in":
                WaitFor(p, Observed(() => Fingerprint(target) != before), killPoint);
                break;
        }
        bool exitedFirst = p.HasExited;
        if (!exitedFirst) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        string now = Fingerprint(target);
        if (killPoint == "output swapped in")
            Assert.That(now, Is.Not.EqualTo(before), "the run was killed after its output was swapped in");
        if (now != before)
        {
            // Not the previous output: then it must be the killed run's whole output, swapped in
            // before the kill (e.g. while it printed its key figures), never a part of it.
            Assert.That(FileNames(target), Is.EqualTo(names), $"{killPoint}: a complete output");
            Assert.That(Reproducible(target), Is.EqualTo(complete), $"{killPoint}: a complete output");
        }
        else Assert.That(exitedFirst, Is.False, $"{killPoint}: a run that ended by itself replaces the output");
        // The next run removes the staging folders of killed runs.
        GoodRun(outDir);
        Assert.That(Directory.GetDirectories(outDir).Select(Path.GetFileName), Is.EqualTo(new[] { "meta-superintelligence" }));
    }

    /// <summary>True in CI or with CAPSIM_REQUIRE_TMPFS=1 (.ci/run sets it): a tmpfs that cannot be mounted fails the full-disk test there rather than skipping it.</summary>
    public static bool TmpfsRequired(Func<string, string?> environment) => RequiredInCi.For("TMPFS", environment);

    [TestCase(null, null, false)]
    [TestCase("true", null, true)]
    [TestCase("false", null, false)]
    [TestCase(null, "1", true)]
    public void TheTmpfsIsRequiredInCi(string? ci, string? require, bool required) =>
        Assert.That(TmpfsRequired(name => name == "CI" ? ci : name == "CAPSIM_REQUIRE_TMPFS" ? require : null), Is.EqualTo(required));

    [Test]
    public void AFullDiskGivesAClearMessageAndExitOne()
    {
        // A 64 KB tmpfs in a private mount namespace: too small for the charts. Needs root.
        string mountPoint = Path.Combine(Dir, "tiny");
        Directory.CreateDirectory(mountPoint);
        string dll = typeof(CapsimApp).Assembly.Location;
        string example = Path.Combine(TestScenarios.RepoRoot, "scenarios", "examples", "single-site-linear.yaml");
        string script = $"mount -t tmpfs -o size=64k tmpfs '{mountPoint}' || exit 99; dotnet '{dll}' run '{example}' --out '{mountPoint}/out'; code=$?; ls -A '{mountPoint}/out'; exit $code";
        var info = new ProcessStartInfo("unshare", ["-m", "bash", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode == 99)
        {
            string why = $"cannot mount a small tmpfs here (needs root and unshare): {stderr}";
            if (TmpfsRequired(Environment.GetEnvironmentVariable)) Assert.Fail(why);
            // dotnet test prints a skipped test's name but not its reason; the error stream reaches its console output.
            TestContext.Error.WriteLine($"{nameof(AFullDiskGivesAClearMessageAndExitOne)} skipped: {why}");
            Assert.Ignore(why);
        }
        Assert.That(p.ExitCode, Is.EqualTo(ExitCodes.Failure), stderr);
        Assert.That(stderr, Does.Contain($"capsim: cannot write the output under '{mountPoint}/out': No space left on device"));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(stdout, Does.Not.Contain(".partial-"), "the staging folder is removed");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private const int SigInt = 2;

    [Test]
    public void CtrlCStopsCleanly()
    {
        string outDir = Path.Combine(Dir, "out");
        string before = GoodRun(outDir);
        using var p = Start("run", Reference, "--out", outDir, "--samples", "6000");
        // capsim prints "running ..." once its Ctrl-C handler is in place and the engine starts: the
        // signal sent at once lands during the run on any machine, however many cores it has.
        Assert.That(p.StandardOutput.ReadLine(), Does.StartWith("running meta-superintelligence"));
        Assert.That(SendSignal(p.Id, SigInt), Is.EqualTo(0), "SIGINT sent");
        Assert.That(p.WaitForExit(300_000), Is.True, "capsim stops after SIGINT");
        Assert.That(p.ExitCode, Is.EqualTo(ExitCodes.Interrupted));
        Assert.That(p.StandardError.ReadToEnd(), Does.Contain("capsim: interrupted; the output of this scenario was left as it was."));
        Assert.That(Fingerprint(Path.Combine(outDir, "meta-superintelligence")), Is.EqualTo(before));
        Assert.That(Directory.GetDirectories(outDir), Has.Length.EqualTo(1), "no staging folder is left");
    }
}
