using System.CommandLine;
using CapacitySim.Cli.Common;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;

namespace CapacitySim.Cli;

/// <summary><c>capsim run FILE...</c>: validates every file, runs each, writes its output folder and prints key figures.</summary>
public static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files (YAML).", Arity = ArgumentArity.OneOrMore };
        var outDir = CommonOptions.Out("Folder that receives <out>/<scenario name>/.");
        var samples = CommonOptions.Samples("Monte Carlo samples, overriding the file's 'samples' (1 = the deterministic nominal run).");
        var seed = CommonOptions.Seed("Random seed, overriding the file's 'seed'.");
        var threads = CommonOptions.Threads();
        var engine = CommonOptions.Engine("fast (SIMD, the default) or reference (plain, the definition the fast engine is tested against).");
        var scopes = CommonOptions.Scopes();
        var set = CommonOptions.Set("Replace a number of every file for a quick what-if: PATH=VALUE with PATH as a sweep axis writes it (sites[Hyperion].phases[*].delay_months=12, defaults.mfu=0.35) and VALUE a number or an inline distribution; repeat for more. The run is named <name>-what-if.");
        var dispatchMonth = new Option<string?>("--dispatch-month") { Description = "The month (YYYY-MM) whose campus dispatch.png shows on each season's typical day, for scenarios with typed sources; default the run's last month." };
        var timings = new Option<bool>("--timings") { Description = "Print to standard error how long each stage took (engine, statistics, CSV and charts, report) and the time since the process started." };
        var command = new Command("run", "Run scenario files and write monthly.csv, annual.csv, PNG charts, report.md, report.html and run.json to <out>/<name>/.")
        {
            files, outDir, samples, seed, threads, engine, scopes, set, dispatchMonth, timings,
        };
        command.SetAction(parse =>
        {
            var settings = CommonOptions.Settings(parse, stderr, samples, seed, threads, scopes);
            if (settings is null) return ExitCodes.InvalidInput;
            Startup.WarmUpInBackground();
            var scenarios = ScenarioFiles.LoadAll(parse.GetValue(files)!, stderr, parse.GetValue(set));
            if (scenarios is null) return ExitCodes.InvalidInput;
            if (!Arguments.DistinctNames(scenarios, stderr, " and would write the same output folder")) return ExitCodes.InvalidInput;
            YearMonth? picked = null;
            if (parse.GetValue(dispatchMonth) is { } monthText)
            {
                if (!YearMonth.TryParse(monthText, out var month))
                {
                    stderr.WriteLine($"capsim: --dispatch-month takes a month as YYYY-MM, got '{monthText}'");
                    return ExitCodes.InvalidInput;
                }
                foreach (var (path, scenario) in scenarios)
                    if (month.Ordinal < scenario.Start.Ordinal || month.Ordinal > scenario.End.Ordinal)
                    {
                        stderr.WriteLine($"capsim: --dispatch-month {month} is outside {path}'s run ({scenario.Start} to {scenario.End})");
                        return ExitCodes.InvalidInput;
                    }
                picked = month;
            }
            var runEngine = CommonOptions.EngineOf(parse, engine);
            string outRoot = parse.GetValue(outDir)!;
            var ui = new ConsoleUi(stdout, interactive);
            return Interruption.Run(stderr, "the output of this scenario was left as it was.", $"cannot write the output under '{outRoot}'", cancel =>
            {
                foreach (var (path, scenario) in scenarios)
                    ScenarioRunner.RunToFolder(path, scenario, RunPlan.For(scenario, settings), runEngine, outRoot, ui, cancel,
                        timings: parse.GetValue(timings) ? new StageTimings(stderr, scenario.Name) : null, dispatchMonth: picked);
                return ExitCodes.Done;
            });
        });
        return command;
    }
}
