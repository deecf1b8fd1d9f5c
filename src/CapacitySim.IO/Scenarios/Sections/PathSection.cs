using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// Reads a phase's or source's <c>path</c> (docs/model.md "Time to power"): start, optional
/// announced, stages in series, each months, weeks, a lead-time entry or parallel branches.
/// </summary>
internal static class PathSection
{
    /// <summary>The path, or null when it could not be read (everything wrong is reported).</summary>
    public static PowerPath? Read(NodeReader r, Node node, string path, string what, LeadTimeCatalog leadTimes)
    {
        var f = r.Mapping(node, $"{what}: path", ScenarioLoader.PathKeys);
        if (f is null) return null;
        YearMonth? start = f.Required("start") is { } s ? r.Month(s, $"{what}: path start") : null;
        if (start is { } month) r.PathStarts.Add((f.Optional("start")!, month, what));
        YearMonth? announced = f.Optional("announced") is { } a ? r.Month(a, $"{what}: path announced") : null;
        if (start is { } st && announced is { } an && an.Ordinal < st.Ordinal)
            r.Error(f.Optional("announced")!, $"{what}: path announced ({an}) is before its start ({st})");
        var stages = f.Required("stages") is { } list ? Stages(r, list, $"{path}.stages", $"{what}: path", leadTimes) : null;
        if (stages is not null && stages.Count == 0) r.Error(f.Optional("stages")!, $"{what}: path stages must list at least one stage");
        if (start is null || stages is null || f.Has("announced") && announced is null) return null;
        return new PowerPath(start.Value, announced, stages);
    }

    private static List<PathStage>? Stages(NodeReader r, Node node, string path, string what, LeadTimeCatalog leadTimes)
    {
        var items = r.Sequence(node, $"{what} stages");
        if (items is null) return null;
        var stages = new List<PathStage>();
        bool ok = true;
        for (int i = 0; i < items.Count; i++)
        {
            var stage = Stage(r, items[i], $"{path}[{i}]", $"{what} stage {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"}", leadTimes);
            if (stage is null) ok = false;
            else stages.Add(stage);
        }
        return ok ? stages : null;
    }

    private static readonly string[] Kinds = ["months", "weeks", "lead", "parallel"];

    private static PathStage? Stage(NodeReader r, Node node, string path, string what, LeadTimeCatalog leadTimes)
    {
        var f = r.Mapping(node, what, ScenarioLoader.StageKeys);
        if (f is null) return null;
        var given = Kinds.Where(f.Has).ToList();
        if (given.Count != 1)
        {
            r.Error(given.Count == 0 ? f.Node : f.KeyNode(given[1])!, given.Count == 0
                ? $"{what} needs exactly one of months, weeks, lead or parallel"
                : $"{what} gives both {given[0]} and {given[1]}; a stage lasts months, weeks, a lead entry or parallel branches, exactly one of them");
            return null;
        }
        string? name = f.Optional("name") is { } n ? r.Text(n, $"{what}: name") : null;
        switch (given[0])
        {
            case "months" or "weeks":
            {
                bool weeks = given[0] == "weeks";
                if (!f.Has("name")) r.Error(f.Node, $"{what} needs a name (a stage of {given[0]} is named; a lead stage takes its entry's name)");
                var duration = r.Parameter(f.Optional(given[0])!, $"{path}.{given[0]}", $"{what}: {given[0]}", NumberRange.NonNegative);
                return name is null || duration is null ? null : new DurationStage(name, duration, weeks, null);
            }
            case "lead":
            {
                var leadNode = f.Optional("lead")!;
                if (r.Text(leadNode, $"{what}: lead") is not { } lead) return null;
                if (leadTimes.Find(lead) is not { } entry)
                {
                    if (!leadTimes.IsBroken(lead)) r.Error(leadNode, $"{what}: {leadTimes.Unknown(lead)}");
                    return null;
                }
                // Each stage draws on its own, also where two name one entry: its key is its own place.
                string key = $"{path}.lead";
                var duration = entry.Duration with { Key = CounterRandom.KeyOf(key) };
                r.Record(leadNode, key, $"{what}: lead {lead} ({(entry.InWeeks ? "weeks" : "months")})", duration);
                return new DurationStage(name ?? lead, duration, entry.InWeeks, lead);
            }
            default:
            {
                var branchesNode = f.Optional("parallel")!;
                var items = r.Sequence(branchesNode, $"{what}: parallel");
                if (items is null) return null;
                if (items.Count < 2)
                {
                    r.Error(branchesNode, $"{what}: parallel needs two or more branches (each a list of stages), got {items.Count}; a single branch is stages in series");
                    return null;
                }
                var branches = new List<IReadOnlyList<PathStage>>();
                bool ok = true;
                for (int b = 0; b < items.Count; b++)
                {
                    var branch = Stages(r, items[b], $"{path}.parallel[{b}]", $"{what} branch {b + 1}", leadTimes);
                    if (branch is null) ok = false;
                    else if (branch.Count == 0)
                    {
                        r.Error(items[b], $"{what} branch {b + 1} is empty; list its stages");
                        ok = false;
                    }
                    else branches.Add(branch);
                }
                return ok ? new ParallelStage(branches) : null;
            }
        }
    }
}
