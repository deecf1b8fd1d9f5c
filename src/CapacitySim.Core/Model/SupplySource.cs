namespace CapacitySim.Core.Model;

/// <summary>
/// A power source of a site: capacity in MW, available for months From &lt;= t &lt; Until
/// (null = before the run / never ends), price in USD per MWh and intensity in gCO2 per kWh.
/// <see cref="FirmFraction"/> of the MW counts toward powering IT, <see cref="CapacityFactor"/>
/// of them is available as energy; the source's own capex is spent over its
/// <see cref="BuildMonths"/> before <see cref="From"/> (or its path's end).
/// </summary>
public sealed record SupplySource(
    string Name,
    Uncertain Mw,
    YearMonth? From,
    YearMonth? Until,
    Uncertain PriceUsdPerMwh,
    Uncertain GCo2PerKwh,
    Uncertain FirmFraction,
    Uncertain CapacityFactor,
    Uncertain CapexUsdPerMw,
    Uncertain BuildMonths)
{
    /// <summary>The path to power whose end, rounded up, is the first month; null when <see cref="From"/> (or nothing) gives it.</summary>
    public PowerPath? Path { get; init; }

    /// <summary>Embodied carbon of the source in tCO2e per MW of mw, spread over its build months as its capex is.</summary>
    public Uncertain EmbodiedTco2PerMw { get; init; } = Uncertain.Fixed(ModelDefaults.SupplyEmbodiedTco2PerMw).WithRange(NumberRange.NonNegative);

    /// <summary>The price as {month, value} points (linear between, flat outside), in place of <see cref="PriceUsdPerMwh"/>; null when the price is one number.</summary>
    public Trajectory? PriceTrajectory { get; init; }

    /// <summary>The intensity as {month, value} points, in place of <see cref="GCo2PerKwh"/>; null when it is one number.</summary>
    public Trajectory? GCo2Trajectory { get; init; }

    /// <summary>True when the source is built during the scenario (a from or a path): it has capex months.</summary>
    public bool IsBuilt => From is not null || Path is not null;
}
