using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// The lead-time catalog as a file builds it: the built-in entries, overridden or extended by the
/// file's <c>lead_times</c> (docs/model.md "Time to power"), and the names defined with errors.
/// </summary>
internal sealed class LeadTimeCatalog(IReadOnlyList<LeadTime> builtIn) : NamedCatalog<LeadTime>(builtIn, e => e.Name)
{
    /// <summary>The message for a lead name not in the catalog: the closest name, or the known ones.</summary>
    public string Unknown(string name)
    {
        string? closest = Suggestions.Closest(name, Names);
        return $"lead '{name}' is not in the lead-time catalog" + (closest is null
            ? $" (known: {string.Join(", ", Names)}; capsim catalog --lead-times lists them); add it under lead_times"
            : $"; did you mean '{closest}'? Otherwise add it under lead_times");
    }
}

/// <summary>Reads the file's <c>lead_times</c>: entries {name, months | weeks (u), source, year} that add to or override the built-in catalog.</summary>
internal static class LeadTimeSection
{
    public static void Read(NodeReader r, Node node, LeadTimeCatalog catalog)
    {
        var items = r.Sequence(node, "lead_times");
        if (items is null) return;
        var seen = new HashSet<string>();
        for (int i = 0; i < items.Count; i++)
        {
            string path = $"lead_times[{i}]";
            var f = r.Mapping(items[i], $"lead time {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"}", ScenarioLoader.LeadTimeKeys);
            if (f is null) continue;
            string? name = f.Required("name") is { } n ? r.Text(n, "lead time name") : null;
            if (name is null) continue;
            if (!seen.Add(name)) r.Error(f.Optional("name")!, $"lead time '{name}' is defined twice in this file");
            string what = $"lead time {name}";
            var baseEntry = catalog.Find(name);
            Uncertain? duration = null;
            bool weeks = false;
            if (f.Has("months") && f.Has("weeks")) r.Error(f.KeyNode("weeks")!, $"{what} gives both months and weeks; give one");
            else if (f.Optional("months") is { } m) duration = r.Parameter(m, $"{path}.months", $"{what}: months", NumberRange.NonNegative);
            else if (f.Optional("weeks") is { } w)
            {
                duration = r.Parameter(w, $"{path}.weeks", $"{what}: weeks", NumberRange.NonNegative);
                weeks = true;
            }
            else if (baseEntry is not null) (duration, weeks) = (baseEntry.Duration, baseEntry.InWeeks);
            else r.Error(f.Node, $"{what} is not in the built-in catalog, so it needs months or weeks");
            int? year = baseEntry?.Year;
            if (f.Optional("year") is { } y && r.Integer(y, $"{what}: year", 1900, 2200) is { } read) year = (int)read;
            string source = f.Optional("source") is { } src ? r.Text(src, $"{what}: source", allowEmpty: true) ?? "" : baseEntry?.Source ?? "scenario file";
            if (duration is null)
            {
                catalog.MarkBroken(name);
                continue;
            }
            catalog.Set(new LeadTime(name, duration, weeks, source, year ?? 0));
        }
    }
}
