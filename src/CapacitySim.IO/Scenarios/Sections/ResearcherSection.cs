using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>Reads <c>researchers</c>: headcount points, linear between them, flat outside.</summary>
internal static class ResearcherSection
{
    /// <summary>
    /// Researcher points, sorted by month (the headcount is linear between points at their
    /// positions, whatever order they are written in); two points on one month are ambiguous.
    /// An empty list means no researchers, like leaving the key out.
    /// </summary>
    public static List<ResearcherPoint>? Read(NodeReader r, Node node)
    {
        var items = r.Sequence(node, "researchers");
        if (items is null || items.Count == 0) return null;
        var points = new List<(ResearcherPoint Point, Node Node)>();
        for (int i = 0; i < items.Count; i++)
        {
            var f = r.Mapping(items[i], "a researcher point", ScenarioLoader.ResearcherKeys);
            if (f is null) continue;
            YearMonth? month = f.Required("month") is { } m ? r.Month(m, "researchers: month") : null;
            var count = f.Required("count") is { } c ? r.Parameter(c, $"researchers[{i}].count", "researchers: count", NumberRange.NonNegative) : null;
            if (month is null || count is null) continue;
            r.Relabel($"researchers[{i}].count", $"researchers at {month}: count");
            if (points.FirstOrDefault(p => p.Point.Month == month.Value) is { Node: { } first })
                r.Error(f.Optional("month")!, $"researchers has two points for {month} (the other at line {first.Start.Line}); give one count per month");
            points.Add((new ResearcherPoint(month.Value, count), f.Optional("month")!));
        }
        return [.. points.Select(p => p.Point).OrderBy(p => p.Month.Ordinal)];
    }
}
