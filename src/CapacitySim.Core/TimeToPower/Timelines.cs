using CapacitySim.Core.Engine;
using CapacitySim.Core.Engine.Parameters;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.TimeToPower;

/// <summary>Whether a timeline is a phase's or a supply source's.</summary>
public enum TimelineKind { Phase, Source }

/// <summary>
/// When one phase or source comes online, sample by sample (docs/model.md "Time to power"): its
/// online month position per sample (a phase's first month with built IT; a source's first month)
/// and, for a phase, its first run month with powered IT (null when never in the run).
/// </summary>
public sealed record Timeline(string Item, TimelineKind Kind, string Site, YearMonth? Announced, int[] Online, int?[] Powered)
{
    /// <summary>Share of samples online by the announced month (online &lt;= pos(announced)), or null without one.</summary>
    public double? ShareByAnnounced(YearMonth start) =>
        Announced is { } a ? Online.Count(t => t <= a.PositionFrom(start)) / (double)Online.Length : null;

    /// <summary>Share of samples online by month position <paramref name="t"/>.</summary>
    public double ShareOnlineBy(int t) => Online.Count(o => o <= t) / (double)Online.Length;

    // Sorted once, on first use: the CSV, the report and the console each ask for three percentiles.
    private int[]? _onlineSorted, _poweredSorted;

    /// <summary>The percentile <paramref name="level"/> (0-100) of the online month position: the lower order statistic.</summary>
    public int OnlinePercentile(double level) => LowerOrder(_onlineSorted ??= [.. Online.Order()], level);

    /// <summary>As <see cref="OnlinePercentile"/> for the first powered month; null when it falls on samples never powered in the run.</summary>
    public int? PoweredPercentile(double level)
    {
        if (Kind != TimelineKind.Phase) return null;
        // Never powered sorts last.
        int value = LowerOrder(_poweredSorted ??= [.. Powered.Select(p => p ?? int.MaxValue).Order()], level);
        return value == int.MaxValue ? null : value;
    }

    private static int LowerOrder(int[] sorted, double level) => sorted[(int)Math.Floor(level / 100 * (sorted.Length - 1) + 1e-9)];
}

/// <summary>
/// The timelines of a run: every phase with a path or a delay and every source with a path, drawn
/// with the engines' own parameter drawer and sampler, so sample i's dates are the ones the
/// engines ran with.
/// </summary>
public static class Timelines
{
    /// <summary>True when a phase has a path or a delay (random, or nominally not 0), or a source has a path: then the run has timelines.</summary>
    public static bool Applies(Scenario scenario) => scenario.Sites.Any(site => site.Phases.Any(HasTimeline) || (site.Supply ?? []).Any(x => x.Path is not null));

    private static bool HasTimeline(Phase p) => p.Path is not null || p.DelayMonths.IsRandom || p.DelayMonths.Nominal != 0;

    /// <summary>
    /// The online month of a phase whose o_p is <paramref name="online"/>: the first t with
    /// m(t) = t + 0.5 &gt; o_p, or &gt;= o_p when the ramp is 0 (the first month with built IT).
    /// </summary>
    public static int PhaseOnlineMonth(double online, double rampMonths) =>
        rampMonths == 0 ? (int)Math.Ceiling(online - 0.5) : (int)Math.Floor(online - 0.5) + 1;

    /// <summary>Every timeline of the scenario as <paramref name="plan"/> runs it (samples, seed, pinned parameters); empty when none applies.</summary>
    public static IReadOnlyList<Timeline> Of(Scenario scenario, RunPlan plan)
    {
        if (!Applies(scenario)) return [];
        var layout = new ScenarioLayout(scenario);
        int samples = plan.Samples, months = layout.Months;
        const int Chunk = 16;
        var items = new List<(int Site, int Index, TimelineKind Kind)>();
        for (int s = 0; s < scenario.Sites.Count; s++)
        {
            var site = scenario.Sites[s];
            for (int p = 0; p < site.Phases.Count; p++)
                if (HasTimeline(site.Phases[p])) items.Add((s, p, TimelineKind.Phase));
            var supply = site.Supply ?? [];
            for (int x = 0; x < supply.Count; x++)
                if (supply[x].Path is not null) items.Add((s, x, TimelineKind.Source));
        }
        var online = items.Select(_ => new int[samples]).ToArray();
        var powered = items.Select(_ => new int?[samples]).ToArray();
        // The items of each site, so a chunk visits every item once.
        var itemsOf = items.Select((item, k) => (item.Site, k)).GroupBy(x => x.Site).Select(g => (Site: g.Key, Items: g.Select(x => x.k).ToArray())).ToArray();
        // Chunks of samples in parallel, each thread with its own drawer and sampler: a chunk writes
        // only its own samples' slots, and a sample's draws do not depend on the thread.
        int chunks = (samples + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, plan.Threads) },
            () => new ParameterDrawer(layout, new Sampler(plan), Chunk),
            (chunk, _, drawer) =>
            {
                int first = chunk * Chunk;
                int count = Math.Min(Chunk, samples - first);
                drawer.Begin(first, count);
                foreach (var (s, ofSite) in itemsOf)
                {
                    drawer.Release(0);
                    var d = drawer.Site(s);
                    foreach (int k in ofSite)
                    {
                        for (int j = 0; j < count; j++)
                        {
                            if (items[k].Kind == TimelineKind.Source)
                            {
                                online[k][first + j] = (int)Math.Clamp(d.Supply![items[k].Index].FirstMonth(j), int.MinValue, int.MaxValue);
                                continue;
                            }
                            var phase = d.Phases[items[k].Index];
                            int on = PhaseOnlineMonth(phase.OnlinePosition[j], phase.RampMonths[j]);
                            online[k][first + j] = on;
                            powered[k][first + j] = phase.ItMw[j] > 0 ? FirstPowered(d, j, Math.Max(0, on), months) : null;
                        }
                    }
                }
                return drawer;
            },
            _ => { });
        var start = scenario.Start;
        return [.. items.Select((item, k) =>
        {
            var site = scenario.Sites[item.Site];
            if (item.Kind == TimelineKind.Phase)
            {
                var phase = site.Phases[item.Index];
                return new Timeline(phase.Name, item.Kind, site.Name, phase.Path?.Announced, online[k], powered[k]);
            }
            var source = site.Supply![item.Index];
            return new Timeline(source.Name, item.Kind, site.Name, source.Path!.Announced, online[k], powered[k]);
        })];
    }

    /// <summary>The first run month from <paramref name="from"/> on in which the site's firm supply is above 0 (powered IT needs it), or null.</summary>
    private static int? FirstPowered(DrawnSite d, int j, int from, int months)
    {
        if (d.Supply is null) return from < months ? from : null;
        for (int t = from; t < months; t++)
        {
            double firm = 0;
            foreach (var source in d.Supply)
                if (source.FirstMonth(j) <= t && t < source.UntilPosition) firm += source.Mw[j] * source.FirmFraction[j];
            if (firm > 0) return t;
        }
        return null;
    }
}
