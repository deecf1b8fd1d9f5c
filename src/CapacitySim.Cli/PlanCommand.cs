using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CapacitySim.Cli.Common;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Planning;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Output;
using CapacitySim.IO.Plans;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Cli;

/// <summary>
/// <c>capsim plan PLAN.yaml</c>: the least IT capacity to add, where and in which years, so that the
/// plan's targets are met at its confidence; writes &lt;out&gt;/&lt;name&gt;-plan/ (the planned scenario,
/// plan.md, plan.csv, targets.csv, plan.png and the planned scenario's run outputs). Exit 3 when the
/// limits cannot meet every target (the closest plan is still written).
/// </summary>
public static class PlanCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var file = new Argument<string>("PLAN") { Description = "Plan file (YAML): the scenario, the confidence, the targets and where capacity may be added." };
        var outDir = CommonOptions.Out("Folder that receives <out>/<scenario name>-plan/.");
        var samples = CommonOptions.Samples("Monte Carlo samples, overriding the plan's and the scenario's.");
        var seed = CommonOptions.Seed("Random seed, overriding the plan's and the scenario's.");
        var threads = CommonOptions.Threads();
        var engine = CommonOptions.Engine("fast (default) or reference: the engine that runs every candidate, the planned scenario and the baseline.");
        var command = new Command("plan", "Find the least IT capacity to add, year by year, so that targets are met at a confidence; write the planned scenario, plan.md, plan.csv and plan.png to <out>/<name>-plan/.")
        {
            file, outDir, samples, seed, threads, engine,
        };
        command.SetAction(parse =>
        {
            var cli = CommonOptions.Settings(parse, stderr, samples, seed, threads);
            if (cli is null) return ExitCodes.InvalidInput;
            Startup.WarmUpInBackground();
            var runEngine = CommonOptions.EngineOf(parse, engine);
            string path = parse.GetValue(file)!;
            var catalog = BuiltInCatalog.Load();
            PlanFile plan;
            try
            {
                plan = PlanLoader.Load(path, catalog);
            }
            catch (ScenarioException e)
            {
                foreach (var d in e.Diagnostics) stderr.WriteLine(d);
                stderr.WriteLine("capsim: the input has errors; nothing was run.");
                return ExitCodes.InvalidInput;
            }
            var settings = new RunSettings(cli.Samples ?? plan.Samples, cli.Seed ?? plan.Seed, cli.MaxThreads);
            var searchSettings = settings with { Scopes = ScopeKinds.Total };
            string target = Path.Combine(parse.GetValue(outDir)!, plan.Scenario.Name + "-plan");
            return Interruption.Run(stderr, "nothing was written.", $"cannot write '{target}'", cancel =>
            {
                var clock = Stopwatch.StartNew();
                var planned = new PlannedScenario(plan, catalog);
                var runPlan = RunPlan.For(plan.Scenario, settings);
                stdout.WriteLine($"planning {plan.Scenario.Name}: {Words.Plural(plan.Targets.Count, "target")} at {plan.Confidence * 100:0.#}% confidence, {Words.Plural(plan.Expansions.Count, "expansion")}, {Words.Plural(runPlan.Samples, "sample")} a candidate");
                var search = new PlanSearch(plan.Problem, planned.Load, searchSettings, runEngine, cancel);
                var outcome = search.Run();
                string scenarioFile = planned.Name + ".yaml";
                string text = WithSchemaLine(planned.Text(outcome.Allocation), Path.Combine(target, scenarioFile));
                // The written file, loaded as capsim run loads it, is what the outputs report.
                var plannedScenario = ScenarioLoader.Parse(new UTF8Encoding(false).GetBytes(text), scenarioFile, catalog);
                var plannedPlan = RunPlan.For(plannedScenario, settings);
                var started = DateTime.UtcNow;
                var plannedResult = runEngine.Run(plannedScenario, plannedPlan, cancellation: cancel);
                // With every scope, so plan.csv can charge each year's capex to the site that spends it.
                var baselineResult = runEngine.Run(plan.Scenario, RunPlan.For(plan.Scenario, settings), cancellation: cancel);
                var runs = new PlanRuns(baselineResult, RunStatistics.Of(baselineResult, plan.Scenario.Percentiles), plannedResult, RunStatistics.Of(plannedResult, plannedScenario.Percentiles),
                    Assessment.Of(plannedResult, plan.Targets, plan.Confidence), plannedPlan.Seed);
                var summary = Summary(plan, outcome, runs);
                OutputFolder.WriteAtomically(target, dir => PlanOutputs.Write(dir, scenarioFile, text, plan, planned, outcome, runs,
                    written => RunMetadata.Create(written, plannedScenario.Name, plannedPlan, runEngine.Name, started, clock.Elapsed.TotalSeconds) with { File = Path.Combine(target, scenarioFile) },
                    summary, cancel));
                foreach (string line in summary.Split('\n')) stdout.WriteLine(line);
                foreach (string finding in outcome.Findings)
                    foreach (string line in TextWrap.Wrap(finding, TextWrap.Width(interactive), "  ", "    ")) stdout.WriteLine(line);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plan: wrote {target} in {clock.Elapsed.TotalSeconds:0.0} s ({outcome.EngineRuns} engine runs, {outcome.EngineTime.TotalSeconds:0.0} s in the engine)"));
                if (outcome.Feasible && runs.PlannedAssessment.AllMet) return ExitCodes.Done;
                stderr.WriteLine($"capsim: the plan cannot meet every target within its expansion limits; the closest plan is in {target}");
                return ExitCodes.Infeasible;
            });
        });
        return command;
    }

    /// <summary>The lines printed and put at the head of plan.md: each year's additions and each target's outcome.</summary>
    private static string Summary(PlanFile plan, PlanOutcome outcome, PlanRuns runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>();
        var alloc = outcome.Allocation;
        for (int y = 0; y < alloc.Years; y++)
        {
            var parts = Enumerable.Range(0, plan.Expansions.Count).Where(e => alloc[e, y] > 0)
                .Select(e => plan.Expansions[e].Limits.Describe(alloc[e, y] * plan.Expansions[e].Limits.StepItMw)).ToList();
            if (parts.Count > 0) lines.Add($"  {alloc.FirstYear + y}: add {string.Join(", ", parts)}");
        }
        if (lines.Count == 0) lines.Add("  nothing to add: the baseline meets every target");
        for (int k = 0; k < plan.Targets.Count; k++)
        {
            var status = runs.PlannedAssessment.Targets[k];
            string unit = plan.Targets[k].Metric.Info().Unit;
            lines.Add(string.Create(inv, $"  {(status.Met ? "met" : "NOT MET")}: {plan.Targets[k]} in {status.ShareMet * 100:0.#}% of samples (P10 {Units.Format(status.P10, unit)}, P50 {Units.Format(status.P50, unit)}, P90 {Units.Format(status.P90, unit)})"));
        }
        lines.Add(string.Create(inv, $"  {runs.PlannedAssessment.JointShareMet * 100:0.#}% of samples meet every target at once; {plan.Confidence * 100:0.#}% asked"));
        return string.Join('\n', lines);
    }

    /// <summary>The scenario's "# yaml-language-server: $schema=..." line pointed at the schema from where the file is written.</summary>
    private static string WithSchemaLine(string text, string writtenAt)
    {
        const string prefix = "# yaml-language-server: $schema=";
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || SchemaReference.For(writtenAt) is not { } schema) return text;
        int end = text.IndexOf('\n');
        string newline = end > 0 && text[end - 1] == '\r' ? "\r\n" : "\n";
        return prefix + schema + (end < 0 ? "" : newline + text[(end + 1)..]);
    }
}
