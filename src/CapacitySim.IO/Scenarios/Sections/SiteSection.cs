using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// Reads <c>sites</c>: each field from the site, else from <c>defaults</c>, else the model's
/// default; then the site's supply and phases.
/// </summary>
internal static class SiteSection
{
    /// <summary>The sites read; names are unique and none is called 'total'.</summary>
    public static List<Site> Read(NodeReader r, Node node, IReadOnlyDictionary<string, object> defaults, AcceleratorCatalog catalog, LeadTimeCatalog leadTimes)
    {
        var sites = new List<Site>();
        var items = r.Sequence(node, "sites");
        if (items is null) return sites;
        if (items.Count == 0) r.Error(node, "sites must list at least one site");
        var names = new HashSet<string>();
        for (int i = 0; i < items.Count; i++)
        {
            var f = r.Mapping(items[i], $"site {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"}", ScenarioLoader.SiteKeys);
            if (f is null) continue;
            string? name = f.Required("name") is { } n ? r.Text(n, "site name") : null;
            if (name is not null && !names.Add(name)) r.Error(f.Optional("name")!, $"site name '{name}' is used twice");
            if (string.Equals(name, "total", StringComparison.OrdinalIgnoreCase)) r.Error(f.Optional("name")!, $"a site may not be called '{name}' (total is the name of the all-sites scope)");
            var site = ReadSite(r, f, i, name ?? $"#{i + 1}", defaults, catalog, leadTimes);
            if (name is not null) sites.Add(site);
        }
        return sites;
    }

    private static Site ReadSite(NodeReader r, Fields f, int index, string name, IReadOnlyDictionary<string, object> defaults, AcceleratorCatalog catalog, LeadTimeCatalog leadTimes)
    {
        string path = $"sites[{index}]";
        string owner = $"site {name}";
        object? Get(string key) => f.Optional(key) is { } v ? DefaultsSection.ReadField(r, key, v, path, owner) : defaults.GetValueOrDefault(key);
        Uncertain Num(string key, double fallback, NumberRange range) => Get(key) as Uncertain ?? Uncertain.Fixed(fallback).WithRange(range);

        string? location = f.Optional("location") is { } loc ? r.Text(loc, $"{owner}: location", allowEmpty: true) : null;
        var pue = Num("pue", ModelDefaults.Pue, NumberRange.AtLeastOne);
        // design_pue left to default takes the very same parameter as pue, so the same draw.
        var designPue = Get("design_pue") as Uncertain ?? pue;
        var buildMonths = Num("build_months", ModelDefaults.BuildMonths, NumberRange.NonNegative);
        // A trajectory stands as its first point's value where one number is shown (reports, sweeps).
        object? gridPriceRead = Get("grid_price_usd_per_mwh"), gridGCo2Read = Get("grid_gco2_per_kwh");
        var gridPrice = gridPriceRead as Trajectory;
        var gridGCo2 = gridGCo2Read as Trajectory;
        static Uncertain NumOrFirst(object? read, double fallback) =>
            read as Uncertain ?? (read as Trajectory)?.Points[0].Value ?? Uncertain.Fixed(fallback).WithRange(NumberRange.NonNegative);
        object? gridCfeShareRead = Get("grid_cfe_share");
        var gridCfeShareTrajectory = gridCfeShareRead as Trajectory;
        var gridCfeShare = gridCfeShareRead as Uncertain ?? gridCfeShareTrajectory?.Points[0].Value
            ?? Uncertain.Fixed(ModelDefaults.GridCfeShare).WithRange(NumberRange.Fraction);
        double? latitude = null;
        if (f.Optional("latitude") is { } latNode && r.Number(latNode, $"{owner}: latitude") is { } lat)
        {
            // Beyond the polar circles the sun stays up or down for whole days, which the clear-sky shape's normalisation does not cover.
            if (lat < -66 || lat > 66) r.Error(latNode, $"{owner}: latitude must be from -66 to 66 degrees, got {NodeReader.Format(lat)}");
            else latitude = lat;
        }
        var weather = SiteWeather.Default;
        var defaultWeather = defaults.GetValueOrDefault("weather") as Dictionary<SourceType, WeatherVariability>;
        var ownWeather = f.Optional("weather") is { } wNode ? WeatherSection.Read(r, wNode, $"{owner}: weather") : null;
        // A site's block for a type replaces the defaults' block for it.
        WeatherVariability Weather(SourceType type, WeatherVariability model) =>
            ownWeather?.GetValueOrDefault(type) ?? defaultWeather?.GetValueOrDefault(type) ?? model;
        weather = new SiteWeather(Weather(SourceType.Solar, weather.Solar), Weather(SourceType.Wind, weather.Wind));
        var context = new SupplySection.SiteContext(NumOrFirst(gridPriceRead, ModelDefaults.GridPriceUsdPerMwh), gridPrice,
            NumOrFirst(gridGCo2Read, ModelDefaults.GridGCo2PerKwh), gridGCo2, gridCfeShare, latitude, f.Has("latitude"))
        {
            GridCfeShareTrajectory = gridCfeShareTrajectory,
        };
        var life = new LifeCycle(
            Num("embodied_tco2_per_it_mw", ModelDefaults.EmbodiedTco2PerItMw, NumberRange.NonNegative),
            Num("facility_life_years", ModelDefaults.FacilityLifeYears, NumberRange.Life),
            Num("supply_life_years", ModelDefaults.SupplyLifeYears, NumberRange.Life),
            Num("hardware_book_years", ModelDefaults.HardwareBookYears, NumberRange.Life),
            Num("wacc", ModelDefaults.Wacc, NumberRange.Fraction),
            Num("om_facility_share", ModelDefaults.OmFacilityShare, NumberRange.Fraction),
            Num("om_hardware_share", ModelDefaults.OmHardwareShare, NumberRange.Fraction));
        return new Site(
            name,
            location,
            Get("region") as string,
            pue,
            Get("pue_monthly") as double[] ?? ModelDefaults.PueMonthly,
            designPue,
            Num("load_factor", ModelDefaults.LoadFactor, NumberRange.Fraction),
            Num("mfu", ModelDefaults.Mfu, NumberRange.Fraction),
            Num("lifetime_years", ModelDefaults.LifetimeYears, NumberRange.NonNegative),
            Num("capex_usd_per_it_mw", ModelDefaults.CapexUsdPerItMw, NumberRange.NonNegative),
            buildMonths,
            Num("training_share", ModelDefaults.TrainingShare, NumberRange.Fraction),
            Num("wue_l_per_kwh", ModelDefaults.WueLitresPerKwh, NumberRange.NonNegative),
            context.GridPrice,
            context.GridGCo2,
            f.Optional("supply") is { } sup ? SupplySection.Read(r, sup, path, owner, buildMonths, leadTimes, context) : null,
            f.Required("phases") is { } ph ? PhaseSection.Read(r, ph, path, owner, catalog, leadTimes) : [])
        {
            Life = life,
            GridPriceTrajectory = gridPrice,
            GridGCo2Trajectory = gridGCo2,
            Latitude = latitude,
            GridCfeShare = gridCfeShare,
            GridCfeShareTrajectory = gridCfeShareTrajectory,
            Weather = weather,
        };
    }
}
