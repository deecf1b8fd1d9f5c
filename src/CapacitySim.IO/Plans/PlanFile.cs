using CapacitySim.Core.Model;
using CapacitySim.Core.Planning;

namespace CapacitySim.IO.Plans;

/// <summary>
/// A site a plan may create: its name and the site fields written for it (each already in YAML flow
/// text, in the order given), and its supply sources when it lists any (null: an unlimited grid).
/// </summary>
public sealed record NewSiteTemplate(string Name, IReadOnlyList<(string Key, string Yaml)> Fields, IReadOnlyList<SupplySource>? Supply);

/// <summary>
/// One entry of a plan's <c>expansion</c> list: its limits, whether firm supply grows with each
/// added phase, the phase terms it overrides (null: the site's last phase's), and the new site it
/// creates (null for a site of the scenario).
/// </summary>
public sealed record ExpansionSpec(
    PlanExpansion Limits,
    bool GrowSupply,
    Uncertain? RampMonths,
    Uncertain? DelayMonths,
    Uncertain? BuildMonths,
    string? Accelerator,
    NewSiteTemplate? NewSite);

/// <summary>
/// A validated plan file: the scenario it plans (path as resolved, its text and the loaded
/// scenario), the confidence, samples and seed it asks for (null: the scenario's), its targets and
/// where it may add capacity.
/// </summary>
public sealed record PlanFile(
    string Path,
    string ScenarioPath,
    string ScenarioText,
    Scenario Scenario,
    double Confidence,
    int? Samples,
    ulong? Seed,
    IReadOnlyList<PlanTarget> Targets,
    IReadOnlyList<ExpansionSpec> Expansions)
{
    /// <summary>The search problem the file states: targets, confidence, limits, and the years up to the last target's.</summary>
    public PlanProblem Problem => new(Targets, Confidence, [.. Expansions.Select(e => e.Limits)], Targets.Max(t => t.Month.Year));
}
