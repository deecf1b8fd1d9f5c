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

    /// <summary>What kind of source it is (MODEL.md section 8); untyped sources serve as in version 2.</summary>
    public SourceType Type { get; init; } = SourceType.Untyped;

    /// <summary>A battery's hours of energy at its power: energy = mw x hours.</summary>
    public Uncertain Hours { get; init; } = Uncertain.Fixed(0).WithRange(NumberRange.NonNegative);

    /// <summary>A battery's round-trip efficiency, in (0, 1].</summary>
    public Uncertain RoundTripEfficiency { get; init; } = Uncertain.Fixed(ModelDefaults.RoundTripEfficiency).WithRange(NumberRange.Efficiency);

    /// <summary>A gas source's units: its MW are split evenly among them, each down for whole days.</summary>
    public int Units { get; init; } = 1;

    /// <summary>A gas unit's share of days down.</summary>
    public Uncertain ForcedOutageRate { get; init; } = Uncertain.Fixed(ModelDefaults.ForcedOutageRate).WithRange(NumberRange.Fraction);

    /// <summary>A gas source's heat rate, MMBtu per MWh.</summary>
    public Uncertain HeatRateMmbtuPerMwh { get; init; } = Uncertain.Fixed(ModelDefaults.HeatRateMmbtuPerMwh).WithRange(NumberRange.NonNegative);

    /// <summary>A gas source's fuel price, USD per MMBtu (its price_usd_per_mwh is the non-fuel adder).</summary>
    public Uncertain FuelUsdPerMmbtu { get; init; } = Uncertain.Fixed(ModelDefaults.FuelUsdPerMmbtu).WithRange(NumberRange.NonNegative);

    /// <summary>fuel_usd_per_mmbtu over time, or null where <see cref="FuelUsdPerMmbtu"/> holds for every month.</summary>
    public Trajectory? FuelTrajectory { get; init; }

    /// <summary>True for a gas source without its own gco2_per_kwh: its intensity is its fuel's CO2, 53.06 kg/MMBtu x heat rate.</summary>
    public bool GCo2FromFuel { get; init; }

    /// <summary>True for a battery without its own embodied_tco2_per_mw: its embodied carbon per MW is 62 tCO2e per MWh x hours.</summary>
    public bool EmbodiedFromHours { get; init; }

    /// <summary>A typed grid's carbon-free share of energy.</summary>
    public Uncertain CfeShare { get; init; } = Uncertain.Fixed(ModelDefaults.GridCfeShare).WithRange(NumberRange.Fraction);

    /// <summary>A grid's cfe_share over time (its own, or its site's grid_cfe_share), or null where <see cref="CfeShare"/> holds for every month.</summary>
    public Trajectory? CfeShareTrajectory { get; init; }

    /// <summary>The source's trajectories that are given (price, intensity, carbon-free share, fuel price).</summary>
    public IEnumerable<Trajectory> Trajectories =>
        new[] { PriceTrajectory, GCo2Trajectory, CfeShareTrajectory, FuelTrajectory }.OfType<Trajectory>();

    /// <summary>True when the source is built during the scenario (a from or a path): it has capex months.</summary>
    public bool IsBuilt => From is not null || Path is not null;
}

/// <summary>The kinds of supply source of MODEL.md section 8; <see cref="Untyped"/> serves as in version 2.</summary>
public enum SourceType { Untyped, Solar, Wind, Battery, Gas, Grid }
