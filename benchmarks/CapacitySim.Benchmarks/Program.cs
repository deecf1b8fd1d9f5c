using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CapacitySim.Benchmarks;

public static class Program
{
    /// <summary>
    /// BenchmarkDotNet's switcher. With <c>--inProcess</c> (as benchmarks/run.sh passes it) the short
    /// job runs in this process with a one-hour limit per benchmark instead of the in-process
    /// toolchain's default five minutes, which the 10,000-site x 10,000-sample kernel case and the
    /// reference engine on 1,000 sites x 1,000 samples exceed.
    /// </summary>
    public static void Main(string[] args)
    {
        var rest = new List<string>();
        bool inProcess = false, shortJob = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--inProcess") inProcess = true;
            else if (args[i] == "--job" && i + 1 < args.Length && args[i + 1] == "short") { shortJob = true; i++; }
            else rest.Add(args[i]);
        }
        IConfig config = DefaultConfig.Instance;
        if (inProcess)
            config = config.AddJob((shortJob ? Job.ShortRun : Job.Default).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
        else if (shortJob)
            rest.InsertRange(0, ["--job", "short"]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
    }
}
