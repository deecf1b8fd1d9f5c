using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// Reads <c>defaults</c>, the site fields shared by every site that does not give its own, and
/// each such field wherever it stands (sites read theirs with <see cref="ReadField"/>).
/// </summary>
internal static class DefaultsSection
{
    /// <summary>Site fields that each site gives itself: refused in <c>defaults</c>.</summary>
    private static readonly Dictionary<string, Func<Node, string>> SiteOnlyKeys =
        new[] { "name", "location", "supply", "phases" }.ToDictionary(key => key, key => (Func<Node, string>)(_ => $"{key} cannot be set in defaults; give it in each site"));

    /// <summary>The defaults read without error, by key: see <see cref="ReadField"/> for the value types.</summary>
    public static Dictionary<string, object> Read(NodeReader r, Node node)
    {
        var defaults = new Dictionary<string, object>();
        var f = r.Mapping(node, "defaults", ScenarioLoader.DefaultableKeys, SiteOnlyKeys);
        if (f is null) return defaults;
        foreach (string key in ScenarioLoader.DefaultableKeys)
            if (f.Optional(key) is { } v && ReadField(r, key, v, "defaults", "defaults") is { } value)
                defaults[key] = value;
        return defaults;
    }

    /// <summary>Reads one defaultable site field: an <see cref="Uncertain"/>, a <see cref="Trajectory"/> (grid price, intensity and carbon-free share), the 12 PUE multipliers (double[]), or the region text.</summary>
    public static object? ReadField(NodeReader r, string key, Node node, string path, string owner)
    {
        string what = $"{owner}: {key}";
        if (TrajectorySection.IsTrajectory(node) && ScenarioLoader.TrajectoryKeys.Contains(key))
            return TrajectorySection.Read(r, node, $"{path}.{key}", what, key == "grid_cfe_share" ? NumberRange.Fraction : NumberRange.NonNegative);
        return key switch
        {
            "region" => r.Text(node, what),
            "weather" => WeatherSection.Read(r, node, what),
            "pue_monthly" => ReadPueMonthly(r, node, what),
            "pue" or "design_pue" => r.Parameter(node, $"{path}.{key}", what, NumberRange.AtLeastOne),
            "load_factor" or "mfu" or "training_share" or "grid_cfe_share" or "wacc" or "om_facility_share" or "om_hardware_share" => r.Parameter(node, $"{path}.{key}", what, NumberRange.Fraction),
            "facility_life_years" or "supply_life_years" or "hardware_book_years" => r.Parameter(node, $"{path}.{key}", what, NumberRange.Life),
            _ => r.Parameter(node, $"{path}.{key}", what, NumberRange.NonNegative),
        };
    }

    private static double[]? ReadPueMonthly(NodeReader r, Node node, string what)
    {
        var items = r.Sequence(node, what);
        if (items is null) return null;
        if (items.Count != 12)
        {
            r.Error(node, $"{what} must list 12 multipliers, January first; got {items.Count}");
            return null;
        }
        var values = new double[12];
        bool ok = true;
        for (int i = 0; i < 12; i++)
        {
            if (r.Number(items[i], $"{what}[{i + 1}]") is not { } v) { ok = false; continue; }
            if (v <= 0) { r.Error(items[i], $"{what}[{i + 1}] must be greater than 0, got {NodeReader.Format(v)}"); ok = false; }
            values[i] = v;
        }
        return ok ? values : null;
    }
}
