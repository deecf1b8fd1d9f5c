using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Cli.Common;

/// <summary>Checks of command-line values that several commands share; problems are printed as "capsim: ...".</summary>
internal static class Arguments
{
    /// <summary>The metric of that output name, or null after printing the known names (and the closest one).</summary>
    public static Metric? Metric(string name, TextWriter stderr)
    {
        if (Metrics.FromName(name) is { } metric) return metric;
        string? closest = Suggestions.Closest(name, Metrics.All.Select(i => i.Name));
        stderr.WriteLine($"capsim: unknown metric '{name}'" + (closest is null ? "" : $" (did you mean '{closest}'?)") + $"; metrics: {string.Join(", ", Metrics.All.Select(i => i.Name))}");
        return null;
    }

    /// <summary>False after naming the files when two scenarios share a name; <paramref name="consequence"/> says why that matters.</summary>
    public static bool DistinctNames(IEnumerable<(string Path, Scenario Scenario)> scenarios, TextWriter stderr, string consequence)
    {
        var clash = scenarios.GroupBy(s => s.Scenario.Name).FirstOrDefault(g => g.Count() > 1);
        if (clash is null) return true;
        stderr.WriteLine($"capsim: {string.Join(" and ", clash.Select(c => c.Path))} are both named '{clash.Key}'{consequence}");
        return false;
    }

    /// <summary>The scopes a scenario can report besides total: its sites and "region:NAME" for each region.</summary>
    public static IEnumerable<string> Scopes(Scenario scenario) =>
        scenario.Sites.Select(s => s.Name).Concat(scenario.Sites.Select(s => s.Region).OfType<string>().Distinct().Select(Core.Engine.Scopes.RegionName));

    /// <summary>True for "total" and for the scenario's sites and regions.</summary>
    public static bool HasScope(Scenario scenario, string scope) => scope == "total" || Scopes(scenario).Contains(scope);
}
