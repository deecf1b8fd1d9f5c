namespace CapacitySim.Core.Model;

/// <summary>How built capacity grows over a phase's ramp: f(x) = x or 3x^2 - 2x^3.</summary>
public enum RampShape { SCurve, Linear }

/// <summary>
/// A construction phase. Exactly one of <see cref="ItMw"/> and <see cref="FacilityMw"/> is set;
/// facility MW become IT MW through the site's design PUE. <see cref="Accelerator"/> null means
/// the latest roadmap entry available when the phase comes online. A phase with a <see cref="Path"/>
/// has <see cref="Online"/> = the path's start and no delay: its o_p is the path's end.
/// </summary>
public sealed record Phase(
    string Name,
    YearMonth Online,
    Uncertain DelayMonths,
    Uncertain? ItMw,
    Uncertain? FacilityMw,
    Uncertain RampMonths,
    RampShape Ramp,
    string? Accelerator)
{
    /// <summary>The path to power that gives o_p, or null when online + delay_months do.</summary>
    public PowerPath? Path { get; init; }

    /// <summary>Nominal months from <see cref="Online"/> to o_p: the delay, or the path's length.</summary>
    public double NominalOnlineOffset => Path?.NominalMonths ?? DelayMonths.Nominal;
}
