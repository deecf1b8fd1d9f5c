using System.Globalization;
using CapacitySim.Core.Engine;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace CapacitySim.IO.Charts;

/// <summary>
/// The charts of a run, each drawn into a frame (a chart of its own or a dashboard panel). Charts
/// only draw what Core computed: means for stacked quantities (a sum of means is the mean of the
/// sum), the middle percentile with the band between the outer requested percentiles for
/// uncertain totals. A site has the same colour on every chart.
/// </summary>
public static class RunPlots
{
    private static readonly Color TotalColor = Color.FromHex("#222222");
    private static readonly Color SupplyColor = Color.FromHex("#d62728");
    private static readonly Color StrandedColor = Color.FromHex("#d62728");
    private static readonly Color GoodputColor = Color.FromHex("#2ca02c");

    /// <summary>
    /// IT powered stacked by site, stranded IT (built above what is powered) marked on top of it, IT
    /// built, and what the firm supply can power in IT terms (firm supply / design PUE): all in IT MW.
    /// </summary>
    public static Plot Power(ChartData d, ChartFrame frame)
    {
        var built = d.Mean(d.Total, Metric.ItBuiltMw);
        var powered = d.Mean(d.Total, Metric.ItPoweredMw);
        var firmIt = d.Mean(d.Total, Metric.SupplyFirmItMw);
        double maxStranded = d.Mean(d.Total, Metric.ItStrandedMw).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        string stranded = maxStranded > 0 ? "" : "; nothing stranded";
        double max = new[] { built, firmIt }.SelectMany(v => v).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var unit = Units.Axis("MW", max);
        var plot = ChartParts.NewPlot(d, frame, "IT capacity and power supply", "IT capacity and power",
            $"means in IT {unit.Label}; supply: the IT its firm part can power (firm / design PUE){stranded}", dates: true);

        var layers = new List<IPlottable>();
        var lower = new double[d.Months];
        for (int k = 0; k < d.Parts.Count; k++)
        {
            int s = d.Parts[k];
            var upper = d.Mean(s, Metric.ItPoweredMw).Select((v, i) => lower[i] + (double.IsFinite(v) ? v : 0) / unit.Divisor).ToArray();
            var fill = plot.Add.FillY(d.Xs, lower, upper);
            fill.FillColor = ChartParts.SiteColor(k);
            fill.LineWidth = 0;
            fill.LegendText = d.Parts.Count == 1 && s == d.Total ? "IT powered" : $"{d.ScopeNames[s]}, powered";
            layers.Add(fill);
            lower = upper;
        }
        var legend = new List<IPlottable>();
        if (maxStranded > 0)
        {
            var gap = plot.Add.FillY(d.Xs, ChartParts.Scale(powered, unit.Divisor), ChartParts.Scale(built, unit.Divisor));
            gap.FillColor = StrandedColor.WithAlpha(0.35);
            gap.FillHatch = new ScottPlot.Hatches.Striped();
            gap.FillHatchColor = StrandedColor.WithAlpha(0.8);
            gap.LineWidth = 0;
            gap.LegendText = "stranded IT: built, no power";
            legend.Add(gap);
            // Named where it is largest, so a thin sliver on a GW axis is still seen: the note in
            // open space above every line near there, clear of the milestones, with an arrow to the sliver.
            var stranding = d.Mean(d.Total, Metric.ItStrandedMw);
            int worst = Array.IndexOf(stranding, maxStranded);
            // Between dense milestones (a panel, or many phases) only the figure fits; the month is where the arrow points.
            string figure = $"{Units.Format(maxStranded, "MW")} stranded";
            string[] texts = frame.IsPanel ? [figure] : [$"{figure} ({DateTime.FromOADate(d.Xs[worst]):yyyy-MM})", figure];
            var style = new LabelStyle { FontSize = frame.NoteSize + 1, Bold = true, Padding = 3 };
            double top = max / unit.Divisor * 1.08;
            // Rough pixels of the data area (the axes, title, milestone strip and legend take the rest); the margins allow for the roughness.
            double daysPerPixel = (d.Xs[^1] - d.Xs[0] + 31) / (frame.Width - (frame.IsPanel ? 90 : 420));
            double unitsPerPixel = top / (frame.Height - (frame.IsPanel ? 260 : 200));
            var tops = new[] { built, firmIt, powered }.Select(v => ChartParts.Scale(v, unit.Divisor)).ToList();
            (double X, double Y)? place = null;
            string text = texts[0];
            using var measure = Paint.NewDisposablePaint();
            foreach (string candidate in texts)
            {
                var size = style.Measure(candidate, measure).Size;
                double halfWidth = (size.Width / 2 + 14) * daysPerPixel;
                double lift = 16 * unitsPerPixel, height = (size.Height + 16) * unitsPerPixel;
                foreach (double x in Enumerable.Range(0, d.Months).OrderBy(t => Math.Abs(t - worst)).Select(t => d.Xs[t]))
                {
                    if (x - halfWidth < d.Xs[0] || x + halfWidth > d.Xs[^1]) continue;
                    // The pixel scale is an estimate: milestones are kept a third further off than the note's half width.
                    if (d.Milestones.Any(m => Math.Abs(m.X - x) < 1.33 * halfWidth)) continue;
                    // Steps hold a month's value to the next month: the span's months and the one before it.
                    double highest = Enumerable.Range(0, d.Months).Where(t => d.Xs[t] >= x - halfWidth - 31 && d.Xs[t] <= x + halfWidth)
                        .SelectMany(t => tops.Select(v => v[t])).Where(double.IsFinite).DefaultIfEmpty(0).Max();
                    if (highest + lift + height > top) continue;
                    place = (x, highest + lift);
                    break;
                }
                text = candidate;
                if (place is not null) break;
            }
            // Nowhere clear of the lines and milestones: the legend carries the figure instead.
            if (place is null)
                gap.LegendText = frame.IsPanel ? $"stranded IT (at most {Units.Format(maxStranded, "MW")})"
                    : $"stranded IT: built, no power (at most {Units.Format(maxStranded, "MW")}, {DateTime.FromOADate(d.Xs[worst]):yyyy-MM})";
            if (place is { } at)
            {
                var arrow = plot.Add.Arrow(new Coordinates(at.X, at.Y), new Coordinates(d.Xs[worst], built[worst] / unit.Divisor));
                arrow.ArrowLineColor = StrandedColor;
                arrow.ArrowFillColor = StrandedColor;
                arrow.ArrowLineWidth = 0;
                arrow.ArrowWidth = 2;
                arrow.ArrowheadWidth = 10;
                arrow.ArrowheadLength = 12;
                var note = plot.Add.Text(text, at.X, at.Y);
                note.LabelFontSize = style.FontSize;
                note.LabelBold = true;
                note.LabelPadding = 3;
                note.LabelFontColor = StrandedColor;
                note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
                note.LabelAlignment = Alignment.LowerCenter;
            }
        }
        var builtLine = plot.Add.ScatterLine(d.Xs, ChartParts.Scale(built, unit.Divisor), TotalColor);
        builtLine.LineWidth = 2.5f;
        builtLine.LinePattern = LinePattern.Dashed;
        builtLine.LegendText = "IT built" + d.AllSites;
        var supply = plot.Add.ScatterLine(d.Xs, ChartParts.Scale(firmIt, unit.Divisor), SupplyColor);
        // Supply comes on in whole steps and holds for the month: drawn as steps, not slopes between months.
        supply.ConnectStyle = ConnectStyle.StepHorizontal;
        supply.LineWidth = 2.5f;
        supply.LegendText = "IT the firm supply can power" + d.AllSites;
        legend.InsertRange(0, [supply, builtLine]);
        layers.Reverse();
        legend.AddRange(layers);

        plot.YLabel($"IT power ({unit.Label})");
        ChartStyle.ZeroBased(plot, max / unit.Divisor);
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }

    /// <summary>
    /// Total effective FLOP/s: middle percentile, band between the outer ones, and each site's
    /// middle line; on a log axis when the total spans a decade or more, else linear. A log axis
    /// starts where the total's band is: a site's first ramp months enter from below.
    /// </summary>
    public static Plot Compute(ChartData d, ChartFrame frame)
    {
        var total = d.Middle(d.Total, Metric.EffectiveFlops)
            .Concat(d.HasSpread ? d.Percentile(d.Total, Metric.EffectiveFlops, d.LowIndex).Concat(d.Percentile(d.Total, Metric.EffectiveFlops, d.HighIndex)) : [])
            .Where(v => v > 0 && double.IsFinite(v)).ToList();
        var everything = Enumerable.Range(0, d.ScopeNames.Count).SelectMany(s => d.Middle(s, Metric.EffectiveFlops)).Concat(total)
            .Where(v => v > 0 && double.IsFinite(v)).ToList();
        bool log = total.Count > 0 && total.Max() / total.Min() >= 10;
        var plot = ChartParts.NewPlot(d, frame, "Effective compute (FLOP/s at the sites' MFU)", "Effective compute", d.BandLabel, dates: true);
        Func<double[], double[]> transform = log ? ChartStyle.Log10 : values => values;
        var legend = ChartParts.Band(plot, d, d.Total, Metric.EffectiveFlops, transform, "total" + d.AllSites, TotalColor);
        var totalLine = legend[^1];
        for (int k = 0; k < d.Parts.Count; k++)
        {
            int s = d.Parts[k];
            if (s == d.Total || d.Parts.Count == 1) continue;
            var line = plot.Add.ScatterLine(d.Xs, transform(d.Middle(s, Metric.EffectiveFlops)), ChartParts.SiteColor(k));
            line.LineWidth = 1.5f;
            line.LegendText = $"{d.ScopeNames[s]} {d.MiddleLabel}";
            legend.Add(line);
        }
        plot.MoveToTop(totalLine);
        // One prefix for the whole axis, from its largest value: 0.5 and 2 ZFLOP/s, not 500 EFLOP/s and 2 ZFLOP/s.
        var scale = Units.Axis("FLOP/s", log ? everything.Max() : d.Max(Metric.EffectiveFlops));
        string Tick(double v) => Units.Number(v / scale.Divisor);
        if (log)
        {
            plot.YLabel($"effective compute ({scale.Label}, log scale)");
            ChartStyle.LogAxis(plot, total.Min(), everything.Max(), Tick);
        }
        else
        {
            plot.YLabel($"effective compute ({scale.Label})");
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
            ChartStyle.ZeroBased(plot, d.Max(Metric.EffectiveFlops));
        }
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }

    /// <summary>Facility energy per calendar year, stacked by site (means).</summary>
    public static Plot Energy(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Facility energy per year", "Facility energy per year", "mean over samples; partial years count the run's months only");
        var unit = Units.Axis("MWh", d.AnnualMax(Metric.FacilityEnergyMwh));
        ChartParts.StackedBars(plot, frame, d, [.. d.Parts.Select((s, k) => (d.Parts.Count == 1 && s == d.Total ? "facility energy" : d.ScopeNames[s], ChartParts.SiteColor(k), d.AnnualMean(s, Metric.FacilityEnergyMwh)))], unit.Divisor);
        plot.YLabel($"facility energy ({unit.Label} per year)");
        return plot;
    }

    /// <summary>H100-equivalents per researcher: middle percentile with the outer band.</summary>
    public static Plot ComputePerResearcher(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Compute per researcher", "Compute per researcher", d.BandLabel, dates: true);
        var legend = ChartParts.Band(plot, d, d.Total, Metric.H100ePerResearcher, v => v, "H100e per researcher", TotalColor);
        plot.YLabel("H100-equivalents per researcher");
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        ChartStyle.ZeroBased(plot, d.Max(Metric.H100ePerResearcher));
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }

    /// <summary>
    /// Capex per calendar year: facility, hardware and supply stacked (means, all sites), with the
    /// capex to date at each year's end written above its bar: one scale, so no point of a second
    /// axis sits at the height of a bar it has nothing to do with.
    /// </summary>
    public static Plot Capex(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Capex per year", "Capex per year", $"{d.MeanOverSamples}; above the bars: capex to date at each year's end");
        var facility = d.AnnualMean(d.Total, Metric.CapexFacilityUsd);
        var hardware = d.AnnualMean(d.Total, Metric.CapexHardwareUsd);
        var supply = d.AnnualMean(d.Total, Metric.CapexSupplyUsd);
        var totals = facility.Zip(hardware, (a, b) => a + b).Zip(supply, (a, b) => a + b).ToArray();
        double highest = totals.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var unit = Units.Axis("USD", highest);
        var cumulative = d.AnnualMean(d.Total, Metric.CapexCumulativeUsd);
        bool any = cumulative.Any(double.IsFinite);
        ChartParts.StackedBars(plot, frame, d,
        [
            ("facility (buildings, power, cooling)", Color.FromHex("#8c6d31"), facility),
            ("hardware (accelerators, servers, network)", Color.FromHex("#3182bd"), hardware),
            ("supply (on-site generation)", Color.FromHex("#e6550d"), supply),
        ], unit.Divisor, any ? new LegendItem { LabelText = "$ above a bar: capex to date" } : null);
        plot.YLabel($"capex ({unit.Label} per year)");
        LabelBars(plot, frame, d, totals, cumulative, unit, Units.Money);
        return plot;
    }

    /// <summary>Emissions per calendar year: operational and embodied stacked (means, all sites).</summary>
    public static Plot Emissions(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Emissions per year", "Emissions per year", $"{d.MeanOverSamples}; partial years count the run's months only");
        var operational = d.AnnualMean(d.Total, Metric.EmissionsTco2);
        var embodied = d.AnnualMean(d.Total, Metric.EmissionsEmbodiedTco2);
        double highest = operational.Zip(embodied, (a, b) => a + b).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var unit = Units.Axis("tCO2", highest);
        ChartParts.StackedBars(plot, frame, d,
        [
            ("operational (energy used)", Color.FromHex("#636363"), operational),
            ("embodied (accelerators, facilities, supply built)", Color.FromHex("#31a354"), embodied),
        ], unit.Divisor);
        plot.YLabel($"emissions ({unit.Label} per year)");
        ChartStyle.ZeroBased(plot, highest / unit.Divisor);
        return plot;
    }

    /// <summary>Emissions to date, operational and embodied, from the run's first month: middle line and band.</summary>
    public static Plot EmissionsToDate(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Emissions to date", "Emissions to date", $"operational + embodied from the run's first month; {d.BandLabel}", dates: true);
        var unit = Units.Axis("tCO2", d.Max(Metric.EmissionsCumulativeTco2));
        var legend = ChartParts.Band(plot, d, d.Total, Metric.EmissionsCumulativeTco2, v => ChartParts.Scale(v, unit.Divisor), "emissions to date", TotalColor);
        plot.YLabel($"emissions to date ({unit.Label})");
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        ChartStyle.ZeroBased(plot, d.Max(Metric.EmissionsCumulativeTco2) / unit.Divisor);
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }

    /// <summary>
    /// The carbon-free share of facility energy, matched hour by hour (MODEL.md section 8), month by
    /// month: the middle line and band of all sites, and where the chart shows sites each site's
    /// energy-weighted mean (mean carbon-free energy / mean facility energy), drawn only in the months
    /// it uses energy (a share of nothing is no share, not 0%).
    /// </summary>
    public static Plot CarbonFreeShare(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Carbon-free share of energy, hour by hour", "Carbon-free share",
            $"carbon-free energy matched each hour / facility energy; {d.BandLabel}", dates: true);
        static double[] Percent(double[] values) => [.. values.Select(v => v * 100)];
        var legend = new List<IPlottable>();
        if (d.Parts.Count > 1)
            for (int k = 0; k < d.Parts.Count; k++)
            {
                // The site's carbon-free energy over its facility energy, both means over samples: samples
                // in which the site has no load yet (a share of 0 by definition) do not pull the line down.
                var cfe = d.Mean(d.Parts[k], Metric.CfeMwh);
                var energy = d.Mean(d.Parts[k], Metric.FacilityEnergyMwh);
                var share = new double[cfe.Length];
                for (int i = 0; i < share.Length; i++) share[i] = energy[i] > 0 ? 100 * cfe[i] / energy[i] : double.NaN;
                bool named = false;
                foreach (var (from, to) in ChartStyle.FiniteRuns(share, share))
                {
                    var line = plot.Add.ScatterLine(d.Xs[from..to], share[from..to], ChartParts.SiteColor(k));
                    line.LineWidth = 1.5f;
                    if (named) continue;
                    line.LegendText = $"{d.ScopeNames[d.Parts[k]]}, energy-weighted mean";
                    legend.Add(line);
                    named = true;
                }
            }
        legend.InsertRange(0, ChartParts.Band(plot, d, d.Total, Metric.CfeShare, Percent, d.Parts.Count > 1 ? "all sites" : "carbon-free share", TotalColor));
        plot.YLabel("carbon-free share (%)");
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        plot.Axes.SetLimitsY(0, 105);
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }

    private static readonly Dictionary<string, Color> KindColors = new()
    {
        ["solar"] = Color.FromHex("#f2b701"), ["wind"] = Color.FromHex("#3c8dbc"), ["battery"] = Color.FromHex("#8e44ad"),
        ["gas"] = Color.FromHex("#8c6d4f"), ["grid"] = Color.FromHex("#4d4d4d"), ["other"] = Color.FromHex("#a0a0a0"),
    };

    /// <summary>
    /// A typical day of each season, side by side (MODEL.md section 8): what serves the load hour by
    /// hour stacked by kind, battery charging below zero, curtailed solar and wind hatched above the
    /// load, unserved load in red, the load as a line; all sites with typed sources summed.
    /// </summary>
    public static Plot Dispatch(ChartData d, Core.Engine.Hourly.DispatchDays days, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, $"Typical days of {days.Month}, hour by hour", $"Typical days, {days.Month}",
            $"nominal buildout of {days.Month}; each season's typical weather, every gas unit up; solar time");
        int hours = days.Load.Length;
        // Steps: each hour's value held from its start to its end, two points an hour.
        double[] xs = [.. Enumerable.Range(0, 2 * hours).Select(i => (double)((i + 1) / 2))];
        static double[] Held(double[] values) => [.. values.SelectMany(v => new[] { v, v })];
        double top = 0;
        var lower = new double[hours];
        var legend = new List<IPlottable>();
        foreach (var (kind, mw) in days.Served)
        {
            if (mw.All(v => v <= 0)) continue;
            var upper = lower.Zip(mw, (a, b) => a + b).ToArray();
            var fill = plot.Add.FillY(xs, Held(lower), Held(upper));
            fill.FillColor = KindColors[kind];
            fill.LineWidth = 0;
            fill.LegendText = kind == "battery" ? "battery discharge" : kind == "other" ? "other sources" : kind;
            legend.Add(fill);
            lower = upper;
        }
        if (days.Unserved.Any(v => v > 0))
        {
            var gap = plot.Add.FillY(xs, Held(lower), Held([.. lower.Zip(days.Unserved, (a, b) => a + b)]));
            gap.FillColor = StrandedColor.WithAlpha(0.6);
            gap.LineWidth = 0;
            gap.LegendText = "unserved";
            legend.Add(gap);
        }
        if (days.Curtailed.Any(v => v > 0))
        {
            var above = days.Load.Zip(days.Curtailed, (a, b) => a + b).ToArray();
            var curtailed = plot.Add.FillY(xs, Held(days.Load), Held(above));
            curtailed.FillColor = KindColors["solar"].WithAlpha(0.4);
            curtailed.FillHatch = new ScottPlot.Hatches.Striped();
            curtailed.FillHatchColor = KindColors["solar"].WithAlpha(0.8);
            curtailed.LineWidth = 0;
            curtailed.LegendText = "curtailed";
            legend.Add(curtailed);
            top = Math.Max(top, above.Max());
        }
        double bottom = 0;
        if (days.Charging.Any(v => v > 0))
        {
            var charge = plot.Add.FillY(xs, Held(new double[hours]), Held([.. days.Charging.Select(v => -v)]));
            charge.FillColor = KindColors["battery"].WithAlpha(0.35);
            charge.LineWidth = 0;
            charge.LegendText = "battery charging";
            legend.Add(charge);
            bottom = -days.Charging.Max();
        }
        var load = plot.Add.ScatterLine(xs, Held(days.Load), TotalColor);
        load.LineWidth = 2.5f;
        load.LegendText = "load (facility demand)";
        legend.Add(load);
        top = Math.Max(top, Math.Max(lower.DefaultIfEmpty(0).Max(), days.Load.Max()));
        // Each season's day between lines, named above the data.
        var ticks = new NumericManual();
        for (int day = 0; day < days.Seasons.Count; day++)
        {
            for (int h = 0; h < 24; h += 6) ticks.AddMajor(day * 24 + h, h.ToString(CultureInfo.InvariantCulture));
            if (day > 0)
            {
                var line = plot.Add.VerticalLine(day * 24, 1, Colors.Gray, LinePattern.Dashed);
                line.ExcludeFromLegend = true;
            }
            var name = plot.Add.Text(days.Seasons[day], day * 24 + 12, top * 1.12);
            name.LabelFontSize = frame.NoteSize + 1;
            name.LabelBold = true;
            name.LabelAlignment = Alignment.LowerCenter;
        }
        ticks.AddMajor(hours, "24");
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.XLabel("hour of the day");
        plot.YLabel("MW");
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        plot.Axes.SetLimitsX(0, hours);
        plot.Axes.SetLimitsY(bottom * 1.1, top > 0 ? top * 1.25 : 1);
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }

    /// <summary>
    /// Cost of compute over time: USD per H100e-hour (middle line and band). The axis fits the
    /// months with at least a hundredth of the run's peak H100e: before that, a campus under
    /// construction with a few accelerators costs far more per hour than it will.
    /// </summary>
    public static Plot CostPerH100eHour(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Cost per H100e-hour", "Cost per H100e-hour", $"TCO / H100e-hours; {d.BandLabel}", dates: true);
        var legend = ChartParts.Band(plot, d, d.Total, Metric.UsdPerH100eHour, v => v, "cost", TotalColor);
        plot.YLabel("USD per H100e-hour");
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        var h100e = d.Middle(d.Total, Metric.H100e);
        double peak = h100e.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var high = d.HasSpread ? d.Percentile(d.Total, Metric.UsdPerH100eHour, d.HighIndex) : d.Middle(d.Total, Metric.UsdPerH100eHour);
        double top = high.Where((v, t) => double.IsFinite(v) && h100e[t] >= 0.01 * peak && peak > 0).DefaultIfEmpty(0).Max();
        ChartStyle.ZeroBased(plot, top);
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }

    /// <summary>
    /// Total cost of ownership per calendar year by kind: depreciation, capital charge, O&amp;M and
    /// energy stacked (means, all sites), with the year's USD per H100e-hour above its bar.
    /// </summary>
    public static Plot Tco(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Total cost of ownership per year", "TCO per year", $"{d.MeanOverSamples}; above the bars: the year's USD per H100e-hour");
        var depreciation = d.AnnualMean(d.Total, Metric.DepreciationUsd);
        var charge = d.AnnualMean(d.Total, Metric.CapitalChargeUsd);
        var om = d.AnnualMean(d.Total, Metric.OmUsd);
        var energy = d.AnnualMean(d.Total, Metric.EnergyCostUsd);
        var totals = d.AnnualMean(d.Total, Metric.TcoUsd);
        var perHour = d.AnnualMean(d.Total, Metric.UsdPerH100eHour);
        double highest = totals.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var unit = Units.Axis("USD", highest);
        bool any = perHour.Any(v => double.IsFinite(v) && v > 0);
        ChartParts.StackedBars(plot, frame, d,
        [
            ("depreciation", Color.FromHex("#3182bd"), depreciation),
            ("capital charge (cost of capital)", Color.FromHex("#9ecae1"), charge),
            ("operations and maintenance", Color.FromHex("#8c6d31"), om),
            ("energy", Color.FromHex("#e6550d"), energy),
        ], unit.Divisor, any ? new LegendItem { LabelText = "$ above a bar: USD per H100e-hour" } : null);
        plot.YLabel($"TCO ({unit.Label} per year)");
        LabelBars(plot, frame, d, totals, [.. perHour.Select(v => v > 0 ? v : double.NaN)], unit, v => Units.Format(v, Units.PerH100eHour));
        return plot;
    }

    /// <summary>Writes <paramref name="labels"/> above each year's bar of height <paramref name="totals"/>, with room above the tallest.</summary>
    private static void LabelBars(Plot plot, ChartFrame frame, ChartData d, double[] totals, double[] labels, UnitScale unit, Func<double, string> format)
    {
        double highest = totals.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        for (int y = 0; y < d.Years.Length; y++)
        {
            if (!double.IsFinite(labels[y])) continue;
            double barTop = double.IsFinite(totals[y]) ? totals[y] / unit.Divisor : 0;
            var label = plot.Add.Text(format(labels[y]), y, barTop);
            label.LabelFontSize = frame.NoteSize;
            label.LabelBold = true;
            label.LabelFontColor = TotalColor;
            label.LabelPadding = 2;
            label.LabelAlignment = Alignment.LowerCenter;
            label.OffsetY = -6;  // clear of the data area's bottom edge too, where a year spends nothing
        }
        // Room above the tallest bar for its figure: about two lines of note type over the data area's height.
        double room = (frame.NoteSize * 2.5) / (frame.Height - (frame.IsPanel ? 260 : 200));
        double axisTop = highest / unit.Divisor * (1 + room) * 1.04;
        plot.Axes.SetLimitsY(0, axisTop > 0 ? axisTop : 1);
    }

    /// <summary>
    /// The largest training run: its FLOP (middle line and band, log axis) with the published
    /// training runs of its years as labelled points, its goodput on the right axis where the run
    /// has accelerators, and the accelerators in it in a row of their own under the data at each year's end.
    /// </summary>
    public static Plot Frontier(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Largest run allowed (a bound)", "Largest run allowed", $"FLOP at the run size that trains most, after failures; {d.BandLabel}", dates: true);
        var flop = d.Middle(d.Total, Metric.FrontierRunFlop);
        var legend = ChartParts.Band(plot, d, d.Total, Metric.FrontierRunFlop, ChartStyle.Log10, "run FLOP", TotalColor);
        var published = ChartParts.PublishedRuns(plot, d.Xs[0], d.Xs[^1], frame.NoteSize);
        var drawn = flop.Concat(d.HasSpread ? d.Percentile(d.Total, Metric.FrontierRunFlop, d.LowIndex).Concat(d.Percentile(d.Total, Metric.FrontierRunFlop, d.HighIndex)) : [])
            // A point's label is as tall as the point is wide: the axis reaches a little past the points, so no label leaves the data.
            .Concat(published.Flop.SelectMany(f => new[] { f / 1.5, f * 1.5 }))
            .Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (published.Points is { } points) legend.Add(points);
        plot.YLabel("FLOP of the run (log scale)");
        if (drawn.Count > 0) ChartStyle.LogAxis(plot, drawn.Min(), drawn.Max(), Units.Flop);

        // Goodput only where the run has accelerators: a run of none has no time to share out.
        var accelerators = d.Middle(d.Total, Metric.FrontierRunAccelerators);
        var goodput = d.Middle(d.Total, Metric.FrontierRunGoodput).Select((g, t) => accelerators[t] > 0 ? g : double.NaN).ToArray();
        foreach (var (from, to) in ChartStyle.FiniteRuns(goodput, goodput))
        {
            var piece = plot.Add.ScatterLine(d.Xs[from..to], goodput[from..to], GoodputColor);
            piece.LineWidth = 2;
            piece.LinePattern = LinePattern.Dashed;
            piece.Axes.YAxis = plot.Axes.Right;
            if (from > 0 && legend.Any(l => l is Scatter { LegendText: var text } && text.StartsWith("goodput", StringComparison.Ordinal))) continue;
            piece.LegendText = $"goodput {d.MiddleLabel} (right axis)";
            legend.Add(piece);
        }
        plot.Axes.Right.Label.Text = "goodput (share of time training)";
        plot.Axes.Right.TickGenerator = new NumericManual([.. Enumerable.Range(0, 11).Select(i => i / 10.0)], [.. Enumerable.Range(0, 11).Select(i => (i / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))]);

        // The accelerators in the run at each December (or the run's last month), in a strip under
        // the data, off the lines. A label that would run into the one before it is left out.
        double strip = frame.IsPanel ? 0.14 : 0.05;
        var left = plot.Axes.GetLimits(plot.Axes.Bottom, plot.Axes.Left);
        double below = strip / (1 - strip);
        double floor = left.Bottom - below * (left.Top - left.Bottom);
        plot.Axes.SetLimitsY(floor, left.Top, plot.Axes.Left);
        plot.Axes.SetLimitsY(-below * 1.02, 1.02, plot.Axes.Right);
        var rule = plot.Add.HorizontalLine(left.Bottom, 1, Colors.LightGray);
        rule.ExcludeFromLegend = true;
        double daysPerPixel = (d.Xs[^1] - d.Xs[0] + 31) / (frame.Width - (frame.IsPanel ? 150 : 560));
        double lastEnd = double.NegativeInfinity;
        bool any = false;
        using var measure = Paint.NewDisposablePaint();
        for (int t = 0; t < d.Months; t++)
        {
            bool yearEnd = DateTime.FromOADate(d.Xs[t]).Month == 12 || t == d.Months - 1;
            if (!yearEnd || !(flop[t] > 0) || !(accelerators[t] > 0)) continue;
            string text = Units.Format(accelerators[t], "count");
            double width = (new LabelStyle { FontSize = frame.NoteSize, Padding = 3 }.Measure(text, measure).Width + 12) * daysPerPixel;
            if (d.Xs[t] - width < lastEnd || d.Xs[t] - width < d.Xs[0] - 15) continue;
            lastEnd = d.Xs[t];
            var label = plot.Add.Text(text, d.Xs[t], (floor + left.Bottom) / 2);
            label.LabelFontSize = frame.NoteSize;
            label.LabelFontColor = Colors.DimGray;
            label.LabelPadding = 3;
            label.LabelAlignment = Alignment.MiddleRight;
            any = true;
        }
        var items = legend.SelectMany(p => p.LegendItems).ToList();
        if (any) items.Add(new LegendItem { LabelText = $"bottom row: accelerators, {d.MiddleLabel}" });
        ChartParts.Legend(plot, frame, items);
        return plot;
    }
}
