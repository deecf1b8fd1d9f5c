using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine.Parameters;

/// <summary>
/// What of a scenario does not depend on the samples, worked out once per run: hours and calendar
/// month of each month, catalog indices of the roadmap, of H100 and of named accelerators, the month
/// positions of phases, supply sources and researcher points, and the clusters each site is in.
/// </summary>
internal sealed class ScenarioLayout
{
    public ScenarioLayout(Scenario scenario)
    {
        Scenario = scenario;
        var start = scenario.Start;
        Months = scenario.Months;
        HoursOf = [.. Enumerable.Range(0, Months).Select(t => start.AddMonths(t).Hours)];
        CalendarMonthOf = [.. Enumerable.Range(0, Months).Select(t => start.AddMonths(t).Month)];
        YearOf = [.. Enumerable.Range(0, Months).Select(t => start.AddMonths(t).Year - start.Year)];
        Typed = [.. scenario.Sites.Select(site => site.HasTypedSources)];
        AnyTrajectory = [.. scenario.Sites.Select(site => site.Trajectories.Any() || (site.Supply ?? []).Any(x => x.Trajectories.Any()))];
        _outageKeys = [.. Enumerable.Range(0, scenario.Sites.Count).Select(s => new Lazy<ulong[]?[]>(() => MakeOutageKeys(scenario, s, Months)))];
        Roadmap = [.. scenario.Roadmap.Select(IndexOf)];
        H100 = IndexOf("H100");
        Sites = [.. scenario.Sites.Select(site => new SiteLayout(
            [.. site.Phases.Select(p => p.Online.PositionFrom(start))],
            [.. site.Phases.Select(p => p.Accelerator is { } name ? IndexOf(name) : -1)],
            [.. (site.Supply ?? []).Select(x => x.From is { } from ? from.PositionFrom(start) : int.MinValue)],
            [.. (site.Supply ?? []).Select(x => x.Until is { } until ? until.PositionFrom(start) : int.MaxValue)]))];
        var named = Sites.SelectMany(s => s.NamedAccelerator).Where(a => a >= 0).ToHashSet();
        UsedGenerations = [.. Enumerable.Range(0, scenario.Catalog.Count).Select(a => Roadmap.Contains(a) || a == H100 || named.Contains(a))];
        ResearcherPositions = scenario.Researchers?.Select(r => r.Month.PositionFrom(start)).ToArray();
        PueFactor = [.. scenario.Sites.Select(site => site.PueMonthly.Select(q => q / site.PueMonthly.Average()).ToArray())];
        ClustersOfSite = [.. Enumerable.Range(0, scenario.Sites.Count)
            .Select(s => Enumerable.Range(0, scenario.Clusters.Count).Where(c => scenario.Clusters[c].SiteIndices.Contains(s)).ToArray())];
        // A distribution written once and taken by several sites (in defaults): drawn once a block, not once a site.
        var uses = new Dictionary<Uncertain, int>(ReferenceEqualityComparer.Instance);
        foreach (var site in scenario.Sites)
            foreach (var u in SiteParameters(site).Where(u => u.IsRandom).Distinct(ReferenceEqualityComparer.Instance).Cast<Uncertain>())
                uses[u] = uses.GetValueOrDefault(u) + 1;
        Shared = [.. uses.Where(kv => kv.Value > 1).Select(kv => kv.Key)];
    }

    /// <summary>The values of a trajectory's points, none without one.</summary>
    private static IEnumerable<Uncertain> Points(Trajectory trajectory) => trajectory.Points.Select(p => p.Value);

    /// <summary>Every (u) a site's draws take: its own fields, its sources' and its phases'.</summary>
    private static IEnumerable<Uncertain> SiteParameters(Site site)
    {
        yield return site.Pue;
        yield return site.DesignPue;
        yield return site.LoadFactor;
        yield return site.Mfu;
        yield return site.LifetimeYears;
        yield return site.CapexUsdPerItMw;
        yield return site.BuildMonths;
        yield return site.TrainingShare;
        yield return site.WueLitresPerKwh;
        yield return site.GridPriceUsdPerMwh;
        yield return site.GridGCo2PerKwh;
        var life = site.Life;
        yield return life.EmbodiedTco2PerItMw;
        yield return life.FacilityLifeYears;
        yield return life.SupplyLifeYears;
        yield return life.HardwareBookYears;
        yield return life.Wacc;
        yield return life.OmFacilityShare;
        yield return life.OmHardwareShare;
        foreach (var point in site.Trajectories.SelectMany(Points)) yield return point;
        foreach (var x in site.Supply ?? [])
        {
            yield return x.Mw;
            yield return x.PriceUsdPerMwh;
            yield return x.GCo2PerKwh;
            yield return x.FirmFraction;
            yield return x.CapacityFactor;
            yield return x.CapexUsdPerMw;
            yield return x.BuildMonths;
            yield return x.EmbodiedTco2PerMw;
            foreach (var point in x.Trajectories.SelectMany(Points)) yield return point;
        }
        foreach (var p in site.Phases)
        {
            yield return p.DelayMonths;
            if (p.ItMw is { } it) yield return it;
            if (p.FacilityMw is { } facility) yield return facility;
            yield return p.RampMonths;
        }
    }

    /// <summary>Random parameters taken by more than one site (written in <c>defaults</c>): a block draws each once.</summary>
    public Uncertain[] Shared { get; }

    public Scenario Scenario { get; }

    /// <summary>Months T in the run.</summary>
    private static ulong[]?[] MakeOutageKeys(Scenario scenario, int s, int months)
    {
        var supply = scenario.Sites[s].Supply ?? [];
        int days = scenario.DaysPerMonth * months;
        var keys = new ulong[]?[supply.Count];
        for (int x = 0; x < supply.Count; x++)
        {
            if (supply[x].Type != SourceType.Gas) continue;
            int units = supply[x].Units;
            var table = new ulong[days * units];
            for (int u = 0; u < units; u++)
            {
                ulong stream = CounterRandom.KeyOf($"sites[{s}].supply[{x}].unit[{u}].outage");
                for (int day = 0; day < days; day++) table[day * units + u] = CounterRandom.Mix(stream + (ulong)day * CounterRandom.Golden);
            }
            keys[x] = table;
        }
        return keys;
    }

    public int Months { get; }

    /// <summary>hours(t): days of the calendar month x 24.</summary>
    public double[] HoursOf { get; }

    /// <summary>Calendar month (1 .. 12) of month t.</summary>
    public int[] CalendarMonthOf { get; }

    /// <summary>Per month, its calendar year counted from the run's first (0 for the start's year).</summary>
    public int[] YearOf { get; }

    /// <summary>Per site, true when it has typed sources and is dispatched hour by hour (MODEL.md section 8).</summary>
    public bool[] Typed { get; }

    /// <summary>Per site, true when it or one of its sources gives a {month, value} list: its prices, intensities or shares vary by month.</summary>
    public bool[] AnyTrajectory { get; }

    private readonly Lazy<ulong[]?[]>[]? _outageKeys;

    /// <summary>
    /// Per gas source of site <paramref name="s"/> (null for other sources), the key of each unit's
    /// outage draw on each day of the run, [day x units + unit]: the stream of
    /// <c>sites[s].supply[x].unit[u].outage</c> at index day. They depend on the scenario alone,
    /// so they are made once, when a typed site is first dispatched, and shared by every sample.
    /// </summary>
    public ulong[]?[] OutageKeys(int s) => _outageKeys![s].Value;

    /// <summary>Catalog indices of the roadmap, oldest first.</summary>
    public int[] Roadmap { get; }

    /// <summary>Catalog index of H100, the unit of H100e.</summary>
    public int H100 { get; }

    /// <summary>Catalog entries a run can install or compares with: the roadmap, named ones and H100; the others are not drawn.</summary>
    public bool[] UsedGenerations { get; }

    public SiteLayout[] Sites { get; }

    /// <summary>Positions of the researcher points, or null without researchers.</summary>
    public int[]? ResearcherPositions { get; }

    /// <summary>Per site, q by calendar month (January first): pue_monthly divided by its own mean, so pue stays the annual average.</summary>
    public double[][] PueFactor { get; }

    /// <summary>Per site, the indices of the clusters it is in.</summary>
    public int[][] ClustersOfSite { get; }

    private int IndexOf(string name)
    {
        for (int a = 0; a < Scenario.Catalog.Count; a++) if (Scenario.Catalog[a].Name == name) return a;
        return -1;
    }
}

/// <summary>
/// Month positions of a site's phases (pos(online), before delay) and supply sources (pos(from),
/// int.MinValue without one; pos(until), int.MaxValue without one), and each phase's named
/// accelerator's catalog index or -1 for `latest`.
/// </summary>
internal sealed record SiteLayout(int[] OnlinePosition, int[] NamedAccelerator, int[] SupplyFrom, int[] SupplyUntil);
