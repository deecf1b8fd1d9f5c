using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Planning;

/// <summary>
/// Where a plan may add capacity: a site (of the scenario, or a new one), from the month
/// <see cref="Earliest"/> on, in phases of <see cref="StepItMw"/> IT MW, at most
/// <see cref="MaxItMwPerYear"/> a calendar year. With <see cref="GrowSource"/>, it grows that
/// typed source of the site instead, in steps of <see cref="StepItMw"/> MW of the source up to
/// <see cref="MaxItMwPerYear"/> MW in all, once: its one cell is <see cref="Earliest"/>'s year.
/// </summary>
public sealed record PlanExpansion(string Site, bool IsNewSite, YearMonth Earliest, double StepItMw, double MaxItMwPerYear)
{
    /// <summary>The typed source the expansion grows (MODEL.md section 8, "Plan"); null for one that adds IT phases.</summary>
    public string? GrowSource { get; init; }

    /// <summary>True when <paramref name="year"/> is a year the expansion may add in: from <see cref="Earliest"/>'s on, or only that one for a grown source.</summary>
    public bool AddsIn(int year) => GrowSource is null ? year >= Earliest.Year : year == Earliest.Year;

    /// <summary>What a step adds, for people: "50 MW IT at campus" or "50 MW of battery at campus".</summary>
    public string Describe(double mw) => GrowSource is null ? $"{Units.Format(mw, "MW")} at {Site}" : $"{Units.Format(mw, "MW")} of {GrowSource} at {Site}";

    /// <summary>Most phases a year: whole steps within the yearly limit.</summary>
    public int MaxStepsPerYear => (int)Math.Floor(MaxItMwPerYear / StepItMw + 1e-9);

    /// <summary>The month an added phase of <paramref name="year"/> comes online (nominally): January, or <see cref="Earliest"/> in its own year.</summary>
    public YearMonth OnlineIn(int year) => year == Earliest.Year ? Earliest : new YearMonth(year, 1);
}

/// <summary>
/// What a plan asks: every target met in at least <see cref="Confidence"/> of the samples (jointly),
/// by adding capacity through <see cref="Expansions"/> in calendar years up to <see cref="LastYear"/>.
/// </summary>
public sealed record PlanProblem(IReadOnlyList<PlanTarget> Targets, double Confidence, IReadOnlyList<PlanExpansion> Expansions, int LastYear)
{
    /// <summary>First calendar year any expansion may build in.</summary>
    public int FirstYear => Expansions.Min(e => e.Earliest.Year);

    /// <summary>Calendar years the plan can add capacity in.</summary>
    public int Years => Math.Max(0, LastYear - FirstYear + 1);
}
