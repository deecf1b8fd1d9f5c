using CapacitySim.Core.Engine.Parameters;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine.Hourly;

/// <summary>
/// A typical day of each season for the sites with typed sources, summed over them (dispatch.png):
/// the campus as built in <see cref="Month"/> (the nominal run's capacities and load) on typical
/// weather (day and year factors 1, every gas unit up) in January, April, July and October. Each
/// day is the last of a week dispatched with the batteries starting half full, so they have
/// settled into the season's daily cycle. Per hour of the four days (4 x 24):
/// the load, what each kind of source serves, battery charging, curtailment and unserved load, MW.
/// </summary>
public sealed record DispatchDays(
    YearMonth Month,
    IReadOnlyList<string> Seasons,
    double[] Load,
    IReadOnlyList<(string Kind, double[] Mw)> Served,
    double[] Charging,
    double[] Curtailed,
    double[] Unserved)
{
    /// <summary>The calendar months (0 = January) standing for winter, spring, summer and autumn.</summary>
    public static readonly IReadOnlyList<int> SeasonMonths = [0, 3, 6, 9];

    /// <summary>What serves the load, in stacking order: matched solar and wind, battery discharge, then the sources after them.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["solar", "wind", "battery", "gas", "grid", "other"];

    /// <summary>Days dispatched per season before the one shown.</summary>
    public const int SettlingDays = 7;

    /// <summary>The typical days of <paramref name="scenario"/> in <paramref name="month"/>; null when no site has typed sources or the month is outside the run.</summary>
    public static DispatchDays? Of(Scenario scenario, YearMonth month)
    {
        var layout = new ScenarioLayout(scenario);
        int t = month.PositionFrom(scenario.Start);
        if (t < 0 || t >= layout.Months || !layout.Typed.Any(typed => typed)) return null;
        // The nominal run's facility demand per site in that month: the load of the typical days.
        var nominal = RunPlan.For(scenario, new RunSettings(Samples: 1, Scopes: ScopeKinds.Total | ScopeKinds.Site));
        var run = ReferenceEngine.Run(scenario, nominal);
        var sampler = new Sampler(nominal);
        var drawer = new ParameterDrawer(layout, sampler, 1);
        drawer.Begin(0, 1);
        int hours = 24 * SeasonMonths.Count;
        var load = new double[hours];
        var served = Kinds.Select(kind => (kind, new double[hours])).ToList();
        var charging = new double[hours];
        var curtailed = new double[hours];
        var unserved = new double[hours];
        for (int s = 0; s < scenario.Sites.Count; s++)
        {
            if (!layout.Typed[s]) continue;
            var site = scenario.Sites[s];
            double siteLoad = run.Value(run.SiteScopeOf[s], Metric.FacilityDemandMw, t, 0);
            var drawn = drawer.Site(s);
            var hoursOfSite = new SiteHours(site.Supply!.Count);
            var sources = site.Supply!;
            for (int season = 0; season < SeasonMonths.Count; season++)
            {
                hoursOfSite.Begin(layout, s, drawn, 0, sampler, 0);
                var before = new double[sources.Count * 3];
                var byKind = new double[Kinds.Count];
                int offset = season * 24;
                void Record(int day, int hour, ReadOnlySpan<double> generated, ReadOnlySpan<double> servedSoFar, ReadOnlySpan<double> state, double curtailedMw, double unservedMw)
                {
                    // Each source's hour from the running sums: what it generated and served, and a battery's charge.
                    double variable = 0, solar = 0, wind = 0, charge = 0;
                    Array.Clear(byKind);
                    for (int x = 0; x < sources.Count; x++)
                    {
                        double gen = generated[x] - before[3 * x], serve = servedSoFar[x] - before[3 * x + 1];
                        switch (sources[x].Type)
                        {
                            case SourceType.Solar: solar += gen; variable += gen; break;
                            case SourceType.Wind: wind += gen; variable += gen; break;
                            case SourceType.Battery:
                                byKind[2] += serve;
                                double rose = state[x] - before[3 * x + 2];
                                if (rose > 0) charge += rose / Math.Sqrt(drawn.Supply![x].RoundTripEfficiency[0]);
                                break;
                            case SourceType.Gas: byKind[3] += serve; break;
                            case SourceType.Grid: byKind[4] += serve; break;
                            default: byKind[5] += serve; break;
                        }
                        before[3 * x] = generated[x];
                        before[3 * x + 1] = servedSoFar[x];
                        before[3 * x + 2] = state[x];
                    }
                    if (day != SettlingDays - 1) return;
                    // Matched solar and wind, split by what each generated.
                    double matched = Math.Min(siteLoad, variable);
                    if (variable > 0)
                    {
                        byKind[0] = matched * solar / variable;
                        byKind[1] = matched * wind / variable;
                    }
                    int at = offset + hour;
                    load[at] += siteLoad;
                    for (int k = 0; k < Kinds.Count; k++) served[k].Item2[at] += byKind[k];
                    charging[at] += charge;
                    curtailed[at] += curtailedMw;
                    unserved[at] += unservedMw;
                }
                for (int x = 0; x < sources.Count; x++) before[3 * x + 2] = sources[x].Type == SourceType.Battery ? drawn.Supply![x].Mw[0] * drawn.Supply![x].Hours[0] / 2 : 0;
                hoursOfSite.Days(layout, s, drawn, 0, t, siteLoad, SeasonMonths[season], SettlingDays, Record);
            }
        }
        var names = SeasonMonths.Select(m => new DateTime(2001, m + 1, 1).ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new DispatchDays(month, names, load, served, charging, curtailed, unserved);
    }
}
