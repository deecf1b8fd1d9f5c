using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CapacitySim.Tests;

/// <summary>
/// A single-node Slurm cluster for tests (Debian's slurm-wlm and munge, no systemd): munged,
/// slurmctld and slurmd started directly with a generated slurm.conf in a private folder, and
/// stopped by the PIDs in their pid files (docs/distributed.md, "how the tests run Slurm").
/// </summary>
internal sealed class SlurmCluster : IDisposable
{
    private static readonly string[] Tools = ["munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sinfo"];
    private readonly List<string> _pidFiles = [];
    private readonly List<string> _jobs = [];

    private SlurmCluster(string folder)
    {
        Folder = folder;
    }

    /// <summary>The cluster's private folder: keys, state, logs, slurm.conf.</summary>
    public string Folder { get; }

    public string ConfigFile => Path.Combine(Folder, "slurm.conf");

    /// <summary>True in CI (CI set to anything but empty, "0" or "false") or with CAPSIM_REQUIRE_SLURM=1: a missing Slurm fails the tests there rather than skipping them.</summary>
    public static bool Required(Func<string, string?> environment) => RequiredInCi.For("SLURM", environment);

    /// <summary>Why a cluster cannot be started here (a tool missing, not root), or null.</summary>
    public static string? Unavailable()
    {
        var missing = Tools.Where(t => Find(t) is null).ToList();
        if (missing.Count > 0)
            return $"no {string.Join(", ", missing)} found; install Debian's slurm-wlm and munge (apt-get install slurm-wlm munge; .ci/run does) to run this test";
        if (!OperatingSystem.IsLinux()) return "the Slurm tests run on Linux";
        if (Environment.UserName != "root") return "slurmd must run as root here, and the tests do not";
        return null;
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/sbin")
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts munged, slurmctld and slurmd and waits for the node to be idle. The two ports are
    /// free when chosen but another process may take one before slurmctld or slurmd binds it: a start
    /// that fails is tried again with new ports, up to three times.
    /// </summary>
    public static SlurmCluster Start()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return StartOnce();
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                TestContext.Error.WriteLine($"Slurm did not start (attempt {attempt}, trying new ports): {e.Message}");
            }
        }
    }

    private static SlurmCluster StartOnce()
    {
        string folder = Directory.CreateTempSubdirectory("capsim-slurm-").FullName;
        var cluster = new SlurmCluster(folder);
        try
        {
            string munge = Path.Combine(folder, "munge");
            Directory.CreateDirectory(munge);
            // munged refuses a socket folder that others may write to.
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
                File.SetUnixFileMode(munge, (UnixFileMode)0b111_101_101);
            }
            cluster.Run(Find("mungekey")!, "-c", "-k", Path.Combine(munge, "key"));
            cluster.Run(Find("munged")!, $"--key-file={munge}/key", $"--socket={munge}/socket", $"--pid-file={munge}/munged.pid",
                $"--seed-file={munge}/seed", $"--log-file={munge}/munged.log");
            cluster._pidFiles.Add(Path.Combine(munge, "munged.pid"));
            var (ctld, node) = (FreePort(), FreePort());
            File.WriteAllText(Path.Combine(folder, "plugstack.conf"), "");
            Directory.CreateDirectory(Path.Combine(folder, "state"));
            Directory.CreateDirectory(Path.Combine(folder, "spool"));
            File.WriteAllText(cluster.ConfigFile, $"""
                ClusterName=capsimtest
                SlurmctldHost=localhost
                SlurmUser=root
                AuthType=auth/munge
                CredType=cred/munge
                AuthInfo=socket={munge}/socket
                StateSaveLocation={folder}/state
                SlurmdSpoolDir={folder}/spool
                SlurmctldPidFile={folder}/slurmctld.pid
                SlurmdPidFile={folder}/slurmd.pid
                SlurmctldLogFile={folder}/slurmctld.log
                SlurmdLogFile={folder}/slurmd.log
                SlurmctldPort={ctld}
                SlurmdPort={node}
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                JobAcctGatherType=jobacct_gather/none
                AccountingStorageType=accounting_storage/none
                MpiDefault=none
                SelectType=select/cons_tres
                SelectTypeParameters=CR_Core
                SchedulerParameters=batch_sched_delay=0
                ReturnToService=2
                PlugStackConfig={folder}/plugstack.conf
                MailProg=/bin/true
                MinJobAge=3600
                NodeName=localhost CPUs={Environment.ProcessorCount} RealMemory=2000 State=UNKNOWN
                PartitionName=capsim Nodes=localhost Default=YES MaxTime=INFINITE State=UP

                """);
            cluster.Run(Find("slurmctld")!, "-c");
            cluster._pidFiles.Add(Path.Combine(folder, "slurmctld.pid"));
            cluster.Run(Find("slurmd")!, "-N", "localhost");
            cluster._pidFiles.Add(Path.Combine(folder, "slurmd.pid"));
            var clock = Stopwatch.StartNew();
            while (cluster.Run(Find("sinfo")!, "-h", "-o", "%T").Trim() != "idle")
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("the Slurm node did not become idle within 60 s");
                Thread.Sleep(300);
            }
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program with SLURM_CONF set and returns its standard output; a non-zero exit throws with its error output.</summary>
    public string Run(string program, params string[] args) => Run(program, null, args);

    public string Run(string program, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Find(program) ?? program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["SLURM_CONF"] = ConfigFile;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000)) throw new TimeoutException($"{program} did not finish within 120 s");
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {error.Result}{output}");
        return output;
    }

    /// <summary>Remembers a job to cancel when the cluster stops.</summary>
    public void Track(string job) => _jobs.Add(job);

    /// <summary>The state of each task of a job (e.g. "COMPLETED", "RUNNING"), from scontrol, by job id ("12_3" for an array task).</summary>
    public Dictionary<string, string> States(string job)
    {
        var states = new Dictionary<string, string>();
        foreach (string line in Run("scontrol", "-o", "show", "job", job).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.First()[1]);
            string id = fields.TryGetValue("ArrayTaskId", out var task) ? $"{fields["ArrayJobId"]}_{task}" : fields["JobId"];
            states[id] = fields["JobState"];
        }
        return states;
    }

    /// <summary>Waits until no task of the jobs is pending or running; throws after <paramref name="timeout"/>.</summary>
    public void WaitFor(TimeSpan timeout, params string[] jobs)
    {
        var clock = Stopwatch.StartNew();
        while (jobs.Any(j => States(j).Values.Any(s => s is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING")))
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"jobs {string.Join(", ", jobs)} still running after {timeout.TotalSeconds} s: {string.Join(", ", jobs.SelectMany(j => States(j)))}");
            Thread.Sleep(250);
        }
    }

    /// <summary>Cancels the jobs it submitted (slurmstepd outlives slurmd), then ends slurmd, slurmctld and munged by their PIDs.</summary>
    public void Dispose()
    {
        foreach (string job in _jobs)
        {
            try { Run("scancel", job); } catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        }
        foreach (string pidFile in Enumerable.Reverse(_pidFiles))
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
