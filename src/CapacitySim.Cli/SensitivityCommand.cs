using System.CommandLine;
using System.Globalization;
using CapacitySim.Cli.Common;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Sensitivity;
using CapacitySim.IO.Output;
using CapacitySim.IO.Reports;
using CapacitySim.IO.Sensitivity;

namespace CapacitySim.Cli;

/// <summary>
/// <c>capsim sensitivity FILE --metric M --month YYYY-MM</c>: which uncertain parameter moves the
/// metric most; writes &lt;out&gt;/&lt;name&gt;-sensitivity-&lt;metric&gt;-&lt;month&gt;/ with
/// sensitivity.csv and tornado.png and prints the ranking.
/// </summary>
public static class SensitivityCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML)." };
        var metric = new Option<string>("--metric", "-m") { Description = "Metric to explain, e.g. effective_flops.", Required = true };
        var month = new Option<string>("--month") { Description = "Month of the metric, YYYY-MM, inside the run.", Required = true };
        var scope = new Option<string>("--scope") { Description = "total (default), region:NAME or a site name.", DefaultValueFactory = _ => "total" };
        var samples = CommonOptions.Samples($"Monte Carlo samples for the rank correlations (default: the file's, or {SensitivityAnalysis.DefaultSamples} when it asks for one).");
        var seed = CommonOptions.Seed("Random seed, overriding the file's.");
        var outDir = CommonOptions.Out("Folder that receives the analysis folder.");
        var engine = CommonOptions.Engine("fast (default) or reference.");
        var command = new Command("sensitivity", "Tornado chart and CSV: the metric with each uncertain parameter alone at its P10 and P90, and rank correlations over the samples.")
        {
            file, metric, month, scope, samples, seed, outDir, engine,
        };
        command.SetAction(parse =>
        {
            string metricName = parse.GetValue(metric)!;
            if (Arguments.Metric(metricName, stderr) is not { } m) return ExitCodes.InvalidInput;
            if (!YearMonth.TryParse(parse.GetValue(month)!, out var at))
            {
                stderr.WriteLine($"capsim: --month must be YYYY-MM, got '{parse.GetValue(month)}'");
                return ExitCodes.InvalidInput;
            }
            var settings = CommonOptions.Settings(parse, stderr, samples, seed, minSamples: 2, why: " (rank correlations need samples)");
            if (settings is null) return ExitCodes.InvalidInput;
            var loaded = ScenarioFiles.LoadAll([parse.GetValue(file)!], stderr);
            if (loaded is null) return ExitCodes.InvalidInput;
            var (path, scenario) = loaded[0];
            if (!scenario.Parameters.Any(p => p.Value.IsRandom))
            {
                // Nothing to move one at a time or to correlate: a run would only draw an empty tornado.
                stderr.WriteLine($"{path}:1:1: every number in the file is fixed, so nothing can explain the metric; " +
                    "sensitivity needs at least one written as a distribution, e.g. pue: {dist: triangular, min: 1.1, mode: 1.2, max: 1.4}");
                return ExitCodes.InvalidInput;
            }
            if (at.Ordinal < scenario.Start.Ordinal || at.Ordinal > scenario.End.Ordinal)
            {
                stderr.WriteLine($"capsim: --month {at} is outside the run of {path} ({scenario.Start} to {scenario.End})");
                return ExitCodes.InvalidInput;
            }
            string scopeName = parse.GetValue(scope)!;
            if (!Arguments.HasScope(scenario, scopeName))
            {
                stderr.WriteLine($"capsim: {path} has no scope '{scopeName}'; scopes: total, {string.Join(", ", Arguments.Scopes(scenario))}");
                return ExitCodes.InvalidInput;
            }
            if (m.Info().TotalOnly && scopeName != "total" || m.NeedsResearchers() && scenario.Researchers is null)
            {
                stderr.WriteLine($"capsim: {metricName} is not computed at scope '{scopeName}' of {path}" + (m.NeedsResearchers() && scenario.Researchers is null ? " (the file lists no researchers)" : " (total only)"));
                return ExitCodes.InvalidInput;
            }
            var plan = SensitivityAnalysis.Plan(scenario, settings);
            var runEngine = CommonOptions.EngineOf(parse, engine);
            string target = Path.Combine(parse.GetValue(outDir)!, FolderNames.Sensitivity(scenario.Name, metricName, at, scopeName));
            return Interruption.Run(stderr, "nothing was written.", $"cannot write '{target}'", cancel =>
            {
                var result = SensitivityAnalysis.Run(scenario, m, scopeName, at, plan, runEngine, cancellation: cancel);
                OutputFolder.WriteAtomically(target, dir => SensitivityOutputs.Write(dir, scenario.Name, result));
                var info = m.Info();
                stdout.WriteLine($"{scenario.Name}: {metricName} at {scopeName} in {at}, nominal {Units.Format(result.Nominal, info.Unit)}; swing P10 to P90 of each parameter alone, rank correlation over {plan.Samples:N0} samples:");
                var moving = result.Moving;
                foreach (var row in moving.Take(15))
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {Units.Format(row.MetricAtLow, info.Unit),14} .. {Units.Format(row.MetricAtHigh, info.Unit),-14} rho {(double.IsNaN(row.RankCorrelation) ? "n/a" : row.RankCorrelation.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)),5}  {row.Parameter.Label}"));
                if (moving.Count > 15) stdout.WriteLine($"  ... {moving.Count - 15} more in sensitivity.csv");
                if (result.Rows.Count > moving.Count) stdout.WriteLine($"  {result.Rows.Count - moving.Count} more did not move it (in sensitivity.csv with no swing)");
                stdout.WriteLine($"sensitivity: wrote {target}");
                return ExitCodes.Done;
            });
        });
        return command;
    }
}
