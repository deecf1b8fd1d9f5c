using CapacitySim.Core.Engine.Hourly;
using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>Reads a site's <c>supply</c>: its power sources, in dispatch order.</summary>
internal static class SupplySection
{
    /// <summary>The source types by name, as written in `type`.</summary>
    private static readonly Dictionary<string, SourceType> Types = new()
    {
        ["solar"] = SourceType.Solar, ["wind"] = SourceType.Wind, ["battery"] = SourceType.Battery, ["gas"] = SourceType.Gas, ["grid"] = SourceType.Grid,
    };

    /// <summary>Keys that only some types take, with those types.</summary>
    private static readonly Dictionary<string, SourceType[]> TypedKeys = new()
    {
        ["hours"] = [SourceType.Battery],
        ["round_trip_efficiency"] = [SourceType.Battery],
        ["units"] = [SourceType.Gas],
        ["forced_outage_rate"] = [SourceType.Gas],
        ["heat_rate_mmbtu_per_mwh"] = [SourceType.Gas],
        ["fuel_usd_per_mmbtu"] = [SourceType.Gas],
        ["cfe_share"] = [SourceType.Grid],
    };

    /// <summary>What a site gives its sources: the grid a typed grid defaults to, and its latitude (null when not given or not valid).</summary>
    public sealed record SiteContext(Uncertain GridPrice, Trajectory? GridPriceTrajectory, Uncertain GridGCo2, Trajectory? GridGCo2Trajectory,
        Uncertain GridCfeShare, double? Latitude, bool LatitudeGiven)
    {
        /// <summary>The site's grid_cfe_share over time, which a typed grid without its own cfe_share takes.</summary>
        public Trajectory? GridCfeShareTrajectory { get; init; }

        /// <summary>A site that gives nothing of its own: the model's grid defaults, no latitude.</summary>
        public static SiteContext Defaults => new(
            Uncertain.Fixed(ModelDefaults.GridPriceUsdPerMwh).WithRange(NumberRange.NonNegative), null,
            Uncertain.Fixed(ModelDefaults.GridGCo2PerKwh).WithRange(NumberRange.NonNegative), null,
            Uncertain.Fixed(ModelDefaults.GridCfeShare).WithRange(NumberRange.Fraction), null, false);
    }

    private static string TypeName(SourceType type) => type == SourceType.Untyped ? "untyped" : type.ToString().ToLowerInvariant();

    /// <summary>A site's supply sources; one without its own build_months takes the site's very same parameter, so the same draw.</summary>
    public static List<SupplySource> Read(NodeReader r, Node node, string path, string owner, Uncertain siteBuildMonths, LeadTimeCatalog leadTimes, SiteContext site)
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
            var type = SourceType.Untyped;
            if (f.Optional("type") is { } typeNode && r.Text(typeNode, $"{what}: type") is { } typeText)
            {
                if (Types.TryGetValue(typeText, out var known)) type = known;
                else r.Error(typeNode, $"{what}: type '{typeText}' is not a source type; use one of {string.Join(", ", Types.Keys)} (or no type for a v2 source)");
            }
            foreach (var (key, types) in TypedKeys)
                if (f.KeyNode(key) is { } keyNode && !types.Contains(type))
                    r.Error(keyNode, $"{what}: {key} is for a {string.Join(" or ", types.Select(TypeName))} source; this one is {TypeName(type)}");
            if (type is SourceType.Battery or SourceType.Gas or SourceType.Grid && f.KeyNode("capacity_factor") is { } cfKey)
                r.Error(cfKey, $"{what}: capacity_factor is not for a {TypeName(type)} source ({(type == SourceType.Battery ? "a battery stores what solar and wind give it" : type == SourceType.Gas ? "gas units are up or down, set forced_outage_rate" : "a grid gives up to its mw in every hour")})");
            if (type == SourceType.Battery)
                foreach (string key in new[] { "price_usd_per_mwh", "gco2_per_kwh" })
                    if (f.KeyNode(key) is { } priceKey)
                        r.Error(priceKey, $"{what}: a battery has no {key} of its own; what it discharges was paid and emitted by the solar and wind that charged it");
            if (type is SourceType.Solar or SourceType.Wind && !f.Has("capacity_factor"))
                r.Error(f.KeyNode("type")!, $"{what}: a {TypeName(type)} source needs capacity_factor (its annual mean output per MW in a typical weather year)");
            if (type == SourceType.Battery && !f.Has("hours"))
                r.Error(f.KeyNode("type")!, $"{what}: a battery needs hours (its energy is mw x hours)");
            if (type == SourceType.Solar && !site.LatitudeGiven)
                r.Error(f.KeyNode("type")!, $"{what} is solar: give {owner} a latitude (degrees, -66..66) for the sun's path");
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
            // Price, intensity, a grid's carbon-free share and a gas source's fuel price may be {month, value}
            // points; the first point's value stands for them where one number is shown.
            Trajectory? Points(string key, NumberRange? range = null) => f.Optional(key) is { } node && TrajectorySection.IsTrajectory(node)
                ? TrajectorySection.Read(r, node, $"{p}.{key}", $"{what}: {key}", range ?? NumberRange.NonNegative) : null;
            bool Listed(string key) => f.Optional(key) is { } node && TrajectorySection.IsTrajectory(node);
            var priceTrajectory = Points("price_usd_per_mwh");
            var gco2Trajectory = Points("gco2_per_kwh");
            // A typed grid without its own price or intensity takes the site's grid parameters, so the same draws.
            bool gridPrice = type == SourceType.Grid && !f.Has("price_usd_per_mwh"), gridGCo2 = type == SourceType.Grid && !f.Has("gco2_per_kwh");
            if (gridPrice) priceTrajectory = site.GridPriceTrajectory;
            if (gridGCo2) gco2Trajectory = site.GridGCo2Trajectory;
            Uncertain NumberOrFirst(string key, Trajectory? points, double fallback) =>
                f.Optional(key) is { } node && TrajectorySection.IsTrajectory(node)
                    ? points?.Points[0].Value ?? Default(fallback, NumberRange.NonNegative)
                    : Field(key, NumberRange.NonNegative, Default(fallback, NumberRange.NonNegative));
            var price = gridPrice ? site.GridPrice : NumberOrFirst("price_usd_per_mwh", priceTrajectory, ModelDefaults.SupplyPriceUsdPerMwh);
            var gco2 = gridGCo2 ? site.GridGCo2 : NumberOrFirst("gco2_per_kwh", gco2Trajectory, ModelDefaults.SupplyGCo2PerKwh);
            var embodied = Field("embodied_tco2_per_mw", NumberRange.NonNegative, Default(type switch
            {
                SourceType.Solar => ModelDefaults.SolarEmbodiedTco2PerMw,
                SourceType.Wind => ModelDefaults.WindEmbodiedTco2PerMw,
                SourceType.Gas => ModelDefaults.GasEmbodiedTco2PerMw,
                _ => ModelDefaults.SupplyEmbodiedTco2PerMw,
            }, NumberRange.NonNegative));
            var firm = Field("firm_fraction", NumberRange.Fraction, Default(type switch
            {
                SourceType.Solar or SourceType.Wind or SourceType.Battery => 0,
                SourceType.Gas or SourceType.Grid => 1,
                _ => ModelDefaults.FirmFraction,
            }, NumberRange.Fraction));
            var capacityFactor = Field("capacity_factor", NumberRange.Fraction, Default(ModelDefaults.CapacityFactor, NumberRange.Fraction));
            if (type is SourceType.Solar or SourceType.Wind && f.Optional("capacity_factor") is { } cfNode && (type == SourceType.Wind || site.Latitude is not null))
            {
                // No scale k reaches the share of the year's hours with output: capacity_factor must stay below it.
                double limit = type == SourceType.Wind ? 1 : OutputScale.Limit(SolarShape.Of(site.Latitude!.Value));
                // A bounded distribution must stay below the limit everywhere; an unbounded one at its nominal value (its draws above are taken just below the limit).
                double highest = capacityFactor.Kind is DistributionKind.Uniform or DistributionKind.Triangular or DistributionKind.Pert ? capacityFactor.Max : capacityFactor.Nominal;
                if (highest >= limit)
                    r.Error(cfNode, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{what}: capacity_factor {NodeReader.Format(highest)}{(capacityFactor.IsRandom ? " (its largest or nominal value)" : "")} is at or above what a {TypeName(type)} source can give ({limit:0.####}{(type == SourceType.Solar ? $", the share of the year's hours with sun at latitude {NodeReader.Format(site.Latitude!.Value)}" : "")}); give a smaller one"));
            }
            var hours = Field("hours", NumberRange.NonNegative, Default(0, NumberRange.NonNegative));
            var roundTrip = Field("round_trip_efficiency", NumberRange.Efficiency, Default(ModelDefaults.RoundTripEfficiency, NumberRange.Efficiency));
            int units = 1;
            if (f.Optional("units") is { } unitsNode && r.Integer(unitsNode, $"{what}: units", 1, 1000) is { } u) units = (int)u;
            var outage = Field("forced_outage_rate", NumberRange.Fraction, Default(ModelDefaults.ForcedOutageRate, NumberRange.Fraction));
            var heatRate = Field("heat_rate_mmbtu_per_mwh", NumberRange.NonNegative, Default(ModelDefaults.HeatRateMmbtuPerMwh, NumberRange.NonNegative));
            var fuelTrajectory = Points("fuel_usd_per_mmbtu");
            var fuel = Listed("fuel_usd_per_mmbtu")
                ? fuelTrajectory?.Points[0].Value ?? Default(ModelDefaults.FuelUsdPerMmbtu, NumberRange.NonNegative)
                : Field("fuel_usd_per_mmbtu", NumberRange.NonNegative, Default(ModelDefaults.FuelUsdPerMmbtu, NumberRange.NonNegative));
            // A typed grid without its own cfe_share takes the site's grid_cfe_share, number or points: the same draws.
            bool siteCfe = type == SourceType.Grid && !f.Has("cfe_share");
            var cfeTrajectory = siteCfe ? site.GridCfeShareTrajectory : Points("cfe_share", NumberRange.Fraction);
            var cfeShare = siteCfe ? site.GridCfeShare
                : Listed("cfe_share") ? cfeTrajectory?.Points[0].Value ?? Default(ModelDefaults.GridCfeShare, NumberRange.Fraction)
                : Field("cfe_share", NumberRange.Fraction, Default(ModelDefaults.GridCfeShare, NumberRange.Fraction));
            var capex = Field("capex_usd_per_mw", NumberRange.NonNegative, Default(ModelDefaults.SupplyCapexUsdPerMw, NumberRange.NonNegative));
            var buildMonths = Field("build_months", NumberRange.NonNegative, siteBuildMonths);
            if (name is null || mw is null || pathBroken) continue;
            list.Add(new SupplySource(name, mw, from, until, price, gco2, firm, capacityFactor, capex, buildMonths) 
            {
                Path = powerPath, EmbodiedTco2PerMw = embodied, PriceTrajectory = priceTrajectory, GCo2Trajectory = gco2Trajectory,
                Type = type, Hours = hours, RoundTripEfficiency = roundTrip, Units = units, ForcedOutageRate = outage,
                HeatRateMmbtuPerMwh = heatRate, FuelUsdPerMmbtu = fuel, GCo2FromFuel = type == SourceType.Gas && !f.Has("gco2_per_kwh"),
                CfeShare = cfeShare, EmbodiedFromHours = type == SourceType.Battery && !f.Has("embodied_tco2_per_mw"),
                CfeShareTrajectory = type == SourceType.Grid ? cfeTrajectory : null, FuelTrajectory = type == SourceType.Gas ? fuelTrajectory : null,
            });
        }
        return list;
    }
}
