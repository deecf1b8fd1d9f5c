namespace CapacitySim.Core.Model;

/// <summary>
/// The path to power of a phase or a source (docs/model.md "Time to power"): the month its first
/// stage began, the month announced (optional, for the odds and the chart) and its stages in
/// series. Its end position is pos(start) + the stages' months.
/// </summary>
public sealed record PowerPath(YearMonth Start, YearMonth? Announced, IReadOnlyList<PathStage> Stages)
{
    /// <summary>The path's nominal length in months: every stage at its nominal value, the longest branch of each parallel.</summary>
    public double NominalMonths => PathStage.NominalMonths(Stages);
}

/// <summary>A stage of a path: a duration (<see cref="DurationStage"/>) or branches run together (<see cref="ParallelStage"/>).</summary>
public abstract record PathStage
{
    /// <summary>Months in a week: 12 / 52.</summary>
    public const double MonthsPerWeek = 12.0 / 52.0;

    /// <summary>The nominal months of stages in series.</summary>
    public static double NominalMonths(IReadOnlyList<PathStage> stages) => stages.Sum(s => s switch
    {
        DurationStage d => d.Duration.Nominal * d.MonthsPerUnit,
        ParallelStage p => p.Branches.Max(NominalMonths),
        _ => 0,
    });
}

/// <summary>
/// A stage that lasts <see cref="Duration"/> (u) in months or in weeks (<see cref="InWeeks"/>);
/// <see cref="Lead"/> names the lead-time catalog entry it was taken from, or is null. Each stage
/// has its own key, so two stages naming one lead entry draw apart.
/// </summary>
public sealed record DurationStage(string Name, Uncertain Duration, bool InWeeks, string? Lead) : PathStage
{
    /// <summary>Months per unit of <see cref="Duration"/>: 1, or 12 / 52 for weeks.</summary>
    public double MonthsPerUnit => InWeeks ? MonthsPerWeek : 1;
}

/// <summary>Branches (each stages in series) that run together; the stage lasts as long as the longest.</summary>
public sealed record ParallelStage(IReadOnlyList<IReadOnlyList<PathStage>> Branches) : PathStage;

/// <summary>
/// A lead-time catalog entry: how long one step on the path to power takes, in months or weeks
/// (u), with where the figure comes from and the year it describes.
/// </summary>
public sealed record LeadTime(string Name, Uncertain Duration, bool InWeeks, string Source, int Year);
