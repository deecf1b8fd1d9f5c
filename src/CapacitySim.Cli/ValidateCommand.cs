using System.CommandLine;
using CapacitySim.Cli.Common;

namespace CapacitySim.Cli;

/// <summary><c>capsim validate FILE...</c>: checks scenario files and reports every problem with its position.</summary>
public static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files (YAML).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files without running them; prints file:line:column: message for every problem.") { files };
        command.SetAction(parse =>
        {
            var scenarios = ScenarioFiles.LoadAll(parse.GetValue(files)!, stderr);
            if (scenarios is null) return ExitCodes.InvalidInput;
            foreach (var (path, s) in scenarios)
                stdout.WriteLine($"{path}: ok ({s.Name}: {Words.Plural(s.Sites.Count, "site")}, {Words.Plural(s.Sites.Sum(x => x.Phases.Count), "phase")}, {s.Start} to {s.End}, {Words.Plural(s.Samples, "sample")})");
            return ExitCodes.Done;
        });
        return command;
    }
}
