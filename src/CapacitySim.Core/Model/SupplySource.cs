namespace CapacitySim.Core.Model;

/// <summary>
/// A power source of a site: capacity in MW, available for months From &lt;= t &lt; Until
/// (null = before the run / never ends), price in USD per MWh and intensity in gCO2 per kWh.
/// <see cref="FirmFraction"/> of the MW counts toward powering IT, <see cref="CapacityFactor"/>
/// of them is available as energy; the source's own capex is spent over its
/// <see cref="BuildMonths"/> before <see cref="From"/>.
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
    Uncertain BuildMonths);
