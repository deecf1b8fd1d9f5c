namespace CapacitySim.Core.Model;

/// <summary>How built capacity grows over a phase's ramp: f(x) = x or 3x^2 - 2x^3.</summary>
public enum RampShape { SCurve, Linear }

/// <summary>
/// A construction phase. Exactly one of <see cref="ItMw"/> and <see cref="FacilityMw"/> is set;
/// facility MW become IT MW through the site's design PUE. <see cref="Accelerator"/> null means
/// the latest roadmap entry available when the phase comes online.
/// </summary>
public sealed record Phase(
    string Name,
    YearMonth Online,
    Uncertain DelayMonths,
    Uncertain? ItMw,
    Uncertain? FacilityMw,
    Uncertain RampMonths,
    RampShape Ramp,
    string? Accelerator);
