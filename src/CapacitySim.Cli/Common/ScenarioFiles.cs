using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;
using CapacitySim.IO.Sweeps;

namespace CapacitySim.Cli.Common;

/// <summary>Loading and validating the scenario files a command names, all of them before anything runs.</summary>
internal static class ScenarioFiles
{
    /// <summary>
    /// Loads every file with the built-in catalog; when any has problems, prints every problem of
    /// every file (file:line:column: message) and returns null, and the command exits
    /// <see cref="ExitCodes.InvalidInput"/>. With <paramref name="sets"/> (<c>--set PATH=VALUE</c>),
    /// each file gives its what-if instead, or as well with <paramref name="keepOriginals"/>.
    /// </summary>
    public static List<(string Path, Scenario Scenario)>? LoadAll(IEnumerable<string> paths, TextWriter stderr, IReadOnlyList<string>? sets = null, bool keepOriginals = false)
    {
        var catalog = BuiltInCatalog.Load();
        var loaded = new List<(string, Scenario)>();
        bool failed = false;
        foreach (string path in paths)
        {
            try
            {
                if (sets is not { Count: > 0 } || keepOriginals) loaded.Add((path, ScenarioLoader.Load(path, catalog)));
                if (sets is { Count: > 0 }) loaded.Add((path, ScenarioOverrides.Load(path, sets, catalog)));
            }
            catch (ScenarioException e)
            {
                failed = true;
                foreach (var d in e.Diagnostics.Distinct()) stderr.WriteLine(Describe(d));
            }
        }
        if (failed)
        {
            stderr.WriteLine("capsim: the input has errors; nothing was run.");
            return null;
        }
        return loaded;
    }

    /// <summary>A problem as printed: file:line:column: message, or "--set PATH=VALUE: message" for an assignment on the command line.</summary>
    private static string Describe(Diagnostic d) =>
        d.File.StartsWith("--set ", StringComparison.Ordinal) ? $"capsim: {d.File}: {d.Message}" : d.ToString();
}
