using System.Globalization;
using System.Text;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Planning;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Charts;
using CapacitySim.IO.Output;

namespace CapacitySim.IO.Plans;

/// <summary>The runs a plan's outputs are made from: the baseline and the planned scenario, on the same samples, with their statistics.</summary>
public sealed record PlanRuns(SimulationResult Baseline, RunStatistics BaselineStatistics, SimulationResult Planned, RunStatistics PlannedStatistics, Assessment PlannedAssessment, ulong Seed);

/// <summary>
/// Everything <c>capsim plan</c> writes into its (staging) folder: the planned scenario file,
/// plan.md, plan.csv, targets.csv, plan.png, and the usual outputs of a run of the planned scenario.
/// </summary>
public static class PlanOutputs
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// One row of plan.csv: an expansion's IT added in a year (or, for an expansion that grows a
    /// source, that source's MW added: <see cref="Source"/> names it), and the totals of the two runs
    /// at the year's end.
    /// </summary>
    public sealed record YearRow(int Year, string Site, bool NewSite, int Phases, double ItMwAdded, double CumulativeItMwAdded, double BaselineItBuiltMwP50, double PlannedItBuiltMwP50, double PlanCapexUsdMean,
        string? Source = null, double SourceMwAdded = 0, double CumulativeSourceMwAdded = 0);

    /// <summary>
    /// Writes the planned scenario as <paramref name="scenarioFile"/> first (run.json hashes it), then
    /// the plan's files and the run outputs; <paramref name="metadata"/> makes run.json from the
    /// written scenario's path in the folder.
    /// </summary>
    public static void Write(string folder, string scenarioFile, string scenarioText, PlanFile plan, PlannedScenario planned, PlanOutcome outcome, PlanRuns runs,
        Func<string, RunMetadata> metadata, string summary, CancellationToken cancellation = default)
    {
        string scenarioPath = Path.Combine(folder, scenarioFile);
        File.WriteAllText(scenarioPath, scenarioText, new UTF8Encoding(false));
        var rows = YearRows(plan, outcome, runs);
        WriteCsv(Path.Combine(folder, "plan.csv"), rows);
        WriteTargetsCsv(Path.Combine(folder, "targets.csv"), plan, outcome.Baseline, runs.PlannedAssessment);
        PlanChart.Save(ChartData(plan, outcome, runs), Path.Combine(folder, "plan.png"));
        File.WriteAllText(Path.Combine(folder, "plan.md"), Markdown(plan, planned, outcome, runs, rows, scenarioFile, summary), new UTF8Encoding(false));
        cancellation.ThrowIfCancellationRequested();
        RunOutputs.Write(folder, runs.Planned, runs.PlannedStatistics, metadata(scenarioPath), cancellation);
    }

    /// <summary>
    /// Per year of the run and expansion: what is added (IT phases, or a grown source's MW in the
    /// year the plan raises it), the two runs' IT built at the year's end, and the plan's capex at
    /// that expansion's site in the year (planned minus baseline, mean). Every year of the run has
    /// rows, so the years of construction before a phase comes online are there and the rows add up
    /// to the plan's capex over the run.
    /// </summary>
    public static List<YearRow> YearRows(PlanFile plan, PlanOutcome outcome, PlanRuns runs)
    {
        var alloc = outcome.Allocation;
        var scenario = runs.Baseline.Scenario;
        var rows = new List<YearRow>();
        var cumulative = new double[plan.Expansions.Count];
        for (int year = scenario.Start.Year; year <= scenario.End.Year; year++)
        {
            int y = year - alloc.FirstYear;
            double baseIt = AnnualP50(runs.BaselineStatistics.AnnualSeries, Metric.ItBuiltMw, year, runs.Baseline);
            double planIt = AnnualP50(runs.PlannedStatistics.AnnualSeries, Metric.ItBuiltMw, year, runs.Planned);
            var charged = new HashSet<string>();
            for (int e = 0; e < plan.Expansions.Count; e++)
            {
                var limits = plan.Expansions[e].Limits;
                int steps = y >= 0 && y < alloc.Years ? alloc[e, y] : 0;
                double mw = steps * limits.StepItMw;
                cumulative[e] += mw;
                // A site's capex is charged once a year, to its first expansion, when two expansions grow one site.
                double capex = charged.Add(limits.Site) ? SiteCapexMean(runs.Planned, runs.PlannedStatistics.AnnualSeries, limits.Site, year) - SiteCapexMean(runs.Baseline, runs.BaselineStatistics.AnnualSeries, limits.Site, year) : 0;
                rows.Add(limits.GrowSource is { } source
                    ? new YearRow(year, limits.Site, false, 0, 0, 0, baseIt, planIt, capex, source, mw, cumulative[e])
                    : new YearRow(year, limits.Site, limits.IsNewSite, steps, mw, cumulative[e], baseIt, planIt, capex));
            }
        }
        return rows;
    }

    /// <summary>The mean capex (facility + hardware + supply) of one site in a year; 0 for a site the run does not have.</summary>
    private static double SiteCapexMean(SimulationResult run, SampleSeries annual, string site, int year)
    {
        int scope = Array.IndexOf([.. annual.ScopeNames], site);
        int y = YearIndex(run, year);
        if (scope < 0 || y < 0 || y >= annual.Periods) return 0;
        return Summary.Mean(annual.Values(scope, Metric.CapexFacilityUsd, y)) + Summary.Mean(annual.Values(scope, Metric.CapexHardwareUsd, y))
            + Summary.Mean(annual.Values(scope, Metric.CapexSupplyUsd, y));
    }

    private static int YearIndex(SimulationResult run, int year) => year - run.Scenario.Start.Year;

    private static double AnnualP50(SampleSeries annual, Metric metric, int year, SimulationResult run)
    {
        int y = YearIndex(run, year);
        if (y < 0 || y >= annual.Periods) return double.NaN;
        var sorted = annual.Values(annual.TotalScope, metric, y).ToArray();
        Array.Sort(sorted);
        return Percentiles.OfSorted(sorted, 50);
    }

    private static void WriteCsv(string path, List<YearRow> rows)
    {
        var sb = new StringBuilder("year,site,new_site,phases,it_mw_added,cumulative_it_mw_added,baseline_it_built_mw_p50,planned_it_built_mw_p50,plan_capex_usd_mean,source,source_mw_added,cumulative_source_mw_added\n");
        foreach (var r in rows)
            sb.Append(Inv, $"{r.Year},{Csv(r.Site)},{(r.NewSite ? "true" : "false")},{r.Phases},{N(r.ItMwAdded)},{N(r.CumulativeItMwAdded)},{N(r.BaselineItBuiltMwP50)},{N(r.PlannedItBuiltMwP50)},{N(r.PlanCapexUsdMean)},{Csv(r.Source ?? "")},{N(r.SourceMwAdded)},{N(r.CumulativeSourceMwAdded)}\n");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    private static void WriteTargetsCsv(string path, PlanFile plan, Assessment baseline, Assessment planned)
    {
        var sb = new StringBuilder("metric,month,bound,threshold,unit,baseline_p10,baseline_p50,baseline_p90,baseline_share_met,planned_p10,planned_p50,planned_p90,planned_share_met,planned_at_confidence,met\n");
        for (int k = 0; k < plan.Targets.Count; k++)
        {
            var t = plan.Targets[k];
            var b = baseline.Targets[k];
            var p = planned.Targets[k];
            sb.Append(Inv, $"{t.Metric.Info().Name},{t.Month},{(t.AtLeast ? "at_least" : "at_most")},{N(t.Threshold)},{t.Metric.Info().Unit},{N(b.P10)},{N(b.P50)},{N(b.P90)},{N(b.ShareMet)},{N(p.P10)},{N(p.P50)},{N(p.P90)},{N(p.ShareMet)},{N(p.AtConfidence)},{(p.Met ? "true" : "false")}\n");
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    /// <summary>
    /// What plan.png draws: every year of the run, the IT built at the year's end (P50 of both runs)
    /// and the IT the plan adds in each year; for a plan that only grows sources, the supply (every
    /// source's MW, the grown ones' raised) instead, the plan's part added in the year the planned
    /// run's supply first exceeds the baseline's by it.
    /// </summary>
    public static PlanChartData ChartData(PlanFile plan, PlanOutcome outcome, PlanRuns runs)
    {
        var scenario = runs.Baseline.Scenario;
        var years = Enumerable.Range(scenario.Start.Year, scenario.End.Year - scenario.Start.Year + 1).ToArray();
        bool sourcesOnly = plan.Expansions.Count > 0 && plan.Expansions.All(e => e.Limits.GrowSource is not null);
        var metric = sourcesOnly ? Metric.SupplyMw : Metric.ItBuiltMw;
        double[] baseline = [.. years.Select(y => AnnualP50(runs.BaselineStatistics.AnnualSeries, metric, y, runs.Baseline))];
        double[] planned = [.. years.Select(y => AnnualP50(runs.PlannedStatistics.AnnualSeries, metric, y, runs.Planned))];
        double[] added;
        if (sourcesOnly)
        {
            // The plan's part of the supply grows where the gap between the runs widens.
            added = new double[years.Length];
            double before = 0;
            for (int k = 0; k < years.Length; k++)
            {
                double gap = double.IsFinite(planned[k] - baseline[k]) ? planned[k] - baseline[k] : before;
                added[k] = Math.Max(0, gap - before);
                before = Math.Max(before, gap);
            }
        }
        else
            added = [.. years.Select(year =>
            {
                int y = year - outcome.Allocation.FirstYear;
                return y < 0 || y >= outcome.Allocation.Years ? 0
                    : Enumerable.Range(0, plan.Expansions.Count).Where(e => plan.Expansions[e].Limits.GrowSource is null).Sum(e => outcome.Allocation[e, y] * plan.Expansions[e].Limits.StepItMw);
            })];
        string confidence = Percent(plan.Confidence);
        var targets = plan.Targets.Select((t, k) => (t.Month.Year, t.Month.Month,
            $"{t.Metric.Info().Name} {(t.AtLeast ? ">=" : "<=")} {Units.Format(t.Threshold, t.Metric.Info().Unit)}: {Percent(runs.PlannedAssessment.Targets[k].ShareMet)} of samples",
            runs.PlannedAssessment.Targets[k].Met)).ToList();
        // A plan that grows sources names them where the other says what the dashed lines are (their labels say it too).
        var grown = plan.Expansions.Select(e => $"{e.Limits.GrowSource} at {e.Limits.Site}").ToList();
        string subtitle = $"P50 of {runs.Planned.Samples:N0} samples; {Percent(runs.PlannedAssessment.JointShareMet)} meet every target ({confidence} asked); "
            + (!sourcesOnly ? "dashed: the targets' months" : grown.Count <= 2 ? $"grown: {string.Join(", ", grown)}" : $"{grown.Count} sources grown");
        return new PlanChartData(scenario.Name, subtitle, [.. years.Select(y => y.ToString(Inv))], baseline, planned, added, targets)
        {
            Quantity = sourcesOnly ? "supply" : "IT capacity",
            AxisLabel = sourcesOnly ? "Supply at the end of the year, every source" : "IT built at the end of the year",
        };
    }

    private static string Markdown(PlanFile plan, PlannedScenario planned, PlanOutcome outcome, PlanRuns runs, List<YearRow> rows, string scenarioFile, string summary)
    {
        var sb = new StringBuilder();
        var final = runs.PlannedAssessment;
        string confidence = Percent(plan.Confidence);
        sb.Append(Inv, $"# Plan for {plan.Scenario.Name}\n\n");
        sb.Append(outcome.Feasible
            ? $"**Every target is met in at least {confidence} of samples**: {Percent(final.JointShareMet)} of the {runs.Planned.Samples:N0} samples meet all of them at once (the baseline: {Percent(outcome.Baseline.JointShareMet)}).\n\n"
            : $"**Not feasible within the expansion limits**: the closest plan is below; {Percent(final.JointShareMet)} of the {runs.Planned.Samples:N0} samples meet every target at once, {confidence} are asked for.\n\n");
        sb.Append(Inv, $"{summary}\n\n");
        sb.Append(Inv, $"Plan file `{Path.GetFileName(plan.Path)}`, scenario `{Path.GetFileName(plan.ScenarioPath)}`; the planned scenario is `{scenarioFile}` (`capsim run {scenarioFile}` runs it as it is; its added phases and supply are marked `{PlannedScenario.Mark}`). ");
        sb.Append(Inv, $"The search ran the fast engine {outcome.EngineRuns} times ({outcome.EngineTime.TotalSeconds:0.0} s), every candidate on the same samples and seed ({runs.Planned.Samples:N0} samples, seed {RunSeed(plan, runs)}).\n\n");

        sb.Append("## Targets\n\n");
        sb.Append(Inv, $"| target | month | baseline P10 / P50 / P90 | planned P10 / P50 / P90 | samples meeting it (baseline, planned) | met in {confidence}? |\n| --- | --- | --- | --- | --- | --- |\n");
        for (int k = 0; k < plan.Targets.Count; k++)
        {
            var t = plan.Targets[k];
            string unit = t.Metric.Info().Unit;
            var b = outcome.Baseline.Targets[k];
            var p = final.Targets[k];
            sb.Append(Inv, $"| `{t.Metric.Info().Name}` {(t.AtLeast ? ">=" : "<=")} {Units.Format(t.Threshold, unit)} | {t.Month} | {Units.Format(b.P10, unit)} / {Units.Format(b.P50, unit)} / {Units.Format(b.P90, unit)} | {Units.Format(p.P10, unit)} / {Units.Format(p.P50, unit)} / {Units.Format(p.P90, unit)} | {Percent(b.ShareMet)}, {Percent(p.ShareMet)} | {(p.Met ? "yes" : "**no**")} |\n");
        }
        sb.Append('\n');

        // A plan that only grows sources adds no IT: the year-by-year table of IT would be empty.
        if (plan.Expansions.Any(e => e.Limits.GrowSource is null)) CapacityAdded(sb, rows);


        sb.Append(plan.Expansions.Any(e => e.Limits.GrowSource is not null) ? "## Phases added and sources grown\n\n" : "## Phases added\n\n");
        var alloc = outcome.Allocation;
        if (!alloc.Cells().Any()) sb.Append("None: the baseline meets every target.\n\n");
        foreach (var (e, y, steps) in alloc.Cells())
        {
            var spec = plan.Expansions[e];
            int year = alloc.FirstYear + y;
            if (spec.Limits.GrowSource is { } grown)
            {
                double before = plan.Scenario.Sites.First(s => s.Name == spec.Limits.Site).Supply!.First(s => s.Name == grown).Mw.Nominal;
                double added = steps * spec.Limits.StepItMw;
                sb.Append(Inv, $"- {grown} at {spec.Limits.Site}: {steps} x {Units.Format(spec.Limits.StepItMw, "MW")} more, {Units.Format(before, "MW")} -> {Units.Format(before + added, "MW")} (the planned scenario's mw)\n");
                continue;
            }
            string names = steps == 1 ? planned.PhaseName(e, year, 1) : $"{planned.PhaseName(e, year, 1)} .. {planned.PhaseName(e, year, steps)}";
            string supply = planned.GrownSource(spec) switch
            {
                null => spec.GrowSupply ? "no supply added (an unlimited grid)" : "no supply added",
                { CapexUsdPerMw.Nominal: 0 } source => $"with firm supply for each on the terms of '{source.Name}', which has no capex: this assumes {(source.Name.Contains("grid", StringComparison.OrdinalIgnoreCase) ? "the grid has" : "the source has")} that much more firm capacity free, at no cost to connect or build",
                var source => $"with firm supply for each on the terms of '{source.Name}' (its capex per MW included)",
            };
            sb.Append(Inv, $"- {names}: {steps} x {Units.Format(spec.Limits.StepItMw, "MW")} IT at {spec.Limits.Site}{(spec.Limits.IsNewSite ? " (a new site)" : "")}, online {spec.Limits.OnlineIn(year)} (nominal), {supply}\n");
        }
        if (outcome.Findings.Count > 0)
        {
            sb.Append("\n## What cannot be met, and what would lift it\n\n");
            foreach (string finding in outcome.Findings) sb.Append("- ").Append(finding).Append('\n');
        }
        sb.Append("\n![IT capacity the plan requires against the baseline](plan.png)\n\n");
        sb.Append("The method, its limits and its cost: docs/model.md, \"Planning capacity\". The run outputs of the planned scenario (report.md, CSVs, charts) are in this folder too.\n");
        return sb.ToString();
    }

    /// <summary>plan.md's table of the IT added year by year, and its totals.</summary>
    private static void CapacityAdded(StringBuilder sb, List<YearRow> rows)
    {
        sb.Append("## Capacity added, year by year\n\n");
        sb.Append("| year | added (IT MW) | where | added to date (GW) | IT built at year end, baseline -> planned (P50) | capex of the plan in the year (mean) |\n| --- | --- | --- | --- | --- | --- |\n");
        foreach (var year in rows.GroupBy(r => r.Year))
        {
            double mw = year.Sum(r => r.ItMwAdded);
            double capex = year.Sum(r => r.PlanCapexUsdMean);
            // Years before the plan's first phase and after its last one are shown when they carry its capex (construction, refreshes).
            if (mw == 0 && year.All(r => r.CumulativeItMwAdded == 0) && Math.Abs(capex) < 0.5) continue;
            string where = mw > 0 ? string.Join(", ", year.Where(r => r.ItMwAdded > 0).Select(r => $"{r.Site}{(r.NewSite ? " (new)" : "")} {Units.Format(r.ItMwAdded, "MW")}")) : "-";
            var first = year.First();
            sb.Append(Inv, $"| {year.Key} | {Units.Format(mw, "MW")} | {where} | {year.Sum(r => r.CumulativeItMwAdded) / 1000:0.00} | {Units.Format(first.BaselineItBuiltMwP50, "MW")} -> {Units.Format(first.PlannedItBuiltMwP50, "MW")} | {Units.Money(capex)} |\n");
        }
        double total = rows.Sum(r => r.ItMwAdded);
        double runCapex = rows.Sum(r => r.PlanCapexUsdMean);
        sb.Append(Inv, $"\nIn all {Units.Format(total, "MW")} of IT in {rows.Sum(r => r.Phases)} phases; the plan's capex over the run (planned minus baseline, mean) {Units.Money(runCapex)}, the sum of the rows above: construction starts build_months before a phase comes online, so the years before the first phase carry its facility and supply capex.\n\n");
    }

    private static string RunSeed(PlanFile plan, PlanRuns runs) => runs.Seed.ToString(Inv);

    private static string Percent(double share) => (share * 100).ToString("0.#", Inv) + "%";

    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", Inv) : "";

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
