namespace CapacitySim.Core.Model;

/// <summary>
/// An accelerator generation: availability, dense BF16 peak FLOP/s, chip TDP in watts, all-in IT
/// watts per accelerator (host, network, storage share) and capex per accelerator in USD.
/// </summary>
public sealed record Accelerator(
    string Name,
    YearMonth Available,
    Uncertain SlipMonths,
    Uncertain PeakFlops,
    Uncertain TdpWatts,
    Uncertain AllInWatts,
    Uncertain UnitCostUsd,
    string Source)
{
    /// <summary>Embodied carbon per accelerator as installed, its share of server and network included, in kgCO2e (MODEL.md section 10).</summary>
    public Uncertain EmbodiedKgCo2e { get; init; } = Uncertain.Fixed(ModelDefaults.EmbodiedKgCo2e).WithRange(NumberRange.NonNegative);
}
