using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Cli.Common;

/// <summary>Loading and validating the scenario files a command names, all of them before anything runs.</summary>
internal static class ScenarioFiles
{
    /// <summary>
    /// Loads every file with the built-in catalog; when any has problems, prints every problem of
    /// every file (file:line:column: message) and returns null, and the command exits
    /// <see cref="ExitCodes.InvalidInput"/>.
    /// </summary>
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
