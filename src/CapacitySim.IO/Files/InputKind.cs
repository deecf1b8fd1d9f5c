using CapacitySim.IO.Plans;
using CapacitySim.IO.Scenarios;
using CapacitySim.IO.Sweeps;

namespace CapacitySim.IO.Files;

/// <summary>The three kinds of input file capsim reads.</summary>
public enum InputKind { Scenario, Plan, Sweep }

/// <summary>
/// Tells a scenario, a plan and a sweep file apart by their top-level keys, so that
/// <c>capsim validate</c> can check each as the command that reads it would: a plan has
/// <c>targets</c> or <c>expansion</c>, a sweep <c>axes</c>; anything else (an unreadable file
/// included) is read as a scenario, whose loader then reports what is wrong.
/// </summary>
public static class InputKinds
{
    /// <summary>Keys only a plan file has.</summary>
    private static readonly string[] PlanOnly = [.. PlanLoader.TopKeys.Except(SweepLoader.TopKeys).Except(ScenarioLoader.TopKeys)];

    /// <summary>Keys only a sweep file has.</summary>
    private static readonly string[] SweepOnly = [.. SweepLoader.TopKeys.Except(PlanLoader.TopKeys).Except(ScenarioLoader.TopKeys)];

    /// <summary>The kind of the file at <paramref name="path"/>; <see cref="InputKind.Scenario"/> when it cannot be read.</summary>
    public static InputKind Of(string path)
    {
        try
        {
            return Of(File.ReadAllBytes(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return InputKind.Scenario;
        }
    }

    /// <summary>The kind of a file from its bytes.</summary>
    public static InputKind Of(byte[] bytes, string path)
    {
        ScenarioLoader.Tree tree;
        try
        {
            tree = ScenarioLoader.ReadTree(bytes, path);
        }
        catch (ScenarioException)
        {
            return InputKind.Scenario;
        }
        if (tree.Root is not MappingNode root) return InputKind.Scenario;
        var keys = root.Children.Select(c => (c.Key as ScalarNode)?.Value).OfType<string>().ToHashSet();
        if (keys.Overlaps(PlanOnly)) return InputKind.Plan;
        if (keys.Overlaps(SweepOnly)) return InputKind.Sweep;
        return InputKind.Scenario;
    }
}
