using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>Reads a site's <c>supply</c>: its power sources, in dispatch order.</summary>
internal static class SupplySection
{
    /// <summary>A site's supply sources; one without its own build_months takes the site's very same parameter, so the same draw.</summary>
    public static List<SupplySource> Read(NodeReader r, Node node, string path, string owner, Uncertain siteBuildMonths, LeadTimeCatalog leadTimes)
    {
        var list = new List<SupplySource>();
        var items = r.Sequence(node, $"{owner}: supply");
        if (items is null) return list;
        for (int i = 0; i < items.Count; i++)
        {
            string p = $"{path}.supply[{i}]";
            var f = r.Mapping(items[i], $"supply {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"} of {owner}", ScenarioLoader.SupplyKeys);
            if (f is null) continue;
            string? name = f.Required("name") is { } n ? r.Text(n, "supply source name") : null;
            string what = $"supply {name ?? $"#{i + 1}"} of {owner}";
            var mw = f.Required("mw") is { } m ? r.Parameter(m, $"{p}.mw", $"{what}: mw", NumberRange.NonNegative) : null;
            YearMonth? from = f.Optional("from") is { } fr ? r.Month(fr, $"{what}: from") : null;
            PowerPath? powerPath = null;
            bool pathBroken = false;
            if (f.Has("from") && f.Has("path"))
                r.Error(f.KeyNode("path")!, $"{what} gives both from and path; give from (a fixed first month) or a path to power, not both");
            else if (f.Optional("path") is { } pathNode)
            {
                powerPath = PathSection.Read(r, pathNode, $"{p}.path", what, leadTimes);
                pathBroken = powerPath is null;
            }
            YearMonth? until = f.Optional("until") is { } un ? r.Month(un, $"{what}: until") : null;
            if (from is { } a && until is { } b && b.Ordinal <= a.Ordinal)
                r.Error(f.Optional("until")!, $"{what}: until ({b}) must be after from ({a})");
            Uncertain Field(string key, NumberRange range, Uncertain fallback) => r.OptionalParameter(f, key, $"{p}.{key}", $"{what}: {key}", range, fallback);
            Uncertain Default(double value, NumberRange range) => Uncertain.Fixed(value).WithRange(range);
            var price = Field("price_usd_per_mwh", NumberRange.NonNegative, Default(ModelDefaults.SupplyPriceUsdPerMwh, NumberRange.NonNegative));
            var gco2 = Field("gco2_per_kwh", NumberRange.NonNegative, Default(ModelDefaults.SupplyGCo2PerKwh, NumberRange.NonNegative));
            var firm = Field("firm_fraction", NumberRange.Fraction, Default(ModelDefaults.FirmFraction, NumberRange.Fraction));
            var capacityFactor = Field("capacity_factor", NumberRange.Fraction, Default(ModelDefaults.CapacityFactor, NumberRange.Fraction));
            var capex = Field("capex_usd_per_mw", NumberRange.NonNegative, Default(ModelDefaults.SupplyCapexUsdPerMw, NumberRange.NonNegative));
            var buildMonths = Field("build_months", NumberRange.NonNegative, siteBuildMonths);
            if (name is null || mw is null || pathBroken) continue;
            list.Add(new SupplySource(name, mw, from, until, price, gco2, firm, capacityFactor, capex, buildMonths) { Path = powerPath });
        }
        return list;
    }
}
