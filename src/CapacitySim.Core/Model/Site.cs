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
    IReadOnlyList<Phase> Phases);
