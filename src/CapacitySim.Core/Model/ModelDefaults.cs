namespace CapacitySim.Core.Model;

/// <summary>
/// The values MODEL.md gives a number a scenario file leaves out. The loader takes every default
/// from here, so the documented model and the loaded scenario cannot drift apart.
/// </summary>
public static class ModelDefaults
{
    /// <summary>Monte Carlo samples: 1 is the deterministic run, every (u) at its nominal value.</summary>
    public const int Samples = 1;

    /// <summary>Random seed of the run.</summary>
    public const ulong Seed = 0;

    /// <summary>Percentile columns of the CSVs, in percent.</summary>
    public static readonly IReadOnlyList<double> Percentiles = [10, 50, 90];

    /// <summary>Share of all compute that researchers use, 0..1.</summary>
    public const double ResearchShare = 1;

    /// <summary>Length of the largest training run, in days.</summary>
    public const double TrainingDays = 100;

    /// <summary>Mean hours between job-stopping failures, per accelerator (2024 reliability).</summary>
    public const double AcceleratorMtbfHours = 50_000;

    /// <summary>Minutes to write one checkpoint of the training run.</summary>
    public const double CheckpointMinutes = 0.5;

    /// <summary>Minutes lost per failure beyond the work since the last checkpoint.</summary>
    public const double RestartMinutes = 5;

    /// <summary>Annual average PUE of a site.</summary>
    public const double Pue = 1.2;

    /// <summary>PUE multiplier of each calendar month, January first: no seasonal variation.</summary>
    public static readonly IReadOnlyList<double> PueMonthly = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>Average IT draw / powered IT capacity, 0..1.</summary>
    public const double LoadFactor = 0.8;

    /// <summary>Model FLOP utilisation: effective / peak FLOP/s, 0..1.</summary>
    public const double Mfu = 0.4;

    /// <summary>Accelerator refresh cycle in years (0 = never refresh).</summary>
    public const double LifetimeYears = 5;

    /// <summary>Building, power and cooling capex in USD per MW of IT.</summary>
    public const double CapexUsdPerItMw = 11.7e6;

    /// <summary>Months of construction spend before capacity energizes.</summary>
    public const double BuildMonths = 18;

    /// <summary>Share of a site's accelerators the largest training run can use, 0..1.</summary>
    public const double TrainingShare = 1;

    /// <summary>Litres of water per kWh of IT energy.</summary>
    public const double WueLitresPerKwh = 0.3;

    /// <summary>Grid energy price in USD per MWh, for a site that lists no supply.</summary>
    public const double GridPriceUsdPerMwh = 70;

    /// <summary>Grid carbon intensity in gCO2 per kWh, for a site that lists no supply.</summary>
    public const double GridGCo2PerKwh = 350;

    /// <summary>Price of a supply source's energy in USD per MWh, when it gives none.</summary>
    public const double SupplyPriceUsdPerMwh = 0;

    /// <summary>Carbon intensity of a supply source in gCO2 per kWh, when it gives none.</summary>
    public const double SupplyGCo2PerKwh = 0;

    /// <summary>Share of a supply source's MW that counts toward powering IT, 0..1.</summary>
    public const double FirmFraction = 1;

    /// <summary>Average share of a supply source's MW available as energy, 0..1.</summary>
    public const double CapacityFactor = 1;

    /// <summary>Capex of a supply source itself, in USD per MW.</summary>
    public const double SupplyCapexUsdPerMw = 0;

    /// <summary>Months a phase comes online after its nominal online month.</summary>
    public const double DelayMonths = 0;

    /// <summary>Months from a phase's first to its full capacity.</summary>
    public const double RampMonths = 12;

    /// <summary>Months an accelerator's availability slips.</summary>
    public const double SlipMonths = 0;

    /// <summary>Embodied carbon of an accelerator a file adds without one, in kgCO2e (the built-in catalog gives each its own).</summary>
    public const double EmbodiedKgCo2e = 0;

    /// <summary>Embodied carbon of a facility per MW of IT, in tCO2e (docs/sources.md, "Life-cycle cost and carbon").</summary>
    public const double EmbodiedTco2PerItMw = 1500;

    /// <summary>Embodied carbon of a supply source per MW, in tCO2e, when it gives none.</summary>
    public const double SupplyEmbodiedTco2PerMw = 0;

    /// <summary>Book life of a facility (building, power, cooling), in years.</summary>
    public const double FacilityLifeYears = 20;

    /// <summary>Book life of a supply source, in years.</summary>
    public const double SupplyLifeYears = 25;

    /// <summary>Book life of hardware when lifetime_years is 0 (no refresh), in years.</summary>
    public const double HardwareBookYears = 6;

    /// <summary>Cost of capital per year, a fraction.</summary>
    public const double Wacc = 0.09;

    /// <summary>Facility operations and maintenance per year, a fraction of the facility capex in service.</summary>
    public const double OmFacilityShare = 0.03;

    /// <summary>Hardware operations and maintenance per year, a fraction of the hardware capex in service.</summary>
    public const double OmHardwareShare = 0.03;

    // Hourly dispatch (MODEL.md section 8); each with its source in docs/sources.md ("Hourly dispatch").

    /// <summary>Days simulated per month, D.</summary>
    public const int DaysPerMonth = 7;

    /// <summary>Battery round-trip efficiency, AC to AC (NREL ATB 2020, after Cole and Frazier 2020).</summary>
    public const double RoundTripEfficiency = 0.85;

    /// <summary>Share of days a gas unit is down (NREL ReEDS outage_forced_static: Gas-CC and Gas-CT 0.05).</summary>
    public const double ForcedOutageRate = 0.05;

    /// <summary>Gas heat rate in MMBtu per MWh, HHV: the US gas fleet's average in 2022 (EIA Electric Power Annual, Table 8.1).</summary>
    public const double HeatRateMmbtuPerMwh = 7.74;

    /// <summary>Natural gas delivered for generation in 2023, USD per MMBtu (EIA Electric Power Monthly, Table 4.1).</summary>
    public const double FuelUsdPerMmbtu = 3.36;

    /// <summary>CO2 of natural gas burned, kg per MMBtu (EPA, 40 CFR 98 Table C-1).</summary>
    public const double GasKgCo2PerMmbtu = 53.06;

    /// <summary>Carbon-free share of a grid's energy: US generation in 2022, nuclear 18.2% + renewables 21.3% (EIA).</summary>
    public const double GridCfeShare = 0.40;

    /// <summary>Year-to-year coefficient of variation of solar output (Thevenard and Pelland 2013: 3.9%).</summary>
    public const double SolarYearCv = 0.04;

    /// <summary>Day-to-day coefficient of variation of solar output within a month (GenX New England PV profile, deseasonalised: 0.24).</summary>
    public const double SolarDayCv = 0.25;

    /// <summary>Correlation of one day's solar factor with the next (GenX New England PV profile: 0.09-0.12).</summary>
    public const double SolarDayCorrelation = 0.1;

    /// <summary>Year-to-year coefficient of variation of wind output (MODEL.md: about 8%; between the 6% sd of wind speed and ReEDS' 9.6% worst site-year).</summary>
    public const double WindYearCv = 0.08;

    /// <summary>Day-to-day coefficient of variation of wind output within a month (GenX New England onshore wind, deseasonalised: 0.54-0.62).</summary>
    public const double WindDayCv = 0.55;

    /// <summary>Correlation of one day's wind factor with the next (GenX New England onshore wind: 0.36-0.56).</summary>
    public const double WindDayCorrelation = 0.4;

    /// <summary>Embodied carbon of solar PV, tCO2e per MW (from IPCC AR5 Annex III life-cycle medians; docs/sources.md).</summary>
    public const double SolarEmbodiedTco2PerMw = 1500;

    /// <summary>Embodied carbon of onshore wind, tCO2e per MW (from IPCC AR5 Annex III life-cycle medians; docs/sources.md).</summary>
    public const double WindEmbodiedTco2PerMw = 850;

    /// <summary>Embodied carbon of a lithium-iron-phosphate battery, tCO2e per MWh of energy (Peiseler et al. 2024, median 62 kg/kWh).</summary>
    public const double BatteryEmbodiedTco2PerMwh = 62;

    /// <summary>Embodied carbon of a gas plant, tCO2e per MW: an estimate, no primary per-MW figure found (docs/sources.md).</summary>
    public const double GasEmbodiedTco2PerMw = 100;
}
