using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>The run's settings from the top of a scenario file.</summary>
internal sealed record Header(
    string Name,
    string Description,
    string Scope,
    YearMonth Start,
    YearMonth End,
    int Samples,
    ulong Seed,
    IReadOnlyList<double> Percentiles,
    Uncertain ResearchShare,
    Training Training);

/// <summary>
/// Reads the header of a scenario: name, description, start and end, samples, seed, percentiles,
/// research_share and the training block.
/// </summary>
internal static class HeaderSection
{
    /// <summary>Longest <c>scope</c>: it stands beside the name in chart legends.</summary>
    public const int MaxScopeLength = 80;

    /// <summary>The header, or null when name, start or end is missing or wrong (each reported).</summary>
    public static Header? Read(NodeReader r, Fields top)
    {
        string? name = top.Required("name") is { } nameNode ? r.Text(nameNode, "name") : null;
        if (name is not null && !ScenarioLoader.IsValidName(name))
        {
            r.Error(top.Optional("name")!, $"name '{name}' must use only lower-case letters, digits and '-' (it names the output folder)");
            name = null;
        }
        string description = top.Optional("description") is { } d ? r.Text(d, "description", allowEmpty: true) ?? "" : "";
        string scope = top.Optional("scope") is { } sc ? r.Text(sc, "scope", allowEmpty: true) ?? "" : "";
        if (scope.Length > MaxScopeLength || scope.Contains('\n'))
            r.Error(top.Optional("scope")!, $"scope is a short line shown beside the scenario's name on charts (at most {MaxScopeLength} characters, one line); put the rest in description");
        YearMonth? start = top.Required("start") is { } s ? r.Month(s, "start") : null;
        YearMonth? end = top.Required("end") is { } e ? r.Month(e, "end") : null;
        if (start is { } s0 && end is { } e0)
        {
            if (e0.Ordinal < s0.Ordinal) r.Error(top.Optional("end")!, $"end ({e0}) is before start ({s0})");
            else if (e0.Ordinal - s0.Ordinal + 1 > ScenarioLoader.MaxMonths)
                r.Error(top.Optional("end")!, $"the run from {s0} to {e0} is longer than {ScenarioLoader.MaxMonths} months (100 years)");
        }
        int samples = top.Optional("samples") is { } sn && r.Integer(sn, "samples", 1, Core.Engine.RunPlan.MaxSamples) is { } n ? (int)n : ModelDefaults.Samples;
        ulong seed = top.Optional("seed") is { } sd && r.Integer(sd, "seed", 0, long.MaxValue) is { } sv ? (ulong)sv : ModelDefaults.Seed;
        var percentiles = (top.Optional("percentiles") is { } pn ? ReadPercentiles(r, pn) : null) ?? ModelDefaults.Percentiles;
        var researchShare = r.OptionalParameter(top, "research_share", "research_share", "research_share", NumberRange.Fraction,
            Uncertain.Fixed(ModelDefaults.ResearchShare).WithRange(NumberRange.Fraction));
        var training = ReadTraining(r, top.Optional("training"));
        return name is null || start is null || end is null
            ? null
            : new Header(name, description, scope.Trim(), start.Value, end.Value, samples, seed, percentiles, researchShare, training);
    }

    /// <summary>A `percentiles:` list (scenario and sweep files): levels from 0 to 100, each once; null when it is not a list (reported).</summary>
    public static List<double>? ReadPercentiles(NodeReader r, Node node)
    {
        var items = r.Sequence(node, "percentiles");
        if (items is null) return null;
        if (items.Count == 0) r.Error(node, "percentiles must list at least one level, e.g. [10, 50, 90]");
        var levels = new List<double>();
        foreach (var item in items)
        {
            if (r.Number(item, "a percentile") is not { } p) continue;
            if (p < 0 || p > 100) r.Error(item, $"a percentile must be between 0 and 100, got {NodeReader.Format(p)}");
            else if (levels.Contains(p)) r.Error(item, $"percentile {NodeReader.Format(p)} is listed twice");
            else levels.Add(p);
        }
        return levels;
    }

    /// <summary>The largest training run; every number of the block is optional and at least 0.</summary>
    private static Training ReadTraining(NodeReader r, Node? node)
    {
        var f = node is null ? null : r.Mapping(node, "training", ScenarioLoader.TrainingKeys);
        Uncertain Field(string key, double fallback) => r.OptionalParameter(f, key, $"training.{key}", $"training: {key}", NumberRange.NonNegative,
            Uncertain.Fixed(fallback).WithRange(NumberRange.NonNegative));
        return new Training(
            Field("days", ModelDefaults.TrainingDays),
            Field("accelerator_mtbf_hours", ModelDefaults.AcceleratorMtbfHours),
            Field("checkpoint_minutes", ModelDefaults.CheckpointMinutes),
            Field("restart_minutes", ModelDefaults.RestartMinutes));
    }
}
