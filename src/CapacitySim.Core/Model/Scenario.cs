namespace CapacitySim.Core.Model;

/// <summary>A researcher headcount point; headcount is linear between points, flat outside.</summary>
public sealed record ResearcherPoint(YearMonth Month, Uncertain Count);

/// <summary>Sites that can train one model together; <see cref="SiteIndices"/> index <see cref="Scenario.Sites"/>.</summary>
public sealed record Cluster(string Name, IReadOnlyList<int> SiteIndices);

/// <summary>
/// A validated scenario: the run's months, sampling settings, the share of compute researchers
/// use, the largest training run, the accelerator catalog (built-in merged with the file's
/// entries), the roadmap in purchase order, and the sites.
/// </summary>
public sealed record Scenario(
    string Name,
    string Description,
    YearMonth Start,
    YearMonth End,
    int Samples,
    ulong Seed,
    IReadOnlyList<double> Percentiles,
    Uncertain ResearchShare,
    Training Training,
    IReadOnlyList<Accelerator> Catalog,
    IReadOnlyList<string> Roadmap,
    IReadOnlyList<ResearcherPoint>? Researchers,
    IReadOnlyList<Cluster> Clusters,
    IReadOnlyList<Site> Sites)
{
    /// <summary>The lead-time catalog the file's paths were read with (built-in merged with its lead_times).</summary>
    public IReadOnlyList<LeadTime> LeadTimes { get; init; } = [];

    /// <summary>Days D simulated per month for sites with typed sources (MODEL.md section 8, "Hours").</summary>
    public int DaysPerMonth { get; init; } = ModelDefaults.DaysPerMonth;

    /// <summary>What the scenario's numbers cover, in a short line for chart legends ("TPUs only", "rented capacity"); empty when the file says nothing.</summary>
    public string Scope { get; init; } = "";

    /// <summary>Every (u) number written in the file, in file order; empty for scenarios built in code.</summary>
    public IReadOnlyList<ScenarioParameter> Parameters { get; init; } = [];

    /// <summary>Number of months T in the run, start and end inclusive.</summary>
    public int Months => End.Ordinal - Start.Ordinal + 1;

    /// <summary>
    /// The month in which the last phase's nominal ramp ends (online + nominal delay + nominal ramp
    /// months, rounded up): where the scenario's announced plans end. Past it nothing new is built,
    /// so flat lines mean "nothing announced", not a forecast.
    /// </summary>
    public YearMonth PlansEnd => Sites.Select(PlansEndOf).DefaultIfEmpty(Start).Max();

    /// <summary>
    /// Where one site's announced plans end, as <see cref="PlansEnd"/> for its phases alone: a part
    /// of the scenario (a fleet, a campus) can stop growing years before the scenario's last phase.
    /// </summary>
    public YearMonth PlansEndOf(Site site) => site.Phases
        .Select(p => p.Online.AddMonths((int)Math.Ceiling(p.NominalOnlineOffset + p.RampMonths.Nominal)))
        .DefaultIfEmpty(Start).Max();

    /// <summary>The catalog entry of that name (names are unique).</summary>
    public Accelerator FindAccelerator(string name) =>
        Catalog.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"accelerator '{name}' is not in the catalog");
}
