using System.Numerics;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>
/// Monthly per-sample values of every metric for a scenario. Scopes are, in order: the sites (when
/// kept), the regions "region:NAME" (when kept and the scenario names regions), then the total.
/// Total-only metrics are null at other scopes; researcher metrics are null without researchers.
/// Memory is what the kept scopes need: sites that are not kept are only added to their region
/// and the total.
/// </summary>
public sealed class SimulationResult : SampleSeries
{
    public SimulationResult(Scenario scenario, int samples, ScopeKinds? kinds = null)
        : this(scenario, samples, Layout.Of(scenario, kinds ?? Scopes.Default(scenario.Sites.Count)))
    {
    }

    private SimulationResult(Scenario scenario, int samples, Layout layout)
        : this(scenario, samples, layout, Allocate(scenario, samples, layout, out var zeros), zeros)
    {
    }

    private SimulationResult(Scenario scenario, int samples, Layout layout, double[]?[][] series, double[]? zeros)
        : base(MonthLabels(scenario), layout.Names, samples, series)
    {
        Zeros = zeros;
        Scenario = scenario;
        SiteScopeOf = layout.SiteScopeOf;
        RegionScopeOf = layout.RegionScopeOf;
        Kinds = layout.Kinds;
    }

    public Scenario Scenario { get; }

    /// <summary>
    /// The one array of zeros that every scope shares for a metric none of its sites can have
    /// (<see cref="CanHave"/>), or null when there is none. Nothing writes it but 0s, and the fast
    /// engine skips it; it keeps a large fleet's result from holding megabytes of zeros per scope.
    /// </summary>
    internal double[]? Zeros { get; }

    /// <summary>Months in the run.</summary>
    public int Months => Periods;

    /// <summary>The scope kinds kept.</summary>
    public ScopeKinds Kinds { get; }

    /// <summary>Per site, the index of its own scope, or -1 when site scopes are not kept.</summary>
    public IReadOnlyList<int> SiteScopeOf { get; }

    /// <summary>Per site, the index of its region's scope, or -1.</summary>
    public IReadOnlyList<int> RegionScopeOf { get; }

    /// <summary>The scopes that add up to the total and are drawn as its parts: the sites if kept, else the regions.</summary>
    public IReadOnlyList<int> PartScopes =>
        SiteScopeOf.Any(s => s >= 0) ? [.. SiteScopeOf] : [.. RegionScopeOf.Where(r => r >= 0).Distinct().Order()];

    /// <summary>Zeroes every value, on up to <paramref name="maxThreads"/> threads (all cores by default).</summary>
    internal void Clear(int? maxThreads = null)
    {
        Parallel.ForEach(Arrays.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = maxThreads ?? Environment.ProcessorCount }, a => Array.Clear(a));
    }

    /// <summary>Adds one site's value of an additive metric to its scopes (its own, its region's, the total) at a slot.</summary>
    public void AddSiteValue(int site, int metric, int slot, double value)
    {
        if (SiteScopeOf[site] is var own and >= 0) Series[own][metric]![slot] = value;
        if (RegionScopeOf[site] is var region and >= 0) Series[region][metric]![slot] += value;
        Series[TotalScope][metric]![slot] += value;
    }

    /// <summary>
    /// Fills the derived metrics at every scope for samples <paramref name="first"/> ..
    /// <paramref name="first"/> + <paramref name="count"/> - 1 (all of them by default), once those
    /// samples' other metrics are in: capex_cumulative_usd (facility + hardware + supply capex
    /// summed from the run's first month), emissions_cumulative_tco2 (operational + embodied, the
    /// same way), usd_per_h100e_hour (the scope's tco_usd over its H100e x hours, 0 without H100e)
    /// and cfe_share (its cfe_mwh over its facility energy, 0 without energy).
    /// </summary>
    public void DeriveMetrics(int first = 0, int? count = null)
    {
        int end = first + (count ?? Samples);
        var hours = Enumerable.Range(0, Months).Select(t => Scenario.Start.AddMonths(t).Hours).ToArray();
        var spent = new double[end - first];
        var tonnes = new double[end - first];
        for (int scope = 0; scope < ScopeNames.Count; scope++)
        {
            var facility = Series[scope][(int)Metric.CapexFacilityUsd]!;
            var hardware = Series[scope][(int)Metric.CapexHardwareUsd]!;
            var supply = Series[scope][(int)Metric.CapexSupplyUsd]!;
            var cumulative = Series[scope][(int)Metric.CapexCumulativeUsd]!;
            var operational = Series[scope][(int)Metric.EmissionsTco2]!;
            var embodied = Series[scope][(int)Metric.EmissionsEmbodiedTco2]!;
            var emitted = Series[scope][(int)Metric.EmissionsCumulativeTco2]!;
            var tco = Series[scope][(int)Metric.TcoUsd]!;
            var h100e = Series[scope][(int)Metric.H100e]!;
            var perHour = Series[scope][(int)Metric.UsdPerH100eHour]!;
            var cfe = Series[scope][(int)Metric.CfeMwh]!;
            var energy = Series[scope][(int)Metric.FacilityEnergyMwh]!;
            var cfeShare = Series[scope][(int)Metric.CfeShare]!;
            // Month by month over the samples, each sample's running sums carried in an array: the
            // rows are read in order (a sample's months lie a row apart), and every sample's sums
            // take its months in order as before.
            Array.Clear(spent);
            Array.Clear(tonnes);
            int width = Vector<double>.Count;
            var zero = Vector<double>.Zero;
            for (int t = 0; t < Months; t++)
            {
                int row = t * Samples;
                double hoursOfMonth = hours[t];
                int i = first;
                // Vector by vector, the same operations on each sample as the loop after it.
                for (; i + width <= end; i += width)
                {
                    int slot = row + i, k = i - first;
                    var sum = new Vector<double>(spent, k) + (new Vector<double>(facility, slot) + new Vector<double>(hardware, slot) + new Vector<double>(supply, slot));
                    sum.CopyTo(spent, k);
                    sum.CopyTo(cumulative, slot);
                    var total = new Vector<double>(tonnes, k) + (new Vector<double>(operational, slot) + new Vector<double>(embodied, slot));
                    total.CopyTo(tonnes, k);
                    total.CopyTo(emitted, slot);
                    var h100eHours = new Vector<double>(h100e, slot) * new Vector<double>(hoursOfMonth);
                    Vector.ConditionalSelect(Vector.GreaterThan(h100eHours, zero), new Vector<double>(tco, slot) / h100eHours, zero).CopyTo(perHour, slot);
                    var energyOf = new Vector<double>(energy, slot);
                    Vector.ConditionalSelect(Vector.GreaterThan(energyOf, zero), new Vector<double>(cfe, slot) / energyOf, zero).CopyTo(cfeShare, slot);
                }
                for (; i < end; i++)
                {
                    int slot = row + i, k = i - first;
                    spent[k] += facility[slot] + hardware[slot] + supply[slot];
                    cumulative[slot] = spent[k];
                    tonnes[k] += operational[slot] + embodied[slot];
                    emitted[slot] = tonnes[k];
                    double h100eHours = h100e[slot] * hoursOfMonth;
                    perHour[slot] = h100eHours > 0 ? tco[slot] / h100eHours : 0;
                    cfeShare[slot] = energy[slot] > 0 ? cfe[slot] / energy[slot] : 0;
                }
            }
        }
    }

    private static string[] MonthLabels(Scenario scenario) =>
        [.. Enumerable.Range(0, scenario.Months).Select(t => scenario.Start.AddMonths(t).ToString())];

    private static double[]?[][] Allocate(Scenario scenario, int samples, Layout layout, out double[]? zeros)
    {
        int scopes = layout.Names.Count;
        // Whether some site of a scope can have the metric: a site adds to its own scope, its region's and the total.
        var can = new bool[scopes, Metrics.Count];
        for (int s = 0; s < scenario.Sites.Count; s++)
        {
            int[] of = [layout.SiteScopeOf[s], layout.RegionScopeOf[s], scopes - 1];
            foreach (var info in Metrics.All)
                if (CanHave(scenario.Sites[s], info.Metric))
                    foreach (int scope in of)
                        if (scope >= 0) can[scope, (int)info.Metric] = true;
        }
        return AllocateSeries(scopes, scenario.Months * samples, (scope, metric) =>
            (scope == scopes - 1 || !metric.Info().TotalOnly) && (scenario.Researchers is not null || !metric.NeedsResearchers()),
            (scope, metric) => !can[scope, (int)metric], out zeros);
    }

    /// <summary>
    /// False for a metric that is 0 in every month and sample of a site whatever is drawn: what
    /// only hourly dispatch has (curtailment, battery discharge, gas burned) without typed sources;
    /// stranded IT, shortfall and unserved hours on the unlimited grid; supply capex when no source
    /// has capex_usd_per_mw other than a fixed 0.
    /// </summary>
    internal static bool CanHave(Site site, Metric metric) => metric switch
    {
        Metric.CurtailedMwh or Metric.BatteryDischargeMwh or Metric.GasFuelMmbtu => site.HasTypedSources,
        Metric.ItStrandedMw or Metric.ShortfallMwh or Metric.UnservedHours => site.Supply is not null,
        Metric.CapexSupplyUsd => site.Supply?.Any(x => x.CapexUsdPerMw is not { Kind: DistributionKind.Fixed, Value: 0 }) == true,
        _ => true,
    };

    private sealed record Layout(List<string> Names, int[] SiteScopeOf, int[] RegionScopeOf, ScopeKinds Kinds)
    {
        public static Layout Of(Scenario scenario, ScopeKinds kinds)
        {
            var names = new List<string>();
            int sites = scenario.Sites.Count;
            var siteScope = Enumerable.Repeat(-1, sites).ToArray();
            var regionScope = Enumerable.Repeat(-1, sites).ToArray();
            if (kinds.HasFlag(ScopeKinds.Site))
                for (int s = 0; s < sites; s++)
                {
                    siteScope[s] = names.Count;
                    names.Add(scenario.Sites[s].Name);
                }
            if (kinds.HasFlag(ScopeKinds.Region))
                foreach (string region in scenario.Sites.Select(s => s.Region).OfType<string>().Distinct())
                {
                    int index = names.Count;
                    names.Add(Scopes.RegionName(region));
                    for (int s = 0; s < sites; s++) if (scenario.Sites[s].Region == region) regionScope[s] = index;
                }
            names.Add("total");
            return new Layout(names, siteScope, regionScope, kinds);
        }
    }
}
