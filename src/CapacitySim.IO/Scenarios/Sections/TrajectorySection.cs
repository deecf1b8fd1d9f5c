using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// Reads a number that may change over time (MODEL.md section 10): one number or distribution, or
/// a list of {month, value} points, linear between them and flat outside.
/// </summary>
internal static class TrajectorySection
{
    /// <summary>Keys of a trajectory point.</summary>
    public static readonly string[] PointKeys = ["month", "value"];

    /// <summary>True when <paramref name="node"/> is written as a list of points.</summary>
    public static bool IsTrajectory(Node node) => node is SequenceNode;

    /// <summary>
    /// The points, sorted by month; two points on one month, or none, are errors. Each value is a
    /// parameter of its own (u) at <paramref name="path"/>[i].value.
    /// </summary>
    public static Trajectory? Read(NodeReader r, Node node, string path, string what, NumberRange range)
    {
        var items = r.Sequence(node, what);
        if (items is null) return null;
        if (items.Count == 0)
        {
            r.Error(node, $"{what} lists no points; give a number or at least one {{month, value}} point");
            return null;
        }
        var points = new List<(TrajectoryPoint Point, Node Node)>();
        bool ok = true;
        for (int i = 0; i < items.Count; i++)
        {
            var f = r.Mapping(items[i], $"a point of {what}", PointKeys);
            if (f is null) { ok = false; continue; }
            YearMonth? month = f.Required("month") is { } m ? r.Month(m, $"{what}: month") : null;
            var value = f.Required("value") is { } v ? r.Parameter(v, $"{path}[{i}].value", $"{what}: value", range) : null;
            if (month is null || value is null) { ok = false; continue; }
            r.Relabel($"{path}[{i}].value", $"{what} at {month}");
            if (points.FirstOrDefault(p => p.Point.Month == month.Value) is { Node: { } first })
            {
                r.Error(f.Optional("month")!, $"{what} has two points for {month} (the other at line {first.Start.Line}); give one value per month");
                ok = false;
            }
            points.Add((new TrajectoryPoint(month.Value, value), f.Optional("month")!));
        }
        return ok ? new Trajectory([.. points.Select(p => p.Point).OrderBy(p => p.Month.Ordinal)]) : null;
    }
}
