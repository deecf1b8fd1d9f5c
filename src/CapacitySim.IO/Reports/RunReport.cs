using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Output;

namespace CapacitySim.IO.Reports;

/// <summary>
/// report.md and report.html of a run: the description, key figures at the end of each year
/// (P50 with the band of the file's outer percentiles), the charts, the assumptions (every number of the file with its
/// distribution and source comment), and the run metadata.
/// </summary>
public static class RunReport
{
    /// <summary>Most parameters listed in the assumptions table; a generated fleet can have tens of thousands.</summary>
    public const int MaxAssumptionRows = 500;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The charts a report shows, with captions, in order; only those present in the folder are used.</summary>
    public static readonly IReadOnlyList<(string File, string Caption)> Charts =
    [
        ("power.png", "IT capacity built and powered, by site, against the IT the firm power supply can power; stranded IT marked"),
        ("compute.png", "Effective compute (FLOP/s at each site's MFU)"),
        ("energy.png", "Facility energy per year, by site"),
        ("cfe.png", "Carbon-free share of facility energy, matched hour by hour (sites with solar, wind, batteries, gas or grid dispatched hourly)"),
        ("dispatch.png", "A typical day of each season, hour by hour: what serves the load by kind, battery charging below zero, curtailment and unserved load"),
        ("compute-per-researcher.png", "H100-equivalents per researcher"),
        ("capex.png", "Capex per year: facility, hardware and supply, with capex to date"),
        ("emissions.png", "Emissions per year, operational and embodied (accelerators, facilities, supply built), above the emissions to date"),
        ("cost.png", "Cost of compute: USD per H100e-hour over time, and the total cost of ownership per year by kind (depreciation, capital charge, O&M, energy)"),
        ("frontier.png", "The largest run the capacity allows (a bound, beside published runs): FLOP, goodput and accelerators"),
        ("time-to-power.png", "Time to power: the share of samples online by each month, per phase or source with a path or a delay; announced months marked"),
    ];

    /// <summary>Writes report.md and report.html into <paramref name="folder"/>, which already holds the charts.</summary>
    public static void Write(string folder, SimulationResult result, RunStatistics statistics, RunMetadata metadata, IReadOnlyList<Core.TimeToPower.Timeline>? timelines = null)
    {
        var document = Build(folder, result, statistics, metadata, timelines);
        File.WriteAllText(Path.Combine(folder, "report.md"), document.ToMarkdown());
        File.WriteAllText(Path.Combine(folder, "report.html"), document.ToHtml(folder));
    }

    public static ReportDocument Build(string folder, SimulationResult result, RunStatistics statistics, RunMetadata metadata, IReadOnlyList<Core.TimeToPower.Timeline>? timelines = null)
    {
        var scenario = result.Scenario;
        var doc = new ReportDocument($"{scenario.Name}: capacity report");
        doc.Add(new Paragraph(
            $"{scenario.Start} to {scenario.End}, {Count(scenario.Sites.Count, "site")}, " +
            (RunPlan.IsNominalRun(result.Samples) ? "the nominal run (1 sample, every uncertain number at its nominal value)" : $"{result.Samples:N0} Monte Carlo samples (seed {metadata.Seed})") +
            $"; engine {metadata.Engine}, CapacitySim {metadata.ToolVersion}."));

        doc.Add(new Heading(2, "Description"));
        doc.AddText(scenario.Description.Length > 0 ? scenario.Description : "(the scenario file has no description)");

        doc.Add(new Heading(2, "Key figures at the end of each year"));
        doc.Add(KeyFigureTable(statistics));

        if (timelines is { Count: > 0 })
        {
            doc.Add(new Heading(2, "Time to power"));
            doc.Add(TimeToPowerTable(scenario, timelines));
        }

        doc.Add(new Heading(2, "Charts"));
        foreach (var (file, caption) in Charts)
            if (File.Exists(Path.Combine(folder, file))) doc.Add(new Image(file, caption));

        doc.Add(new Heading(2, "Assumptions"));
        doc.Add(new Paragraph("Every number written in the scenario file, with its nominal value (the value of the 1-sample run), " +
            "its distribution, its line in the file and the comment beside it, which by convention cites its source. " +
            "Fields left out take the defaults of docs/model.md; accelerator figures come from the built-in catalog (its source column) unless the file overrides them."));
        doc.Add(AssumptionTable(scenario));
        doc.Add(new Paragraph("Numbers the file leaves out and the run took from the model's defaults (docs/model.md), with the sites or sources that took them:"));
        doc.Add(DefaultsTable(scenario));
        doc.Add(new Paragraph("Accelerators the run can install (the roadmap, named phase accelerators, and H100 for H100e), as the run used them: the built-in catalog's figures with its source, or the file's where it overrides them (marked *file*)."));
        doc.Add(CatalogTable(scenario));

        doc.Add(new Heading(2, "Run"));
        doc.Add(new Table(["field", "value"],
        [
            ["scenario", metadata.Scenario],
            ["file", metadata.File],
            ["file SHA-256", metadata.FileSha256],
            ["samples", metadata.Samples.ToString(Inv)],
            ["seed", metadata.Seed.ToString(Inv)],
            ["percentiles", string.Join(", ", scenario.Percentiles.Select(p => p.ToString(Inv)))],
            ["engine", metadata.Engine],
            ["CapacitySim version", metadata.ToolVersion],
            ["built-in catalog SHA-256", metadata.CatalogSha256],
            ["started (UTC)", metadata.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", Inv)],
            ["simulation and statistics", metadata.WallTimeSeconds.ToString("0.00", Inv) + " s"],
        ], [false, false]));
        doc.Add(new Paragraph("Outputs in this folder: monthly.csv and annual.csv (every metric, scope and statistic), run.json (this table), the PNG charts, and this report as report.md and report.html."));
        return doc;
    }

    private static Table KeyFigureTable(RunStatistics statistics)
    {
        var figures = KeyFigures.Of(statistics.Annual, costAndEmissions: true);
        string Cell(KeyFigure f, Metric metric) =>
            figures.HasBand ? Units.WithBand(f.Middle, f.Low, f.High, metric.Info().Unit) : Units.Format(f.Middle, metric.Info().Unit);
        List<string> headers = ["year", .. figures.Columns.Select(c => c.Title)];
        var table = figures.Rows.Select(r =>
            (IReadOnlyList<string>)[r.Year, .. r.Values.Select((v, i) => Cell(v, figures.Columns[i].Metric))]).ToList();
        string what = figures.Band is { } band ? $"{figures.MiddleLabel} [{band.Low}, {band.High}] over {figures.Samples:N0} samples"
            : RunPlan.IsNominalRun(figures.Samples) ? "nominal run" : $"{figures.MiddleLabel} over {figures.Samples:N0} samples";
        string caption = $"Total over all sites, {what}; a year's figure is its last month in the run (energy: the sum over its months).";
        return new Table(headers, table, [false, .. Enumerable.Repeat(true, headers.Count - 1)], caption);
    }

    /// <summary>Each phase and source with a path or a delay: when it comes online (P10, P50, P90), the odds of its announced month, and a phase's first powered month.</summary>
    private static Table TimeToPowerTable(Scenario scenario, IReadOnlyList<Core.TimeToPower.Timeline> timelines)
    {
        var start = scenario.Start;
        string Month(int? p) => p is { } t ? start.AddMonths(t).ToString() : "never";
        string Range(Func<double, int?> at) => $"{Month(at(50))} ({Month(at(10))} to {Month(at(90))})";
        var ordered = TimeToPower.TimelinesCsv.Ordered(timelines).ToList();
        // A generated fleet has thousands of delayed phases: the table shows the first ones, timelines.csv every one.
        var rows = ordered.Take(MaxAssumptionRows).Select(t => (IReadOnlyList<string>)
        [
            t.Item, t.Kind == Core.TimeToPower.TimelineKind.Phase ? "phase" : "source", t.Site,
            t.Announced?.ToString() ?? "",
            t.ShareByAnnounced(start) is { } share ? string.Create(Inv, $"{100 * share:0}%") : "",
            Range(l => t.OnlinePercentile(l)),
            t.Kind == Core.TimeToPower.TimelineKind.Phase ? Range(t.PoweredPercentile) : "",
        ]).ToList();
        return new Table(["item", "kind", "site", "announced", "online by announced", "online P50 (P10 to P90)", "first powered P50 (P10 to P90)"], rows,
            [false, false, false, false, true, false, false],
            "Percentiles of the month over samples (lower order statistic); first powered is later than online when the site's power is late. " +
            (ordered.Count > MaxAssumptionRows ? $"The first {MaxAssumptionRows} of {ordered.Count:N0} items; timelines.csv has every one." : "timelines.csv has the same."));
    }

    private static Table AssumptionTable(Scenario scenario)
    {
        var parameters = scenario.Parameters;
        var rows = parameters.Take(MaxAssumptionRows).Select(p => (IReadOnlyList<string>)
        [
            p.Label,
            Number(p.Value.Nominal),
            Describe(p.Value),
            p.Line.ToString(Inv),
            p.Comment ?? "",
        ]).ToList();
        string? caption = parameters.Count > MaxAssumptionRows
            ? $"The first {MaxAssumptionRows} of {parameters.Count:N0} numbers in the file; the rest are in the file itself."
            : null;
        if (parameters.Count == 0) rows.Add(["(none)", "", "", "", ""]);
        return new Table(["parameter", "nominal", "distribution", "line", "source / comment"], rows, [false, true, false, true, false], caption);
    }

    /// <summary>
    /// The defaults a run used: every (u) of the training block, the research share, each site's
    /// fields, its sources' and its phases' that the file left out (key 0), grouped by field and
    /// value with who took them.
    /// </summary>
    private static Table DefaultsTable(Scenario scenario)
    {
        var used = new List<(string Field, Uncertain Value, string Who)>();
        void Take(string field, Uncertain value, string who)
        {
            if (value.Key == 0) used.Add((field, value, who));
        }
        Take("training.days", scenario.Training.Days, "the run");
        Take("training.accelerator_mtbf_hours", scenario.Training.AcceleratorMtbfHours, "the run");
        Take("training.checkpoint_minutes", scenario.Training.CheckpointMinutes, "the run");
        Take("training.restart_minutes", scenario.Training.RestartMinutes, "the run");
        if (scenario.Researchers is not null) Take("research_share", scenario.ResearchShare, "the run");
        foreach (var site in scenario.Sites)
        {
            Take("pue", site.Pue, site.Name);
            Take("load_factor", site.LoadFactor, site.Name);
            Take("mfu", site.Mfu, site.Name);
            Take("lifetime_years", site.LifetimeYears, site.Name);
            Take("capex_usd_per_it_mw", site.CapexUsdPerItMw, site.Name);
            Take("build_months", site.BuildMonths, site.Name);
            Take("training_share", site.TrainingShare, site.Name);
            Take("wue_l_per_kwh", site.WueLitresPerKwh, site.Name);
            if (site.Supply is null)
            {
                Take("grid_price_usd_per_mwh", site.GridPriceUsdPerMwh, site.Name);
                Take("grid_gco2_per_kwh", site.GridGCo2PerKwh, site.Name);
            }
            foreach (var source in site.Supply ?? [])
            {
                string who = $"{site.Name} / {source.Name}";
                Take("supply.price_usd_per_mwh", source.PriceUsdPerMwh, who);
                Take("supply.gco2_per_kwh", source.GCo2PerKwh, who);
                Take("supply.firm_fraction", source.FirmFraction, who);
                Take("supply.capacity_factor", source.CapacityFactor, who);
                Take("supply.capex_usd_per_mw", source.CapexUsdPerMw, who);
            }
            foreach (var phase in site.Phases)
            {
                string who = $"{site.Name} / {phase.Name}";
                Take("phase.delay_months", phase.DelayMonths, who);
                Take("phase.ramp_months", phase.RampMonths, who);
            }
        }
        var rows = used.GroupBy(u => (u.Field, Value: Describe(u.Value), Nominal: u.Value.Nominal))
            .Select(g => (IReadOnlyList<string>)[g.Key.Field, Number(g.Key.Nominal), g.Key.Value, Who([.. g.Select(u => u.Who).Distinct()])])
            .ToList();
        if (rows.Count == 0) rows.Add(["(none: the file gives every number)", "", "", ""]);
        return new Table(["field (default)", "value", "distribution", "taken by"], rows, [false, true, false, false]);
    }

    /// <summary>"all 3 sites"-style lists: the names, or the first few and a count.</summary>
    private static string Who(IReadOnlyList<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(5))} and {names.Count - 5:N0} more";

    /// <summary>The accelerators a run can install, with the figures it used and where they come from.</summary>
    private static Table CatalogTable(Scenario scenario)
    {
        var names = scenario.Roadmap.Concat(scenario.Sites.SelectMany(s => s.Phases).Select(p => p.Accelerator).OfType<string>()).Append("H100").Distinct();
        var rows = new List<IReadOnlyList<string>>();
        foreach (string name in names)
        {
            if (scenario.Catalog.FirstOrDefault(a => a.Name == name) is not { } a) continue;
            string Figure(Uncertain u, string unit = "") =>
                (u.Kind == DistributionKind.Fixed ? Number(u.Nominal) : Describe(u)) + unit + (u.Key != 0 ? " *file*" : "");
            rows.Add([a.Name, a.Available.ToString(), Figure(a.SlipMonths), Figure(a.PeakFlops), Figure(a.TdpWatts), Figure(a.AllInWatts), Figure(a.UnitCostUsd), a.Source]);
        }
        return new Table(["accelerator", "available", "slip (months)", "peak FLOP/s (dense BF16)", "TDP (W)", "all-in IT (W)", "unit cost (USD)", "source"], rows,
            [false, false, true, true, true, true, true, false]);
    }

    /// <summary>"fixed", or the distribution with its parameters as written.</summary>
    public static string Describe(Uncertain u) => u.Kind switch
    {
        DistributionKind.Fixed => "fixed",
        DistributionKind.Uniform => $"uniform(min {Number(u.Min)}, max {Number(u.Max)})",
        DistributionKind.Triangular => $"triangular(min {Number(u.Min)}, mode {Number(u.Mode)}, max {Number(u.Max)})",
        DistributionKind.Pert => $"pert(min {Number(u.Min)}, mode {Number(u.Mode)}, max {Number(u.Max)})",
        DistributionKind.Normal => $"normal(mean {Number(u.Mean)}, sd {Number(u.Sd)})",
        DistributionKind.LogNormal => $"lognormal(median {Number(u.Median)}, sigma {Number(u.Sigma)})",
        _ => u.Kind.ToString(),
    };

    /// <summary>A number as written in a file, readable: 11,700,000 rather than 1.17E+07; 9.89e14 from 1e12 up.</summary>
    private static string Number(double value) =>
        Math.Abs(value) >= 1e12 ? value.ToString("0.###e0", Inv) : value.ToString("#,0.######", Inv);

    private static string Count(int n, string noun) => $"{n:N0} {noun}{(n == 1 ? "" : "s")}";
}
