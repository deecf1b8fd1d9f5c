using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CapacitySim.Benchmarks;

public static class Program
{
    /// <summary>
    /// BenchmarkDotNet's switcher. With <c>--inProcess</c> (as benchmarks/run.sh passes it) the job
    /// runs in this process with a one-hour limit per benchmark, which the largest cases need.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["dispatch", var times, .. var only])
        {
            Dispatch(int.Parse(times, System.Globalization.CultureInfo.InvariantCulture), only.FirstOrDefault());
            return;
        }
        if (args is ["profile", ..])
        {
            Profile(args[1..]);
            return;
        }
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

    /// <summary>
    /// <c>profile SITES SAMPLES THREADS RUNS [typed]</c>: runs the fast engine on a generated fleet
    /// (144 months, total and region statistics; <c>typed</c>: every site on typed sources) RUNS
    /// times into one result and prints each run's time, for a profiler to watch
    /// (docs/performance.md: <c>perf record -g</c>) or for the best of several runs.
    /// </summary>
    private static void Profile(string[] args)
    {
        bool typed = args.Length == 5 && args[4] == "typed";
        int[] n = [.. args.Take(4).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))];
        if (n.Length != 4 || args.Length > (typed ? 5 : 4)) throw new ArgumentException("usage: profile SITES SAMPLES THREADS RUNS [typed]");
        var scenario = Fleets.Of(n[0], typed);
        var plan = Fleets.Plan(scenario, n[1], threads: n[2]);
        var result = new CapacitySim.Core.Engine.SimulationResult(scenario, plan.Samples, plan.Scopes);
        for (int run = 0; run < n[3]; run++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            CapacitySim.Core.Engine.FastEngine.Fill(result, plan);
            double seconds = clock.Elapsed.TotalSeconds;
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            double siteMonthSamples = (double)n[0] * scenario.Months * n[1];
            Console.WriteLine(typed
                ? string.Create(inv, $"run {run + 1}: {seconds:0.000} s, {siteMonthSamples * scenario.DaysPerMonth * 24 / seconds / 1e6:0} M hour-samples/s")
                : string.Create(inv, $"run {run + 1}: {seconds:0.000} s, {siteMonthSamples / seconds / 1e6:0} M site-month-samples/s"));
        }
    }

    /// <summary>
    /// <c>dispatch RUNS [scalar|vectorised]</c>: <see cref="DispatchBenchmark"/>'s two loops (or the one
    /// named) RUNS times each, alternated, printing hour-samples per second: a quick reading where
    /// BenchmarkDotNet's full run is too long; one loop alone for a profiler or <c>perf stat</c>.
    /// </summary>
    private static void Dispatch(int runs, string? only)
    {
        var bench = new DispatchBenchmark();
        bench.Setup();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        for (int run = 0; run < runs; run++)
            foreach (var (name, loop) in new (string, Func<double>)[] { ("scalar", bench.Scalar), ("vectorised", bench.Vectorised) })
            {
                if (only is not null && only != name) continue;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                int calls = 0;
                while (clock.Elapsed.TotalSeconds < 0.5) { loop(); calls++; }
                double seconds = clock.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(inv, $"{name}: {(double)bench.HourLaneSamples * calls / seconds / 1e6:0.0} M hour-samples/s"));
            }
    }
}
