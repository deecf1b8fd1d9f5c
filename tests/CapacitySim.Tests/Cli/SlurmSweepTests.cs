using CapacitySim.Cli;
using static CapacitySim.Tests.Support.InProcessCapsim;

namespace CapacitySim.Tests.Cli;

/// <summary>
/// examples/slurm/sweep.sbatch on a real single-node Slurm: the example sweep as a job array of
/// four tasks and a dependent merge job gives the bytes of a local run in one go; so does an array
/// with one task's capsim killed while it writes its shard and then submitted again alone.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Slurm")]
public class SlurmSweepTests
{
    private static readonly string Script = Path.Combine(TestScenarios.RepoRoot, "examples", "slurm", "sweep.sbatch");
    private static readonly string SmallGrid = Path.Combine(TestScenarios.RepoRoot, "sweeps", "small-grid.yaml");
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private SlurmCluster? _cluster;
    private string _dir = "";
    private Dictionary<string, byte[]> _local = [];

    [OneTimeSetUp]
    public void StartSlurm()
    {
        if (SlurmCluster.Unavailable() is { } why)
        {
            if (SlurmCluster.Required(Environment.GetEnvironmentVariable)) Assert.Fail(why);
            // dotnet test prints a skipped test's name but not its reason; the error stream reaches its console output.
            TestContext.Error.WriteLine($"{nameof(SlurmSweepTests)} skipped: {why}");
            Assert.Ignore(why);
        }
        _dir = Directory.CreateTempSubdirectory("capsim-slurm-sweep-").FullName;
        var (code, _, err) = Capsim("sweep", SmallGrid, "--out", Path.Combine(_dir, "local"));
        Assert.That(code, Is.EqualTo(ExitCodes.Done), err);
        _local = Files(Path.Combine(_dir, "local", "small-grid-sweep"));
        _cluster = SlurmCluster.Start();
    }

    [OneTimeTearDown]
    public void StopSlurm()
    {
        _cluster?.Dispose();
        if (_dir.Length > 0) Directory.Delete(_dir, recursive: true);
    }

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    /// <summary>capsim as the jobs run it: the test's own build of capsim.dll under dotnet.</summary>
    private static string CapsimCommand => $"dotnet {Path.Combine(AppContext.BaseDirectory, "capsim.dll")}";

    private void AssertSameAsLocal(string folder)
    {
        var merged = Files(folder);
        Assert.That(merged.Keys.Order(), Is.EqualTo(_local.Keys.Order()));
        foreach (var (name, bytes) in _local) Assert.That(merged[name], Is.EqualTo(bytes), name);
    }

    [Test]
    public void AJobArrayAndItsDependentMergeWriteTheBytesOfALocalRun()
    {
        string output = Path.Combine(_dir, "array");
        var cluster = _cluster!;
        string submitted = cluster.Run("bash", new Dictionary<string, string> { ["CAPSIM"] = CapsimCommand, ["CAPSIM_ARRAY"] = "0-3" },
            Script, SmallGrid, output);
        var ids = System.Text.RegularExpressions.Regex.Match(submitted, @"array job (\d+) and merge job (\d+)");
        Assert.That(ids.Success, Is.True, submitted);
        string array = ids.Groups[1].Value, merge = ids.Groups[2].Value;
        cluster.Track(array);
        cluster.Track(merge);
        cluster.WaitFor(Timeout, array, merge);
        var states = cluster.States(array).Concat(cluster.States(merge)).ToDictionary();
        Assert.That(states, Has.Count.EqualTo(5), "four array tasks and the merge");
        Assert.That(states.Values, Is.All.EqualTo("COMPLETED"), string.Join(", ", states));
        Assert.That(Directory.GetDirectories(Path.Combine(output, "small-grid-sweep-shards")).Select(Path.GetFileName).Order(),
            Is.EqualTo(Enumerable.Range(0, 4).Select(i => $"shard-{i:D4}-of-0004")));
        AssertSameAsLocal(Path.Combine(output, "small-grid-sweep"));
    }

    [Test]
    public void ATaskKilledWhileItRunsAndSubmittedAgainMergesToTheSameBytes()
    {
        string output = Path.Combine(_dir, "killed");
        Directory.CreateDirectory(output);
        var cluster = _cluster!;
        // Task 2 of the first submission runs capsim with files limited to 1 KB (ulimit -f 1): the kernel
        // kills it (SIGXFSZ) at its first larger write, its shard's results.json (about 3 KB; shard.json
        // and sweep.yaml are under 1 KB), with its staging folder on disk. A task killed mid-write at
        // the same point on any machine, instead of one frozen by a 10 ms poll that a fast run outraces.
        string started = Path.Combine(output, "task-2-started");
        string wrapper = Path.Combine(output, "killed-task-2.sh");
        string shards = Path.Combine(output, "small-grid-sweep-shards");
        File.WriteAllText(wrapper, $$"""
            if [ "$SLURM_ARRAY_TASK_ID" = 2 ] && [ ! -e {{started}} ]; then
              touch {{started}}
              # The runtime's W^X double mapping sizes a memory file beyond 1 KB at start-up: turned off, so the limit meets capsim's own writes first.
              export DOTNET_EnableWriteXorExecute=0
              ulimit -f 1
            fi
            exec {{CapsimCommand}} "$@"

            """);
        var environment = new Dictionary<string, string> { ["CAPSIM"] = $"bash {wrapper}" };
        string array = cluster.Run("sbatch", environment, "--parsable", "--array=0-3", $"--chdir={output}", Script, SmallGrid, output).Trim().Split(';')[0];
        cluster.Track(array);
        cluster.WaitFor(Timeout, array);
        var states = cluster.States(array);
        Assert.That(File.Exists(started), "task 2 ran under the limit");
        Assert.That(states[$"{array}_2"], Is.EqualTo("FAILED"), string.Join(", ", states));
        Assert.That(states.Where(s => s.Key != $"{array}_2").Select(s => s.Value), Is.All.EqualTo("COMPLETED"));
        Assert.That(Directory.GetDirectories(shards, ".shard-0002-of-0004.partial-*"), Is.Not.Empty, "its partial output is on disk");
        Assert.That(Directory.Exists(Path.Combine(shards, "shard-0002-of-0004")), Is.False, "a killed task leaves no shard");
        var (code, _, err) = Capsim("merge", shards);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(err, Does.Contain("1 of 4 shards missing: shard-0002-of-0004"));

        // Submitted again alone, as docs/distributed.md says, with the task's index.
        string again = cluster.Run("sbatch", new Dictionary<string, string>(environment) { ["CAPSIM_SHARDS"] = "4" }, "--parsable", "--array=2", $"--chdir={output}",
            Script, SmallGrid, output).Trim().Split(';')[0];
        cluster.Track(again);
        cluster.WaitFor(Timeout, again);
        Assert.That(cluster.States(again).Values, Is.All.EqualTo("COMPLETED"), string.Join(", ", cluster.States(again)));
        // Whatever staging the killed run left beside the shards (the rerun drops it, or the run itself did) is not merged.
        (code, _, err) = Capsim("merge", shards);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), err);
        AssertSameAsLocal(Path.Combine(output, "small-grid-sweep"));
    }
}
