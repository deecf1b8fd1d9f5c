using System.CommandLine;
using System.Globalization;
using CapacitySim.Cli.Common;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Files;
using CapacitySim.IO.Plans;
using CapacitySim.IO.Scenarios;
using CapacitySim.IO.Sweeps;

namespace CapacitySim.Cli;

/// <summary>
/// <c>capsim validate FILE...</c>: checks scenario, plan and sweep files (told apart by their keys)
/// as run, plan and sweep would, and reports every problem with its position.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario, plan or sweep files (YAML); a plan has targets or expansion, a sweep axes.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario, plan and sweep files without running them; prints file:line:column: message for every problem.") { files };
        command.SetAction(parse =>
        {
            var catalog = BuiltInCatalog.Load();
            var lines = new List<string>();
            bool failed = false;
            foreach (string path in parse.GetValue(files)!)
            {
                try
                {
                    lines.Add(Check(path, catalog));
                }
                catch (ScenarioException e)
                {
                    failed = true;
                    foreach (var d in e.Diagnostics) stderr.WriteLine(d);
                }
            }
            if (failed)
            {
                stderr.WriteLine("capsim: the input has errors; nothing was run.");
                return ExitCodes.InvalidInput;
            }
            foreach (string line in lines) stdout.WriteLine(line);
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>Loads the file as the command that reads it would; its "ok" line, or a <see cref="ScenarioException"/>.</summary>
    private static string Check(string path, IReadOnlyList<CapacitySim.Core.Model.Accelerator> catalog)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (InputKinds.Of(path))
        {
            case InputKind.Plan:
                var plan = PlanLoader.Load(path, catalog);
                return string.Create(inv, $"{path}: ok (plan for {plan.Scenario.Name}: {Words.Plural(plan.Targets.Count, "target")} at {plan.Confidence * 100:0.#}% confidence, {Words.Plural(plan.Expansions.Count, "expansion")})");
            case InputKind.Sweep:
                var sweep = SweepBinding.Load(path, catalog);
                return $"{path}: ok (sweep {sweep.Name} of {sweep.Base.Name}: {Words.Plural(sweep.Sweep.Axes.Count, "axis", "axes")}, {Words.Plural(sweep.Design.Points, "point")}, {sweep.Design.Points * sweep.Samples:N0} scenario samples)";
            default:
                var s = ScenarioLoader.Load(path, catalog);
                return $"{path}: ok ({s.Name}: {Words.Plural(s.Sites.Count, "site")}, {Words.Plural(s.Sites.Sum(x => x.Phases.Count), "phase")}, {s.Start} to {s.End}, {Words.Plural(s.Samples, "sample")})";
        }
    }
}
