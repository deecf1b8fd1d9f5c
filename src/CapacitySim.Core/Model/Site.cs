namespace CapacitySim.Core.Model;

/// <summary>
/// A data-center site. <see cref="Supply"/> null is an unlimited grid connection sized to the
/// need, priced at the grid price and intensity. <see cref="PueMonthly"/> has 12 multipliers,
/// January first, as written in the file. Facility capex is spent over <see cref="BuildMonths"/>
/// before capacity energizes; <see cref="TrainingShare"/> of the site's accelerators can join the
/// largest training run.
/// </summary>
public sealed record Site(
    string Name,
    string? Location,
    string? Region,
    Uncertain Pue,
    IReadOnlyList<double> PueMonthly,
    Uncertain DesignPue,
    Uncertain LoadFactor,
    Uncertain Mfu,
    Uncertain LifetimeYears,
    Uncertain CapexUsdPerItMw,
    Uncertain BuildMonths,
    Uncertain TrainingShare,
    Uncertain WueLitresPerKwh,
    Uncertain GridPriceUsdPerMwh,
    Uncertain GridGCo2PerKwh,
    IReadOnlyList<SupplySource>? Supply,
    IReadOnlyList<Phase> Phases)
{
    /// <summary>Embodied carbon, lives, cost of capital and O&amp;M of the site (MODEL.md section 10).</summary>
    public LifeCycle Life { get; init; } = LifeCycle.Default;

    /// <summary>The grid price as {month, value} points, in place of <see cref="GridPriceUsdPerMwh"/>; null when it is one number.</summary>
    public Trajectory? GridPriceTrajectory { get; init; }

    /// <summary>The grid intensity as {month, value} points, in place of <see cref="GridGCo2PerKwh"/>; null when it is one number.</summary>
    public Trajectory? GridGCo2Trajectory { get; init; }

    /// <summary>Latitude in degrees (-66..66), needed by a solar source; null when not given.</summary>
    public double? Latitude { get; init; }

    /// <summary>Carbon-free share of the site's grid: the unlimited grid's, and a typed grid's that gives none.</summary>
    public Uncertain GridCfeShare { get; init; } = Uncertain.Fixed(ModelDefaults.GridCfeShare).WithRange(NumberRange.Fraction);

    /// <summary>grid_cfe_share over time ({month, value} points), or null where <see cref="GridCfeShare"/> holds for every month.</summary>
    public Trajectory? GridCfeShareTrajectory { get; init; }

    /// <summary>The site's own trajectories that are given (grid price, intensity, carbon-free share): every list that draws points and varies by month.</summary>
    public IEnumerable<Trajectory> Trajectories =>
        new[] { GridPriceTrajectory, GridGCo2Trajectory, GridCfeShareTrajectory }.OfType<Trajectory>();

    /// <summary>Year and day variability of the site's solar and wind (MODEL.md section 8, "Weather").</summary>
    public SiteWeather Weather { get; init; } = SiteWeather.Default;

    /// <summary>True when some source has a type: the site is dispatched hour by hour.</summary>
    public bool HasTypedSources => Supply?.Any(s => s.Type != SourceType.Untyped) == true;
}

/// <summary>The variability of one kind of weather-driven output: year-to-year and day-to-day coefficients of variation and the day-to-day correlation.</summary>
public sealed record WeatherVariability(double YearCv, double DayCv, double DayCorrelation);

/// <summary>A site's weather variability for solar and for wind.</summary>
public sealed record SiteWeather(WeatherVariability Solar, WeatherVariability Wind)
{
    public static readonly SiteWeather Default = new(
        new(ModelDefaults.SolarYearCv, ModelDefaults.SolarDayCv, ModelDefaults.SolarDayCorrelation),
        new(ModelDefaults.WindYearCv, ModelDefaults.WindDayCv, ModelDefaults.WindDayCorrelation));

    /// <summary>The variability of a solar or wind source.</summary>
    public WeatherVariability Of(SourceType type) => type == SourceType.Wind ? Wind : Solar;
}

/// <summary>
/// A site's life-cycle fields (MODEL.md section 10): embodied carbon per IT MW of the facility,
/// book lives of the facility, its supply and its hardware (the last used when lifetime_years is
/// 0), cost of capital and O&amp;M per year as shares of the capex in service.
/// </summary>
public sealed record LifeCycle(
    Uncertain EmbodiedTco2PerItMw,
    Uncertain FacilityLifeYears,
    Uncertain SupplyLifeYears,
    Uncertain HardwareBookYears,
    Uncertain Wacc,
    Uncertain OmFacilityShare,
    Uncertain OmHardwareShare)
{
    /// <summary>Every field at its model default.</summary>
    public static readonly LifeCycle Default = new(
        Uncertain.Fixed(ModelDefaults.EmbodiedTco2PerItMw).WithRange(NumberRange.NonNegative),
        Uncertain.Fixed(ModelDefaults.FacilityLifeYears).WithRange(NumberRange.Life),
        Uncertain.Fixed(ModelDefaults.SupplyLifeYears).WithRange(NumberRange.Life),
        Uncertain.Fixed(ModelDefaults.HardwareBookYears).WithRange(NumberRange.Life),
        Uncertain.Fixed(ModelDefaults.Wacc).WithRange(NumberRange.Fraction),
        Uncertain.Fixed(ModelDefaults.OmFacilityShare).WithRange(NumberRange.Fraction),
        Uncertain.Fixed(ModelDefaults.OmHardwareShare).WithRange(NumberRange.Fraction));
}
