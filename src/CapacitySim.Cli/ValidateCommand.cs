using System.CommandLine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

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
            var scenarios = LoadAll(parse.GetValue(files)!, stderr);
            if (scenarios is null) return ExitCodes.InvalidInput;
            foreach (var (path, s) in scenarios)
                stdout.WriteLine($"{path}: ok ({s.Name}: {Plural(s.Sites.Count, "site")}, {Plural(s.Sites.Sum(x => x.Phases.Count), "phase")}, {s.Start} to {s.End}, {Plural(s.Samples, "sample")})");
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>"1 site", "3 sites".</summary>
    public static string Plural(int n, string noun) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>Loads every file; prints all problems of all files and returns null when any has one.</summary>
    public static List<(string Path, Scenario Scenario)>? LoadAll(IEnumerable<string> paths, TextWriter stderr)
    {
        var catalog = BuiltInCatalog.Load();
        var loaded = new List<(string, Scenario)>();
        bool failed = false;
        foreach (string path in paths)
        {
            try
            {
                loaded.Add((path, ScenarioLoader.Load(path, catalog)));
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
            return null;
        }
        return loaded;
    }
}
