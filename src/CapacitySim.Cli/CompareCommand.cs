using System.CommandLine;
using CapacitySim.Cli.Common;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Compare;
using CapacitySim.IO.Output;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Cli;

/// <summary>
/// <c>capsim compare A.yaml B.yaml ...</c>: runs each scenario (or reuses its output folder when
/// that is fresh: same file, seed, samples, tool and catalog) and writes one chart per metric,
/// compare.csv and compare.md to &lt;out&gt;/&lt;name&gt;/.
/// </summary>
public static class CompareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files (YAML); the first is the baseline of the ratios.", Arity = ArgumentArity.OneOrMore };
        var metric = new Option<string[]>("--metric", "-m") { Description = $"Metric to compare (repeat for more); default: {string.Join(", ", Comparison.DefaultMetrics)}.", AllowMultipleArgumentsPerToken = true };
        var scope = new Option<string>("--scope") { Description = "Scope compared: total (default), region:NAME or a site name.", DefaultValueFactory = _ => "total" };
        var outDir = CommonOptions.Out("Folder that receives the runs' folders and the comparison's.");
        var name = new Option<string>("--name") { Description = "Name of the comparison's folder under --out (default: compare-A-vs-B..., from the scenarios' names, and the scope when not total)." };
        var samples = CommonOptions.Samples("Monte Carlo samples for every scenario, overriding the files.");
        var seed = CommonOptions.Seed("Random seed for every scenario, overriding the files.");
        var set = CommonOptions.Set("A quick what-if: compare every file with itself with this number replaced (PATH=VALUE as a sweep axis writes it, e.g. sites[Hyperion].phases[*].delay_months=12; repeat for more); the what-if is named <name>-what-if and always run.");
        var rerun = new Option<bool>("--rerun") { Description = "Run every scenario even when its output folder is fresh." };
        var command = new Command("compare", "Compare scenarios: one chart per metric with every scenario's P50 and band, compare.csv and compare.md.")
        {
            files, metric, scope, outDir, name, samples, seed, set, rerun,
        };
        command.SetAction(parse =>
        {
            var metrics = parse.GetValue(metric) is { Length: > 0 } asked ? asked : [.. Comparison.DefaultMetrics];
            foreach (string m in metrics)
                if (Arguments.Metric(m, stderr) is null) return ExitCodes.InvalidInput;
            string? named = parse.GetValue(name);
            if (named is not null && !ScenarioLoader.IsValidName(named))
            {
                stderr.WriteLine($"capsim: --name '{named}' must use only lower-case letters, digits and '-'");
                return ExitCodes.InvalidInput;
            }
            var settings = CommonOptions.Settings(parse, stderr, samples, seed);
            if (settings is null) return ExitCodes.InvalidInput;
            var scenarios = ScenarioFiles.LoadAll(parse.GetValue(files)!, stderr, parse.GetValue(set), keepOriginals: true);
            if (scenarios is null) return ExitCodes.InvalidInput;
            if (!Arguments.DistinctNames(scenarios, stderr, "; a comparison needs distinct names")) return ExitCodes.InvalidInput;
            string scopeName = parse.GetValue(scope)!;
            string folderName = named ?? FolderNames.Comparison([.. scenarios.Select(s => s.Scenario.Name)], scopeName);
            if (scenarios.Any(s => s.Scenario.Name == folderName))
            {
                stderr.WriteLine($"capsim: the comparison's folder '{folderName}' is also a scenario's name; choose another with --name");
                return ExitCodes.InvalidInput;
            }
            if (!scenarios.Any(s => Arguments.HasScope(s.Scenario, scopeName)))
            {
                var known = scenarios.SelectMany(s => Arguments.Scopes(s.Scenario)).Distinct().ToList();
                stderr.WriteLine($"capsim: no scenario has the scope '{scopeName}'; scopes: total, {string.Join(", ", known)}");
                return ExitCodes.InvalidInput;
            }

            string outRoot = parse.GetValue(outDir)!;
            var ui = new ConsoleUi(stdout, interactive);
            return Interruption.Run(stderr, "outputs already written are complete, the one in progress was left as it was.", $"cannot write or read the outputs under '{outRoot}'", cancel =>
            {
                var runs = new List<ComparedRun>();
                foreach (var (path, scenario) in scenarios)
                {
                    var plan = RunPlan.For(scenario, settings with { Scopes = Scopes.Default(scenario.Sites.Count) | KindOf(scenario, scopeName) });
                    string folder = Path.Combine(outRoot, scenario.Name);
                    // A what-if's folder cannot be told from one of other --set values: it is always run.
                    bool whatIf = parse.GetValue(set) is { Length: > 0 } && scenario.Name.EndsWith("-what-if", StringComparison.Ordinal);
                    var tables = parse.GetValue(rerun) || whatIf ? null : Reusable(folder, path, plan, scenario, scopeName);
                    if (tables is not null)
                        stdout.WriteLine($"{scenario.Name}: reusing {folder} (same file, seed, samples and version)");
                    else
                    {
                        ScenarioRunner.RunToFolder(path, scenario, plan, Engines.Fast, outRoot, ui, cancel, keyFigures: false);
                        tables = Read(folder);
                    }
                    var (monthly, annual, reused) = tables.Value;
                    runs.Add(new ComparedRun(scenario.Name, path, folder, reused, plan.Samples, monthly, annual, scenario.PlansEnd.ToString())
                    {
                        PartEnds = [.. scenario.Sites.Select(s => (Site: s, End: scenario.PlansEndOf(s))).Where(p => p.Site.Phases.Count > 0 && p.End.Ordinal < scenario.PlansEnd.Ordinal)
                            .OrderBy(p => p.End.Ordinal).Select(p => (p.Site.Name, p.End.ToString()))],
                        Scope = scenario.Scope,
                    });
                }
                var comparison = new Comparison(runs, metrics, scopeName);
                if (comparison.SharedMonths.Count == 0)
                {
                    stderr.WriteLine($"capsim: the scenarios share no months ({string.Join("; ", scenarios.Select(x => $"{x.Scenario.Name} {x.Scenario.Start} to {x.Scenario.End}"))}); nothing to compare");
                    return ExitCodes.InvalidInput;
                }
                string target = Path.Combine(outRoot, folderName);
                string title = "Comparison: " + string.Join(" vs ", runs.Select(r => r.Name));
                OutputFolder.WriteAtomically(target, dir => comparison.Write(dir, title));
                foreach (string note in comparison.Notes)
                    foreach (string line in TextWrap.Wrap(note, TextWrap.Width(interactive), "note: ", "      "))
                        stdout.WriteLine(line);
                stdout.WriteLine($"compare: wrote {target} ({Words.Plural(comparison.Metrics.Count, "chart")}, compare.csv, compare.md)");
                return ExitCodes.Done;
            });
        });
        return command;
    }

    /// <summary>The scope kind a comparison at <paramref name="scope"/> needs kept.</summary>
    private static ScopeKinds KindOf(Scenario scenario, string scope) =>
        scope == "total" ? ScopeKinds.Total : scope.StartsWith("region:", StringComparison.Ordinal) && !scenario.Sites.Any(s => s.Name == scope) ? ScopeKinds.Region : ScopeKinds.Site;

    private static (SummaryTable Monthly, SummaryTable Annual, bool Reused) Read(string folder, bool reused = false) =>
        (SummaryTable.Read(Path.Combine(folder, "monthly.csv")), SummaryTable.Read(Path.Combine(folder, "annual.csv")), reused);

    /// <summary>
    /// The summaries of <paramref name="folder"/> when it holds a complete run of this very file
    /// with the same seed and samples by this version of the tool and catalog, and has the scope
    /// asked for (or the scenario lacks it anyway); else null, and the scenario is run again.
    /// </summary>
    private static (SummaryTable Monthly, SummaryTable Annual, bool Reused)? Reusable(string folder, string path, RunPlan plan, Scenario scenario, string scope)
    {
        var metadata = RunMetadata.TryRead(Path.Combine(folder, "run.json"));
        if (metadata is null || metadata.Samples != plan.Samples || metadata.Seed != plan.Seed
            || metadata.ToolVersion != RunMetadata.CurrentToolVersion || metadata.CatalogSha256 != IO.Catalog.BuiltInCatalog.Sha256
            || metadata.FileSha256 != RunMetadata.Sha256Of(path)
            || !File.Exists(Path.Combine(folder, "monthly.csv")) || !File.Exists(Path.Combine(folder, "annual.csv")))
            return null;
        var tables = Read(folder, reused: true);
        return tables.Monthly.Scopes.Contains(scope) || !Arguments.HasScope(scenario, scope) ? tables : null;
    }
}
