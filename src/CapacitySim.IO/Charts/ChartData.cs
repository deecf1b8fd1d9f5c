using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;

namespace CapacitySim.IO.Charts;

/// <summary>The series charts read from a run's statistics, by scope and metric, with dates for the x axis.</summary>
public sealed class ChartData
{
    private readonly Summary _monthly;
    private readonly Summary _annual;

    public ChartData(SimulationResult result, Summary monthly, Summary annual)
    {
        _monthly = monthly;
        _annual = annual;
        ScenarioName = result.Scenario.Name;
        ScopeNames = result.ScopeNames;
        // More parts than the palette's ten colours would repeat colours: then the total is drawn alone.
        Parts = result.PartScopes is { Count: > 0 and <= 10 } parts ? parts : [result.TotalScope];
        Months = result.Months;
        Xs = [.. Enumerable.Range(0, Months).Select(t => { var m = result.Scenario.Start.AddMonths(t); return new DateTime(m.Year, m.Month, 1).ToOADate(); })];
        Years = [.. annual.Source.PeriodLabels];
        HasResearchers = result.Has(result.TotalScope, Metric.H100ePerResearcher);
        HasTypedSources = result.Scenario.Sites.Any(site => site.HasTypedSources);
        HasSpread = !RunPlan.IsNominalRun(result.Samples) && monthly.PercentileLevels.Count > 1;
        var levels = monthly.PercentileLevels;
        LowIndex = IndexOf(levels.Min());
        HighIndex = IndexOf(levels.Max());
        int median = levels.ToList().IndexOf(50);
        MiddleIndex = median;
        MiddleLabel = RunPlan.IsNominalRun(result.Samples) ? "(nominal)" : median >= 0 ? "P50" : "mean";
        LowLabel = "P" + levels.Min().ToString("R", CultureInfo.InvariantCulture);
        HighLabel = "P" + levels.Max().ToString("R", CultureInfo.InvariantCulture);
        BandLabel = HasSpread ? $"{MiddleLabel} line, {LowLabel}-{HighLabel} band over {result.Samples:N0} samples" : "nominal run (1 sample)";
        int sites = result.Scenario.Sites.Count;
        ScopeLabel = sites == 1 ? "1 site" : $"total of {sites:N0} sites";
        AllSites = sites == 1 ? "" : " (all sites)";
        Milestones = MilestonesOf(result.Scenario);
        int IndexOf(double level) => levels.ToList().IndexOf(level);
    }

    /// <summary>Most milestone lines drawn; a fleet's hundreds of phases would hide the data.</summary>
    public const int MaxMilestones = 12;

    /// <summary>"1 site" or "total of N sites": the scope the charts show.</summary>
    public string ScopeLabel { get; }

    /// <summary>" (all sites)" after a total's legend text, or nothing when there is one site.</summary>
    public string AllSites { get; }

    /// <summary>"mean over samples", with ", all sites" when there are several: the subtitle's start for the charts of yearly means.</summary>
    public string MeanOverSamples => $"mean over samples{AllSites.Replace(" (", ", ").TrimEnd(')')}";

    /// <summary>Where phases nominally come online (x as OLE date, label the phase names), inside the run; empty above <see cref="MaxMilestones"/>.</summary>
    public IReadOnlyList<(double X, string Label)> Milestones { get; }

    private static IReadOnlyList<(double X, string Label)> MilestonesOf(Core.Model.Scenario scenario)
    {
        var lines = scenario.Sites.SelectMany(s => s.Phases).Select(p =>
        {
            // o_p = pos(online) + nominal delay, in months: a whole month plus a fraction of the next one.
            double delay = p.NominalOnlineOffset;
            var month = p.Online.AddMonths((int)Math.Floor(delay));
            var first = new DateTime(month.Year, month.Month, 1);
            double x = first.ToOADate() + (delay - Math.Floor(delay)) * DateTime.DaysInMonth(month.Year, month.Month);
            return (Month: month, X: x, p.Name);
        })
        .Where(m => m.Month.Ordinal >= scenario.Start.Ordinal && m.Month.Ordinal <= scenario.End.Ordinal)
        .GroupBy(m => m.Month)
        .Select(g => (g.Min(m => m.X), string.Join(", ", g.Select(m => m.Name))))
        .OrderBy(m => m.Item1)
        .ToList();
        return lines.Count <= MaxMilestones ? lines : [];
    }

    public string ScenarioName { get; }
    public IReadOnlyList<string> ScopeNames { get; }
    public int Months { get; }
    public int Total => ScopeNames.Count - 1;

    /// <summary>The scopes drawn as parts of the total (sites, or regions when sites are not kept; the total alone when there are too many), in order.</summary>
    public IReadOnlyList<int> Parts { get; }

    /// <summary>OLE automation dates of the first day of each month.</summary>
    public double[] Xs { get; }

    public string[] Years { get; }
    public bool HasResearchers { get; }

    /// <summary>True when some site has typed sources, dispatched hour by hour (MODEL.md section 8): cfe.png is drawn and takes energy's dashboard panel.</summary>
    public bool HasTypedSources { get; }

    /// <summary>The typical days of dispatch.png (a month's campus on each season's typical weather); null when it is not drawn.</summary>
    public Core.Engine.Hourly.DispatchDays? Dispatch { get; init; }

    /// <summary>True when there is more than one sample and more than one percentile to draw a band between.</summary>
    public bool HasSpread { get; }

    public int LowIndex { get; }
    public int HighIndex { get; }
    public int MiddleIndex { get; }
    public string MiddleLabel { get; }
    public string LowLabel { get; }
    public string HighLabel { get; }
    public string BandLabel { get; }

    public double[] Mean(int scope, Metric metric) => Monthly(scope, metric, r => r.Mean);

    public double[] Percentile(int scope, Metric metric, int index) => Monthly(scope, metric, r => r.Percentiles[index]);

    /// <summary>P50 when it was requested, else the mean.</summary>
    public double[] Middle(int scope, Metric metric) => MiddleIndex >= 0 ? Percentile(scope, metric, MiddleIndex) : Mean(scope, metric);

    public double[] AnnualMean(int scope, Metric metric) =>
        [.. Enumerable.Range(0, Years.Length).Select(y => _annual.Find(y, scope, metric)?.Mean ?? double.NaN)];

    /// <summary>Largest monthly statistic (mean or any percentile) of a metric over all scopes: what a chart must show.</summary>
    public double Max(Metric metric) =>
        Enumerable.Range(0, ScopeNames.Count)
            .SelectMany(s => Enumerable.Range(0, Months).Select(t => _monthly.Find(t, s, metric)))
            .OfType<SummaryRow>()
            .SelectMany(r => r.Percentiles.Append(r.Mean))
            .Where(double.IsFinite).DefaultIfEmpty(0).Max();

    /// <summary>Largest annual mean at the total scope.</summary>
    public double AnnualMax(Metric metric) => AnnualMean(Total, metric).Where(double.IsFinite).DefaultIfEmpty(0).Max();

    private double[] Monthly(int scope, Metric metric, Func<SummaryRow, double> pick) =>
        [.. Enumerable.Range(0, Months).Select(t => _monthly.Find(t, scope, metric) is { } row ? pick(row) : double.NaN)];
}
