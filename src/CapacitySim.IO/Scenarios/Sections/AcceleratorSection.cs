using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// Reads the file's <c>accelerators</c> into the catalog (new entries, or overrides of built-in
/// ones field by field) and the <c>roadmap</c> drawn from it.
/// </summary>
internal static class AcceleratorSection
{
    /// <summary>Adds or overrides the catalog entries the file defines; entries with errors are marked broken.</summary>
    public static void Read(NodeReader r, Node node, AcceleratorCatalog catalog)
    {
        var items = r.Sequence(node, "accelerators");
        if (items is null) return;
        var seen = new HashSet<string>();
        for (int i = 0; i < items.Count; i++)
        {
            string path = $"accelerators[{i}]";
            var f = r.Mapping(items[i], $"accelerator {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"}", ScenarioLoader.AcceleratorKeys);
            if (f is null) continue;
            string? name = f.Required("name") is { } n ? r.Text(n, "accelerator name") : null;
            if (name is null) continue;
            if (!seen.Add(name)) r.Error(f.Optional("name")!, $"accelerator '{name}' is defined twice in this file");
            var baseEntry = catalog.Find(name);
            string what = $"accelerator {name}";

            YearMonth? available = f.Optional("available") is { } av ? r.Month(av, $"{what}: available")
                : baseEntry?.Available ?? Missing<YearMonth>(r, f, "available", name);
            Uncertain? Field(string key, NumberRange range, Uncertain? fallback)
            {
                if (f.Optional(key) is { } v) return r.Parameter(v, $"{path}.{key}", $"{what}: {key}", range);
                if (fallback is null) r.Error(f.Node, $"{what} is missing required key '{key}' (a new accelerator needs available, peak_flops, tdp_w, allin_w and unit_cost_usd)");
                return fallback;
            }
            var slip = Field("slip_months", NumberRange.NonNegative, baseEntry?.SlipMonths ?? Uncertain.Fixed(ModelDefaults.SlipMonths).WithRange(NumberRange.NonNegative));
            var peak = Field("peak_flops", NumberRange.Divisor, baseEntry?.PeakFlops);
            var tdp = Field("tdp_w", NumberRange.Positive, baseEntry?.TdpWatts);
            var allIn = Field("allin_w", NumberRange.Divisor, baseEntry?.AllInWatts);
            var cost = Field("unit_cost_usd", NumberRange.NonNegative, baseEntry?.UnitCostUsd);
            // Optional even for a new accelerator (0 then): it adds embodied carbon, not what the run computes.
            var embodied = Field("embodied_kgco2e", NumberRange.NonNegative, baseEntry?.EmbodiedKgCo2e ?? Uncertain.Fixed(ModelDefaults.EmbodiedKgCo2e).WithRange(NumberRange.NonNegative));
            string source = f.Optional("source") is { } src ? r.Text(src, $"{what}: source", allowEmpty: true) ?? "" : baseEntry?.Source ?? "scenario file";
            if (available is null || slip is null || peak is null || tdp is null || allIn is null || cost is null || embodied is null)
            {
                catalog.MarkBroken(name);
                continue;
            }
            catalog.Set(new Accelerator(name, available.Value, slip, peak, tdp, allIn, cost, source) { EmbodiedKgCo2e = embodied });
        }
    }

    private static T? Missing<T>(NodeReader r, Fields f, string key, string name) where T : struct
    {
        r.Error(f.Node, $"accelerator {name} is not in the built-in catalog, so it needs '{key}'");
        return null;
    }

    /// <summary>The roadmap: catalog names, each once, oldest first.</summary>
    public static List<string> ReadRoadmap(NodeReader r, Node node, AcceleratorCatalog catalog)
    {
        var roadmap = new List<string>();
        var items = r.Sequence(node, "roadmap");
        if (items is null) return roadmap;
        if (items.Count == 0) r.Error(node, "roadmap must name at least one accelerator");
        YearMonth? previous = null;
        string? previousName = null;
        foreach (var item in items)
        {
            if (r.Text(item, "a roadmap entry") is not { } name) continue;
            var entry = catalog.Find(name);
            if (entry is null)
            {
                if (!catalog.IsBroken(name)) r.Error(item, catalog.Unknown(name));
                continue;
            }
            if (roadmap.Contains(name))
            {
                r.Error(item, $"roadmap lists {name} twice");
                continue;
            }
            if (previous is { } p && entry.Available.Ordinal < p.Ordinal)
                r.Error(item, $"roadmap is oldest first, but {name} (available {entry.Available}) comes after {previousName} (available {p})");
            previous = entry.Available;
            previousName = name;
            roadmap.Add(name);
        }
        return roadmap;
    }
}
