using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CapacitySim.Cli.Common;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Output;
using CapacitySim.IO.Scenarios;
using CapacitySim.IO.Sweeps;

namespace CapacitySim.Cli;

/// <summary>
/// <c>capsim sweep SWEEP.yaml</c>: runs a scenario at every point of a grid or Latin hypercube of
/// assumptions and writes &lt;out&gt;/&lt;name&gt;-sweep/; as one shard of a job array it writes
/// &lt;out&gt;/&lt;name&gt;-sweep-shards/shard-I-of-N/ for <c>capsim merge</c>.
/// </summary>
public static class SweepCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var file = new Argument<string>("SWEEP") { Description = "Sweep file (YAML): the scenario, the axes, the metrics and months." };
        var outDir = CommonOptions.Out("Folder that receives <name>-sweep/ (or <name>-sweep-shards/ for a shard).");
        var shard = new Option<string?>("--shard") { Description = "Run shard I of N (points I, I+N, I+2N, ...), e.g. 3/8; default: SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX of --shards, else the whole sweep." };
        var shards = new Option<int?>("--shards") { Description = "Shards of a Kubernetes Indexed Job (its completions), with JOB_COMPLETION_INDEX." };
        var keepRuns = new Option<bool>("--keep-runs") { Description = "Also write each point's full run folder (CSV, charts, report) under runs/point-NNNN/." };
        var engine = CommonOptions.Engine("fast (default) or reference.");
        var command = new Command("sweep", "Run a scenario over a grid (or Latin hypercube) of assumptions; writes sweep.csv, sweep.parquet, sweep.md and heatmaps.")
        {
            file, outDir, shard, shards, keepRuns, engine,
        };
        command.SetAction(parse =>
        {
            if (!ShardSelection.TryResolve(parse.GetValue(shard), parse.GetValue(shards), Environment.GetEnvironmentVariable, out var selected, out string problem))
            {
                stderr.WriteLine($"capsim: {problem}");
                return ExitCodes.InvalidInput;
            }
            SweepBinding binding;
            Dictionary<int, Core.Model.Scenario> scenarios;
            var clock = Stopwatch.StartNew();
            try
            {
                binding = SweepBinding.Load(parse.GetValue(file)!, BuiltInCatalog.Load());
                var points = selected is { } s ? binding.Design.PointsOfShard(s.Index, s.Count) : Enumerable.Range(0, binding.Design.Points);
                scenarios = binding.ScenariosOf(points);
            }
            catch (ScenarioException e)
            {
                foreach (var d in e.Diagnostics) stderr.WriteLine(d);
                stderr.WriteLine("capsim: the input has errors; nothing was run.");
                return ExitCodes.InvalidInput;
            }
            var metadata = SweepMetadata.Of(binding);
            string outRoot = parse.GetValue(outDir)!;
            string target = selected is { } sh
                ? Path.Combine(outRoot, SweepOutputs.ShardsFolderName(binding.Name), ShardFolder.Name(sh.Index, sh.Count))
                : Path.Combine(outRoot, SweepOutputs.FolderName(binding.Name));
            var runEngine = CommonOptions.EngineOf(parse, engine);
            var ui = new ConsoleUi(stdout, interactive);
            string what = selected is { } w ? $"shard {w.Index} of {w.Count}: " : "";
            return Interruption.Run(stderr, "the output folder was left as it was.", $"cannot write '{target}'", cancel =>
            {
                OutputFolder.WriteAtomically(target, dir =>
                {
                    var results = ui.WithProgress($"{binding.Name} sweep: {what}{Words.Plural(scenarios.Count, "point")} x {Words.Plural(binding.Samples, "sample")}", scenarios.Count,
                        progress => SweepRunner.Run(binding, scenarios, runEngine, parse.GetValue(keepRuns) ? dir : null, progress, cancel));
                    if (selected is { } s) ShardFolder.Write(dir, binding.Sweep, metadata, s.Index, s.Count, results);
                    else SweepOutputs.Write(dir, binding.Sweep, metadata, results, cancel);
                });
                double seconds = clock.Elapsed.TotalSeconds;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{binding.Name} sweep: {what}{Words.Plural(scenarios.Count, "point")} in {seconds:0.00} s ({scenarios.Count / Math.Max(seconds, 1e-9):0.0} points/s); wrote {target}"));
                return ExitCodes.Done;
            });
        });
        return command;
    }
}
