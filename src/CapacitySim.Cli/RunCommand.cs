using System.CommandLine;
using System.Diagnostics;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Charts;
using CapacitySim.IO.Output;

namespace CapacitySim.Cli;

/// <summary><c>capsim run FILE...</c>: validates every file, runs each, writes its output folder and prints key figures.</summary>
public static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files (YAML).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder that receives <out>/<scenario name>/.", DefaultValueFactory = _ => "output" };
        var samples = new Option<int?>("--samples", "-n") { Description = "Monte Carlo samples, overriding the file's 'samples' (1 = the deterministic nominal run)." };
        var seed = new Option<ulong?>("--seed") { Description = "Random seed, overriding the file's 'seed'." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores); results do not depend on it." };
        var engine = new Option<string>("--engine") { Description = "fast (SIMD, the default) or reference (plain, the definition the fast engine is tested against).", DefaultValueFactory = _ => Engines.Fast.Name };
        engine.AcceptOnlyFromAmong([.. Engines.Names]);
        var scopes = new Option<string?>("--scopes") { Description = "Statistics to keep, comma-separated from total, region, site (default: all up to 50 sites, else total,region)." };
        var timings = new Option<bool>("--timings") { Description = "Print to standard error how long each stage took (engine, statistics, CSV and charts, report) and the time since the process started." };
        var command = new Command("run", "Run scenario files and write monthly.csv, annual.csv, PNG charts, report.md, report.html and run.json to <out>/<name>/.")
        {
            files, outDir, samples, seed, threads, engine, scopes, timings,
        };
        command.SetAction(parse =>
        {
            int? n = parse.GetValue(samples);
            if (!Arguments.Samples(n, stderr)) return ExitCodes.InvalidInput;
            int? t = parse.GetValue(threads);
            if (t is < 1)
            {
                stderr.WriteLine($"capsim: --threads must be at least 1, got {t}");
                return ExitCodes.InvalidInput;
            }
            // The kernel's compilation and chart drawing's one-time start-up run on another core
            // while the files are read.
            _ = Task.Run(() =>
            {
                FastEngine.PrepareKernel();
                RunCharts.WarmUp();
            });
            var scenarios = ValidateCommand.LoadAll(parse.GetValue(files)!, stderr);
            if (scenarios is null) return ExitCodes.InvalidInput;
            if (!Arguments.DistinctNames(scenarios, stderr, " and would write the same output folder")) return ExitCodes.InvalidInput;
            ScopeKinds? kinds = null;
            if (parse.GetValue(scopes) is { } scopeText)
            {
                kinds = ParseScopes(scopeText);
                if (kinds is null)
                {
                    stderr.WriteLine($"capsim: --scopes takes total, region and site, comma-separated, with total among them; got '{scopeText}'");
                    return ExitCodes.InvalidInput;
                }
            }
            var settings = new RunSettings(n, parse.GetValue(seed), t, kinds);
            var ui = new ConsoleUi(stdout, interactive);
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                foreach (var (path, scenario) in scenarios)
                    RunOne(path, scenario, RunPlan.For(scenario, settings), Engines.ByName(parse.GetValue(engine)!), parse.GetValue(outDir)!, ui, cancel.Token,
                        timings: parse.GetValue(timings) ? new StageTimings(stderr, scenario.Name) : null);
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("capsim: interrupted; the output of this scenario was left as it was.");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"capsim: cannot write the output under '{parse.GetValue(outDir)}': {e.Message}");
                return ExitCodes.Failure;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>Runs one scenario as <paramref name="plan"/> says and writes its output folder atomically; prints the key figures when asked. Returns the folder.</summary>
    internal static string RunOne(string path, Scenario scenario, RunPlan plan, IEngine engine, string outRoot, ConsoleUi ui, CancellationToken cancel, bool keyFigures = true, StageTimings? timings = null)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var result = ui.WithProgress($"{scenario.Name}: {ValidateCommand.Plural(plan.Samples, "sample")} x {ValidateCommand.Plural(scenario.Months, "month")} x {ValidateCommand.Plural(scenario.Sites.Count, "site")}", plan.Samples,
            progress => engine.Run(scenario, plan, progress, cancel));
        cancel.ThrowIfCancellationRequested();
        timings?.Mark("engine");
        var statistics = RunStatistics.Of(result, plan.Percentiles);
        timings?.Mark("statistics");
        string target = Path.Combine(outRoot, scenario.Name);
        var metadata = RunMetadata.Create(path, scenario.Name, plan, engine.Name, started, clock.Elapsed.TotalSeconds);
        // The key figures are worked out while the files are written.
        var figures = keyFigures ? Task.Run(() => KeyFigures.Of(statistics.AnnualSeries), cancel) : null;
        OutputFolder.WriteAtomically(target, dir => RunOutputs.Write(dir, result, statistics, metadata, cancel, timings is null ? null : timings.Mark));
        ui.Done(scenario.Name, target, clock.Elapsed);
        if (figures is not null) ui.KeyFigures(scenario, figures.GetAwaiter().GetResult());
        timings?.Mark("key figures");
        timings?.Print();
        return target;
    }

    /// <summary>"total,region" -> the scope kinds, or null when a word is unknown or total is missing.</summary>
    public static ScopeKinds? ParseScopes(string text)
    {
        ScopeKinds kinds = 0;
        foreach (string word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (word)
            {
                case "total": kinds |= ScopeKinds.Total; break;
                case "region": kinds |= ScopeKinds.Region; break;
                case "site": kinds |= ScopeKinds.Site; break;
                default: return null;
            }
        }
        return kinds.HasFlag(ScopeKinds.Total) ? kinds : null;
    }

}
