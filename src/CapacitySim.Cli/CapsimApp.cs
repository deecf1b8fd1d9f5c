using System.CommandLine;
using System.CommandLine.Parsing;

namespace CapacitySim.Cli;

/// <summary>The command line: <c>capsim run | compare | sensitivity | plan | sweep | merge | validate | catalog | generate</c>; the composition root of the tool.</summary>
public static class CapsimApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command; output goes to the given writers.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var root = new RootCommand("CapacitySim: month-by-month power, compute, energy, cost and emissions of staged data-center buildouts, with Monte Carlo uncertainty.");
        root.Add(RunCommand.Create(stdout, stderr, interactive));
        root.Add(CompareCommand.Create(stdout, stderr, interactive));
        root.Add(SensitivityCommand.Create(stdout, stderr));
        root.Add(PlanCommand.Create(stdout, stderr, interactive));
        root.Add(ValidateCommand.Create(stdout, stderr));
        root.Add(CatalogCommand.Create(stdout, stderr, interactive));
        root.Add(MetricsCommand.Create(stdout, interactive));
        root.Add(GenerateCommand.Create(stdout, stderr));
        root.Add(SweepCommand.Create(stdout, stderr, interactive));
        root.Add(MergeCommand.Create(stdout, stderr));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"capsim: {error.Message}");
            stderr.WriteLine($"Run '{CommandPath(parse)} --help' for usage.");
            return ExitCodes.InvalidInput;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(config);
        }
        catch (Exception e)
        {
            stderr.WriteLine($"capsim: error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>"capsim generate fleet": the command the arguments reached, whose help describes what was wrong.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
            names.Add(result.Command.Name);
        names.Add("capsim");
        names.Reverse();
        return string.Join(' ', names);
    }
}
