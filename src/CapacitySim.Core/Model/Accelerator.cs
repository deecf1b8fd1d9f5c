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
    string Source);
