namespace CapacitySim.Core.Engine;

/// <summary>The metrics of docs/model.md section 5. Order is output order; <see cref="Metrics.All"/> describes each.</summary>
public enum Metric
{
    ItBuiltMw, ItPoweredMw, ItStrandedMw, SupplyMw, SupplyFirmMw, SupplyFirmItMw, FacilityDemandMw,
    Accelerators, H100e, PeakFlops, EffectiveFlops,
    ItEnergyMwh, FacilityEnergyMwh, ShortfallMwh, EnergyCostUsd, EmissionsTco2, WaterM3,
    CfeMwh, CurtailedMwh, UnservedHours, BatteryDischargeMwh, GasFuelMmbtu,
    CapexFacilityUsd, CapexHardwareUsd, CapexSupplyUsd,
    EmissionsEmbodiedTco2, DepreciationUsd, CapitalChargeUsd, OmUsd, TcoUsd,
    CapexCumulativeUsd, EmissionsCumulativeTco2, UsdPerH100eHour, CfeShare,
    Researchers, H100ePerResearcher, PflopsPerResearcher, FrontierRunFlop, FrontierRunGoodput, FrontierRunAccelerators,
}

/// <summary>
/// How a metric aggregates over a year: flows are summed, stocks and ratios take the last month;
/// a rate is the year's sums divided (usd_per_h100e_hour: the year's TCO over its H100e-hours;
/// cfe_share: the year's carbon-free energy over its facility energy).
/// </summary>
public enum MetricKind { Stock, Flow, Ratio, Rate }

/// <summary>
/// Where a metric's values come from: computed by the engines for every site (the total is the
/// sum of the sites), computed for the total only from the totals, or derived after the run from
/// other metrics of the same scope.
/// </summary>
public enum MetricOrigin { Site, TotalOnly, Derived }

/// <summary>
/// A metric: its output name and unit (the unit column of the CSV files; values are formatted for
/// people by <see cref="Units"/>), how it aggregates over a year, where it comes from, its chart
/// and table title, whether it needs researcher points, and whether `capsim compare` draws it by default.
/// </summary>
public sealed record MetricInfo(Metric Metric, string Name, string Unit, MetricKind Kind, MetricOrigin Origin, string Title, bool NeedsResearchers = false, bool Compared = false)
{
    /// <summary>True for metrics with no per-site or per-region value.</summary>
    public bool TotalOnly => Origin == MetricOrigin.TotalOnly;
}

/// <summary>
/// The metric table: every metric declared once. The engines' outputs and the fast kernel's
/// accumulator rows, CSV, annual aggregation, charts, comparisons, reports and the metric tables of
/// README.md and docs/model.md all follow it.
/// </summary>
public static class Metrics
{
    public static readonly IReadOnlyList<MetricInfo> All =
    [
        new(Metric.ItBuiltMw, "it_built_mw", "MW", MetricKind.Stock, MetricOrigin.Site, "IT capacity built"),
        new(Metric.ItPoweredMw, "it_powered_mw", "MW", MetricKind.Stock, MetricOrigin.Site, "Powered IT capacity", Compared: true),
        new(Metric.ItStrandedMw, "it_stranded_mw", "MW", MetricKind.Stock, MetricOrigin.Site, "Stranded IT capacity (built, no power)"),
        new(Metric.SupplyMw, "supply_mw", "MW", MetricKind.Stock, MetricOrigin.Site, "Power supply capacity (nameplate)"),
        new(Metric.SupplyFirmMw, "supply_firm_mw", "MW", MetricKind.Stock, MetricOrigin.Site, "Firm power supply capacity"),
        new(Metric.SupplyFirmItMw, "supply_firm_it_mw", "MW", MetricKind.Stock, MetricOrigin.Site, "IT capacity firm supply can power (firm supply / design PUE)"),
        new(Metric.FacilityDemandMw, "facility_demand_mw", "MW", MetricKind.Stock, MetricOrigin.Site, "Facility power demand"),
        new(Metric.Accelerators, "accelerators", "count", MetricKind.Stock, MetricOrigin.Site, "Accelerators installed"),
        new(Metric.H100e, "h100e", "H100e", MetricKind.Stock, MetricOrigin.Site, "H100-equivalents"),
        new(Metric.PeakFlops, "peak_flops", "FLOP/s", MetricKind.Stock, MetricOrigin.Site, "Peak compute"),
        new(Metric.EffectiveFlops, "effective_flops", "FLOP/s", MetricKind.Stock, MetricOrigin.Site, "Effective compute (FLOP/s at MFU)", Compared: true),
        new(Metric.ItEnergyMwh, "it_energy_mwh", "MWh", MetricKind.Flow, MetricOrigin.Site, "IT energy per year"),
        new(Metric.FacilityEnergyMwh, "facility_energy_mwh", "MWh", MetricKind.Flow, MetricOrigin.Site, "Facility energy per year", Compared: true),
        new(Metric.ShortfallMwh, "shortfall_mwh", "MWh", MetricKind.Flow, MetricOrigin.Site, "Energy shortfall per year"),
        new(Metric.EnergyCostUsd, "energy_cost_usd", "USD", MetricKind.Flow, MetricOrigin.Site, "Energy cost per year"),
        new(Metric.EmissionsTco2, "emissions_tco2", "tCO2", MetricKind.Flow, MetricOrigin.Site, "Emissions per year"),
        new(Metric.WaterM3, "water_m3", "m3", MetricKind.Flow, MetricOrigin.Site, "Water per year"),
        new(Metric.CfeMwh, "cfe_mwh", "MWh", MetricKind.Flow, MetricOrigin.Site, "Carbon-free energy per year (matched hour by hour)"),
        new(Metric.CurtailedMwh, "curtailed_mwh", "MWh", MetricKind.Flow, MetricOrigin.Site, "Curtailed solar and wind per year"),
        new(Metric.UnservedHours, "unserved_hours", "h", MetricKind.Flow, MetricOrigin.Site, "Hours with unserved load per year"),
        new(Metric.BatteryDischargeMwh, "battery_discharge_mwh", "MWh", MetricKind.Flow, MetricOrigin.Site, "Battery discharge per year"),
        new(Metric.GasFuelMmbtu, "gas_fuel_mmbtu", "MMBtu", MetricKind.Flow, MetricOrigin.Site, "Gas burned per year"),
        new(Metric.CapexFacilityUsd, "capex_facility_usd", "USD", MetricKind.Flow, MetricOrigin.Site, "Facility capex per year"),
        new(Metric.CapexHardwareUsd, "capex_hardware_usd", "USD", MetricKind.Flow, MetricOrigin.Site, "Hardware capex per year"),
        new(Metric.CapexSupplyUsd, "capex_supply_usd", "USD", MetricKind.Flow, MetricOrigin.Site, "Supply capex per year"),
        new(Metric.EmissionsEmbodiedTco2, "emissions_embodied_tco2", "tCO2", MetricKind.Flow, MetricOrigin.Site, "Embodied emissions per year (accelerators, facilities, supply)"),
        new(Metric.DepreciationUsd, "depreciation_usd", "USD", MetricKind.Flow, MetricOrigin.Site, "Depreciation per year"),
        new(Metric.CapitalChargeUsd, "capital_charge_usd", "USD", MetricKind.Flow, MetricOrigin.Site, "Capital charge per year (cost of capital on book value)"),
        new(Metric.OmUsd, "om_usd", "USD", MetricKind.Flow, MetricOrigin.Site, "Operations and maintenance per year"),
        new(Metric.TcoUsd, "tco_usd", "USD", MetricKind.Flow, MetricOrigin.Site, "Total cost of ownership per year"),
        new(Metric.CapexCumulativeUsd, "capex_cumulative_usd", "USD", MetricKind.Stock, MetricOrigin.Derived, "Cumulative capex (facility + hardware + supply)", Compared: true),
        new(Metric.EmissionsCumulativeTco2, "emissions_cumulative_tco2", "tCO2", MetricKind.Stock, MetricOrigin.Derived, "Cumulative emissions (operational + embodied)"),
        new(Metric.UsdPerH100eHour, "usd_per_h100e_hour", Units.PerH100eHour, MetricKind.Rate, MetricOrigin.Derived, "Cost per H100e-hour (TCO / H100e-hours)"),
        new(Metric.CfeShare, "cfe_share", "fraction", MetricKind.Rate, MetricOrigin.Derived, "Carbon-free share of facility energy (hourly matched)"),
        new(Metric.Researchers, "researchers", "people", MetricKind.Stock, MetricOrigin.TotalOnly, "Researchers", NeedsResearchers: true),
        new(Metric.H100ePerResearcher, "h100e_per_researcher", "H100e/researcher", MetricKind.Ratio, MetricOrigin.TotalOnly, "H100-equivalents per researcher", NeedsResearchers: true, Compared: true),
        new(Metric.PflopsPerResearcher, "pflops_per_researcher", "PFLOP/s/researcher", MetricKind.Ratio, MetricOrigin.TotalOnly, "Effective PFLOP/s per researcher", NeedsResearchers: true),
        new(Metric.FrontierRunFlop, "frontier_run_flop", "FLOP", MetricKind.Ratio, MetricOrigin.TotalOnly, "Largest run the capacity allows (FLOP over its days, after failures)", Compared: true),
        new(Metric.FrontierRunGoodput, "frontier_run_goodput", "fraction", MetricKind.Ratio, MetricOrigin.TotalOnly, "Goodput of the largest run the capacity allows"),
        new(Metric.FrontierRunAccelerators, "frontier_run_accelerators", "count", MetricKind.Ratio, MetricOrigin.TotalOnly, "Accelerators in the largest run the capacity allows"),
    ];

    /// <summary>Number of metrics.</summary>
    public static int Count => All.Count;

    private static readonly MetricInfo[] ByEnum = [.. All.OrderBy(i => (int)i.Metric)];

    /// <summary>The metrics the engines compute for every site, in table order.</summary>
    public static readonly IReadOnlyList<Metric> SiteComputed = [.. All.Where(i => i.Origin == MetricOrigin.Site).Select(i => i.Metric)];

    /// <summary>The metrics <c>capsim compare</c> draws unless asked for others.</summary>
    public static readonly IReadOnlyList<string> CompareDefaults = [.. All.Where(i => i.Compared).Select(i => i.Name)];

    /// <summary>The metric's table entry.</summary>
    public static MetricInfo Info(this Metric metric) => ByEnum[(int)metric];

    /// <summary>True for the metrics that need researcher points.</summary>
    public static bool NeedsResearchers(this Metric metric) => metric.Info().NeedsResearchers;

    /// <summary>The metric with that output name, or null.</summary>
    public static Metric? FromName(string name) => All.FirstOrDefault(m => m.Name == name)?.Metric;
}
