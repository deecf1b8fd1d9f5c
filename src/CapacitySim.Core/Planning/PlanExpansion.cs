using CapacitySim.Core.Model;

namespace CapacitySim.Core.Planning;

/// <summary>
/// Where a plan may add capacity: a site (of the scenario, or a new one), from the month
/// <see cref="Earliest"/> on, in phases of <see cref="StepItMw"/> IT MW, at most
/// <see cref="MaxItMwPerYear"/> a calendar year.
/// </summary>
public sealed record PlanExpansion(string Site, bool IsNewSite, YearMonth Earliest, double StepItMw, double MaxItMwPerYear)
{
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
