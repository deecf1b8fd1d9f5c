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
            // Price and intensity may be {month, value} points; the first point's value stands for them where one number is shown.
            Trajectory? Points(string key) => f.Optional(key) is { } node && TrajectorySection.IsTrajectory(node)
                ? TrajectorySection.Read(r, node, $"{p}.{key}", $"{what}: {key}", NumberRange.NonNegative) : null;
            var priceTrajectory = Points("price_usd_per_mwh");
            var gco2Trajectory = Points("gco2_per_kwh");
            Uncertain NumberOrFirst(string key, Trajectory? points, double fallback) =>
                f.Optional(key) is { } node && TrajectorySection.IsTrajectory(node)
                    ? points?.Points[0].Value ?? Default(fallback, NumberRange.NonNegative)
                    : Field(key, NumberRange.NonNegative, Default(fallback, NumberRange.NonNegative));
            var price = NumberOrFirst("price_usd_per_mwh", priceTrajectory, ModelDefaults.SupplyPriceUsdPerMwh);
            var gco2 = NumberOrFirst("gco2_per_kwh", gco2Trajectory, ModelDefaults.SupplyGCo2PerKwh);
            var embodied = Field("embodied_tco2_per_mw", NumberRange.NonNegative, Default(ModelDefaults.SupplyEmbodiedTco2PerMw, NumberRange.NonNegative));
            var firm = Field("firm_fraction", NumberRange.Fraction, Default(ModelDefaults.FirmFraction, NumberRange.Fraction));
            var capacityFactor = Field("capacity_factor", NumberRange.Fraction, Default(ModelDefaults.CapacityFactor, NumberRange.Fraction));
            var capex = Field("capex_usd_per_mw", NumberRange.NonNegative, Default(ModelDefaults.SupplyCapexUsdPerMw, NumberRange.NonNegative));
            var buildMonths = Field("build_months", NumberRange.NonNegative, siteBuildMonths);
            if (name is null || mw is null || pathBroken) continue;
            list.Add(new SupplySource(name, mw, from, until, price, gco2, firm, capacityFactor, capex, buildMonths) { Path = powerPath, EmbodiedTco2PerMw = embodied, PriceTrajectory = priceTrajectory, GCo2Trajectory = gco2Trajectory });
        }
        return list;
    }
}
