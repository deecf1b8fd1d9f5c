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
        var plot = ChartParts.NewPlot(d, frame, "IT capacity and power supply", "IT capacity and power",
            $"means in IT MW; supply: the IT its firm part can power (firm / design PUE){stranded}", dates: true);
        double max = new[] { built, firmIt }.SelectMany(v => v).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var unit = Units.Axis("MW", max);

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
            // Named where it is largest, so a thin sliver on a GW axis is still seen.
            var stranding = d.Mean(d.Total, Metric.ItStrandedMw);
            int worst = Array.IndexOf(stranding, maxStranded);
            var note = plot.Add.Text($"{Units.Format(maxStranded, "MW")} stranded ({DateTime.FromOADate(d.Xs[worst]):yyyy-MM})", d.Xs[worst], built[worst] / unit.Divisor);
            note.LabelFontSize = frame.NoteSize + 1;
            note.LabelBold = true;
            note.LabelFontColor = StrandedColor;
            note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            note.LabelAlignment = Alignment.LowerCenter;
            note.OffsetY = -8;
        }
        var builtLine = plot.Add.ScatterLine(d.Xs, ChartParts.Scale(built, unit.Divisor), TotalColor);
        builtLine.LineWidth = 2.5f;
        builtLine.LinePattern = LinePattern.Dashed;
        builtLine.LegendText = "IT built" + d.AllSites;
        var supply = plot.Add.ScatterLine(d.Xs, ChartParts.Scale(firmIt, unit.Divisor), SupplyColor);
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
        if (log)
        {
            plot.YLabel("effective FLOP/s (log scale)");
            ChartStyle.LogAxis(plot, total.Min(), everything.Max(), Units.Flops);
        }
        else
        {
            plot.YLabel("effective FLOP/s");
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Flops };
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

    /// <summary>Capex per calendar year: facility, hardware and supply stacked (means, all sites), with capex to date at each year's end as a line on the right axis.</summary>
    public static Plot Capex(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Capex per year", "Capex per year", $"mean over samples{d.AllSites.Replace(" (", ", ").TrimEnd(')')}; line: capex to date (right axis)");
        var facility = d.AnnualMean(d.Total, Metric.CapexFacilityUsd);
        var hardware = d.AnnualMean(d.Total, Metric.CapexHardwareUsd);
        var supply = d.AnnualMean(d.Total, Metric.CapexSupplyUsd);
        var unit = Units.Axis("USD", facility.Zip(hardware, (a, b) => a + b).Zip(supply, (a, b) => a + b).DefaultIfEmpty(0).Max());

        var cumulative = d.AnnualMean(d.Total, Metric.CapexCumulativeUsd);
        var cumulativeUnit = Units.Axis("USD", cumulative.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        double[] positions = [.. Enumerable.Range(0, d.Years.Length).Select(y => (double)y)];
        var line = plot.Add.ScatterLine(positions, ChartParts.Scale(cumulative, cumulativeUnit.Divisor), TotalColor);
        line.LineWidth = 2.5f;
        line.MarkerSize = 7;
        line.MarkerShape = MarkerShape.FilledCircle;
        line.LegendText = "capex to date, end of year (right axis)";
        line.Axes.YAxis = plot.Axes.Right;
        ChartParts.StackedBars(plot, frame, d,
        [
            ("facility (buildings, power, cooling)", Color.FromHex("#8c6d31"), facility),
            ("hardware (accelerators, servers, network)", Color.FromHex("#3182bd"), hardware),
            ("supply (on-site generation)", Color.FromHex("#e6550d"), supply),
        ], unit.Divisor, first: line);
        plot.MoveToTop(line);
        plot.YLabel($"capex ({unit.Label} per year)");
        plot.Axes.Right.Label.Text = $"capex to date ({cumulativeUnit.Label})";
        plot.Axes.Right.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        double top = cumulative.Where(double.IsFinite).DefaultIfEmpty(0).Max() / cumulativeUnit.Divisor;
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.08 : 1, plot.Axes.Right);
        return plot;
    }

    /// <summary>
    /// The largest training run: its FLOP (middle line and band, log axis), its goodput on the right
    /// axis, and the accelerators in it written at each year's end.
    /// </summary>
    public static Plot Frontier(ChartData d, ChartFrame frame)
    {
        var plot = ChartParts.NewPlot(d, frame, "Largest training run", "Largest training run", $"FLOP of one run over its training days, after failures; {d.BandLabel}", dates: true);
        var flop = d.Middle(d.Total, Metric.FrontierRunFlop);
        var drawn = flop.Concat(d.HasSpread ? d.Percentile(d.Total, Metric.FrontierRunFlop, d.LowIndex).Concat(d.Percentile(d.Total, Metric.FrontierRunFlop, d.HighIndex)) : [])
            .Where(v => v > 0 && double.IsFinite(v)).ToList();
        var legend = ChartParts.Band(plot, d, d.Total, Metric.FrontierRunFlop, ChartStyle.Log10, "run FLOP", TotalColor);
        plot.YLabel("FLOP of the run (log scale)");
        if (drawn.Count > 0) ChartStyle.LogAxis(plot, drawn.Min(), drawn.Max(), Units.Flop);

        var goodput = plot.Add.ScatterLine(d.Xs, d.Middle(d.Total, Metric.FrontierRunGoodput), GoodputColor);
        goodput.LineWidth = 2;
        goodput.LinePattern = LinePattern.Dashed;
        goodput.LegendText = $"goodput {d.MiddleLabel} (right axis)";
        goodput.Axes.YAxis = plot.Axes.Right;
        legend.Add(goodput);
        plot.Axes.Right.Label.Text = "goodput (share of time training)";
        plot.Axes.Right.TickGenerator = new NumericManual([.. Enumerable.Range(0, 11).Select(i => i / 10.0)], [.. Enumerable.Range(0, 11).Select(i => (i / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(0, 1.02, plot.Axes.Right);

        // The accelerators in the run at each December (or the run's last month), under the FLOP line.
        // A label that would run into the one before it is left out (a narrow panel has room for fewer).
        var accelerators = d.Middle(d.Total, Metric.FrontierRunAccelerators);
        double daysPerPixel = (d.Xs[^1] - d.Xs[0] + 31) / (frame.Width - (frame.IsPanel ? 150 : 560));
        double lastEnd = double.NegativeInfinity;
        using var measure = Paint.NewDisposablePaint();
        for (int t = 0; t < d.Months; t++)
        {
            bool yearEnd = DateTime.FromOADate(d.Xs[t]).Month == 12 || t == d.Months - 1;
            if (!yearEnd || !(flop[t] > 0) || !double.IsFinite(accelerators[t])) continue;
            string text = $"{Units.Format(accelerators[t], "count")} acc.";
            double width = (new LabelStyle { FontSize = frame.NoteSize, Padding = 5 }.Measure(text, measure).Width + 12) * daysPerPixel;
            if (d.Xs[t] - width < lastEnd) continue;
            lastEnd = d.Xs[t];
            var label = plot.Add.Text(text, d.Xs[t], Math.Log10(flop[t]));
            label.LabelFontSize = frame.NoteSize;
            label.LabelFontColor = Colors.DimGray;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            label.LabelAlignment = Alignment.UpperRight;
            label.OffsetY = 6;
        }
        ChartParts.Legend(plot, frame, legend);
        return plot;
    }
}
