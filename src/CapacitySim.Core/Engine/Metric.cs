namespace CapacitySim.Core.Engine;

/// <summary>The metrics of docs/model.md section 5, in output order.</summary>
public enum Metric
{
    ItBuiltMw, ItPoweredMw, ItStrandedMw, SupplyMw, FacilityDemandMw,
    Accelerators, H100e, PeakFlops, EffectiveFlops,
    ItEnergyMwh, FacilityEnergyMwh, ShortfallMwh, EnergyCostUsd, EmissionsTco2, WaterM3,
    CapexFacilityUsd, CapexHardwareUsd,
    Researchers, H100ePerResearcher, PflopsPerResearcher, FrontierRunFlop,

    /// <summary>Derived after a run, not by the engines: facility + hardware capex summed from the run's first month.</summary>
    CapexCumulativeUsd,
}

/// <summary>How a metric aggregates over a year: flows are summed, stocks and ratios take the last month.</summary>
public enum MetricKind { Stock, Flow, Ratio }

/// <summary>Name, unit and aggregation of a metric; <see cref="TotalOnly"/> metrics have no per-site value.</summary>
public sealed record MetricInfo(Metric Metric, string Name, string Unit, MetricKind Kind, bool TotalOnly);

/// <summary>The metric table.</summary>
public static class Metrics
{
    public static readonly IReadOnlyList<MetricInfo> All =
    [
        new(Metric.ItBuiltMw, "it_built_mw", "MW", MetricKind.Stock, false),
        new(Metric.ItPoweredMw, "it_powered_mw", "MW", MetricKind.Stock, false),
        new(Metric.ItStrandedMw, "it_stranded_mw", "MW", MetricKind.Stock, false),
        new(Metric.SupplyMw, "supply_mw", "MW", MetricKind.Stock, false),
        new(Metric.FacilityDemandMw, "facility_demand_mw", "MW", MetricKind.Stock, false),
        new(Metric.Accelerators, "accelerators", "count", MetricKind.Stock, false),
        new(Metric.H100e, "h100e", "H100e", MetricKind.Stock, false),
        new(Metric.PeakFlops, "peak_flops", "FLOP/s", MetricKind.Stock, false),
        new(Metric.EffectiveFlops, "effective_flops", "FLOP/s", MetricKind.Stock, false),
        new(Metric.ItEnergyMwh, "it_energy_mwh", "MWh", MetricKind.Flow, false),
        new(Metric.FacilityEnergyMwh, "facility_energy_mwh", "MWh", MetricKind.Flow, false),
        new(Metric.ShortfallMwh, "shortfall_mwh", "MWh", MetricKind.Flow, false),
        new(Metric.EnergyCostUsd, "energy_cost_usd", "USD", MetricKind.Flow, false),
        new(Metric.EmissionsTco2, "emissions_tco2", "tCO2", MetricKind.Flow, false),
        new(Metric.WaterM3, "water_m3", "m3", MetricKind.Flow, false),
        new(Metric.CapexFacilityUsd, "capex_facility_usd", "USD", MetricKind.Flow, false),
        new(Metric.CapexHardwareUsd, "capex_hardware_usd", "USD", MetricKind.Flow, false),
        new(Metric.CapexCumulativeUsd, "capex_cumulative_usd", "USD", MetricKind.Stock, false),
        new(Metric.Researchers, "researchers", "people", MetricKind.Stock, true),
        new(Metric.H100ePerResearcher, "h100e_per_researcher", "H100e/researcher", MetricKind.Ratio, true),
        new(Metric.PflopsPerResearcher, "pflops_per_researcher", "PFLOP/s/researcher", MetricKind.Ratio, true),
        new(Metric.FrontierRunFlop, "frontier_run_flop", "FLOP", MetricKind.Ratio, true),
    ];

    /// <summary>Number of metrics.</summary>
    public static int Count => All.Count;

    /// <summary>Metrics the engines compute for every site: the enum values below this one (the total-only and derived ones follow).</summary>
    public const int SiteMetricCount = (int)Metric.Researchers;

    private static readonly MetricInfo[] ByEnum = [.. All.OrderBy(i => (int)i.Metric)];

    /// <summary>The metric's table entry.</summary>
    public static MetricInfo Info(this Metric metric) => ByEnum[(int)metric];

    /// <summary>True for the metrics that need researcher points.</summary>
    public static bool NeedsResearchers(this Metric metric) =>
        metric is Metric.Researchers or Metric.H100ePerResearcher or Metric.PflopsPerResearcher;

    /// <summary>The metric with that output name, or null.</summary>
    public static Metric? FromName(string name) => All.FirstOrDefault(m => m.Name == name)?.Metric;
}
