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
