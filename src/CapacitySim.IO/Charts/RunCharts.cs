using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace CapacitySim.IO.Charts;

/// <summary>
/// The PNG charts of a run. Charts only draw what Core computed: means for stacked quantities (a
/// sum of means is the mean of the sum), the middle percentile with the band between the outer
/// requested percentiles for uncertain totals. A site has the same colour on every chart.
/// </summary>
public static class RunCharts
{
    public const int Width = ChartStyle.Width;
    public const int Height = ChartStyle.Height;
    private static readonly Color TotalColor = Color.FromHex("#222222");
    private static readonly Color SupplyColor = Color.FromHex("#d62728");
    private static readonly Color GoodputColor = Color.FromHex("#2ca02c");

    /// <summary>Writes power, compute, energy, compute-per-researcher (with researchers), capex, frontier and dashboard PNGs (the dashboard: power, compute, energy and compute per researcher, or capex without researchers).</summary>
    public static void WriteAll(string folder, SimulationResult result, Summary monthly, Summary annual, SampleSeries annualSeries)
    {
        using var dashboard = WriteCharts(folder, result, monthly, annual, annualSeries);
        SaveDashboard(dashboard, folder);
    }

    /// <summary>
    /// Writes every PNG of <see cref="WriteAll"/> but the dashboard, and returns the dashboard drawn
    /// (the caller saves it with <see cref="SaveDashboard"/>, possibly beside other work, and
    /// disposes it).
    /// </summary>
    public static SKBitmap WriteCharts(string folder, SimulationResult result, Summary monthly, Summary annual, SampleSeries annualSeries)
    {
        ChartFonts.EnsureRegistered();
        var view = new ChartData(result, monthly, annual);
        // Each chart is its own Plot, rendered in parallel; the dashboard's four are drawn straight
        // into its quarters (and their PNGs encoded from there), so it needs no drawing of its own.
        var plots = new List<(string File, Func<Plot> Make)>
        {
            ("power.png", () => Power(view)),
            ("compute.png", () => Compute(view)),
            ("energy.png", () => Energy(view)),
            ("capex.png", () => Capex(view)),
            ("frontier.png", () => Frontier(view)),
        };
        if (view.HasResearchers) plots.Add(("compute-per-researcher.png", () => ComputePerResearcher(view)));
        string fourth = view.HasResearchers ? "compute-per-researcher.png" : "capex.png";
        string[] quarters = ["power.png", "compute.png", "energy.png", fourth];
        var dashboard = ChartStyle.NewBitmap(2 * Width, 2 * Height);
        try
        {
            Concurrent.Run([.. plots.Select(p => (Action)(() =>
            {
                int q = Array.IndexOf(quarters, p.File);
                using var bitmap = q < 0 ? ChartStyle.NewBitmap(Width, Height) : Quarter(dashboard, q);
                ChartStyle.Render(p.Make(), bitmap);
                ChartStyle.SavePng(bitmap, Path.Combine(folder, p.File));
            }))]);
            return dashboard;
        }
        catch
        {
            dashboard.Dispose();
            throw;
        }
    }

    /// <summary>Saves a dashboard from <see cref="WriteCharts"/> as dashboard.png in <paramref name="folder"/>.</summary>
    public static void SaveDashboard(SKBitmap dashboard, string folder) => ChartStyle.SavePng(dashboard, Path.Combine(folder, "dashboard.png"));

    /// <summary>
    /// Quarter <paramref name="q"/> (top left, top right, bottom left, bottom right) of the
    /// dashboard as a Width x Height bitmap that shares the dashboard's pixels.
    /// </summary>
    private static SKBitmap Quarter(SKBitmap dashboard, int q)
    {
        var quarter = new SKBitmap();
        if (!dashboard.ExtractSubset(quarter, SKRectI.Create(q % 2 * Width, q / 2 * Height, Width, Height)))
        {
            quarter.Dispose();
            throw new InvalidOperationException("Skia could not take a quarter of the dashboard");
        }
        return quarter;
    }

    /// <summary>
    /// Loads fonts and drawing libraries and draws and encodes a small chart with every kind of
    /// element in memory, so a process that does this on an idle core draws its real charts sooner.
    /// </summary>
    public static void WarmUp()
    {
        ChartFonts.EnsureRegistered();
        var plot = ChartStyle.NewPlot("warm-up", "subtitle");
        double[] xs = [0, 1, 2], ys = [1, 2, 3];
        var fill = plot.Add.FillY(xs, [0, 0, 0], ys);
        fill.LegendText = "fill";
        plot.Add.ScatterLine(xs, ys).LegendText = "line";
        plot.Add.Bars(ys);
        plot.ShowLegend(Alignment.UpperLeft);
        using var bitmap = ChartStyle.Render(plot, 160, 90);
        using var png = ChartStyle.EncodePng(bitmap);
    }

    /// <summary>IT powered stacked by site (means), with total IT built and total supply as lines.</summary>
    public static Plot Power(ChartData d)
    {
        var plot = NewPlot(d, "IT capacity and power supply", "mean over samples; stranded IT = built above the stack", dates: true);
        double max = Math.Max(d.Max(Metric.ItBuiltMw), d.Max(Metric.SupplyMw));
        var unit = Units.Axis("MW", max);
        var lower = new double[d.Months];
        for (int k = 0; k < d.Parts.Count; k++)
        {
            int s = d.Parts[k];
            var upper = d.Mean(s, Metric.ItPoweredMw).Select((v, i) => lower[i] + v / unit.Divisor).ToArray();
            var fill = plot.Add.FillY(d.Xs, lower, upper);
            fill.FillColor = SiteColor(k).WithAlpha(0.75);
            fill.LineColor = SiteColor(k);
            fill.LineWidth = 1;
            fill.LegendText = $"{d.ScopeNames[s]} powered";
            lower = upper;
        }
        var built = plot.Add.ScatterLine(d.Xs, Scale(d.Mean(d.Total, Metric.ItBuiltMw), unit.Divisor), TotalColor);
        built.LineWidth = 2.5f;
        built.LinePattern = LinePattern.Dashed;
        built.LegendText = "IT built (all sites)";
        var supply = plot.Add.ScatterLine(d.Xs, Scale(d.Mean(d.Total, Metric.SupplyMw), unit.Divisor), SupplyColor);
        supply.LineWidth = 1.5f;
        supply.LinePattern = LinePattern.Dotted;
        supply.LegendText = "supply, nameplate (all sites)";
        var firm = plot.Add.ScatterLine(d.Xs, Scale(d.Mean(d.Total, Metric.SupplyFirmMw), unit.Divisor), SupplyColor);
        firm.LineWidth = 2.5f;
        firm.LegendText = "supply, firm (all sites)";
        plot.YLabel($"IT power ({unit.Label})");
        ChartStyle.ZeroBased(plot, max / unit.Divisor);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>
    /// Total effective FLOP/s: middle percentile, band between the outer ones, and each site's
    /// middle line; on a log axis when the values span two decades or more, else linear.
    /// </summary>
    public static Plot Compute(ChartData d)
    {
        var positive = Enumerable.Range(0, d.ScopeNames.Count)
            .SelectMany(s => d.Middle(s, Metric.EffectiveFlops)).Where(v => v > 0 && double.IsFinite(v)).ToList();
        bool log = positive.Count > 0 && positive.Max() / positive.Min() >= 100;
        var plot = NewPlot(d, "Effective compute (FLOP/s at the sites' MFU)", d.BandLabel, dates: true);
        Func<double[], double[]> transform = log ? ChartStyle.Log10 : values => values;
        for (int k = 0; k < d.Parts.Count; k++)
        {
            int s = d.Parts[k];
            if (s == d.Total) continue;
            var line = plot.Add.ScatterLine(d.Xs, transform(d.Middle(s, Metric.EffectiveFlops)), SiteColor(k));
            line.LineWidth = 1.5f;
            line.LegendText = d.ScopeNames[s];
        }
        Band(plot, d, d.Total, Metric.EffectiveFlops, transform, "total");
        if (log)
        {
            plot.YLabel("effective FLOP/s (log scale)");
            var drawn = Enumerable.Range(0, d.ScopeNames.Count).SelectMany(s => d.Middle(s, Metric.EffectiveFlops))
                .Concat(d.HasSpread ? d.Percentile(d.Total, Metric.EffectiveFlops, d.LowIndex).Concat(d.Percentile(d.Total, Metric.EffectiveFlops, d.HighIndex)) : [])
                .Where(v => v > 0 && double.IsFinite(v)).ToList();
            ChartStyle.LogAxis(plot, drawn.Min(), drawn.Max(), Units.Flops);
        }
        else
        {
            plot.YLabel("effective FLOP/s");
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Flops };
            ChartStyle.ZeroBased(plot, d.Max(Metric.EffectiveFlops));
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Facility energy per calendar year, stacked by site (means).</summary>
    public static Plot Energy(ChartData d)
    {
        var plot = NewPlot(d, "Facility energy per year", "mean over samples; partial years count the run's months only");
        var unit = Units.Axis("MWh", d.AnnualMax(Metric.FacilityEnergyMwh));
        StackedBars(plot, d, [.. d.Parts.Select((s, k) => (d.ScopeNames[s], SiteColor(k), d.AnnualMean(s, Metric.FacilityEnergyMwh)))], unit.Divisor);
        plot.YLabel($"facility energy ({unit.Label} per year)");
        return plot;
    }

    /// <summary>H100-equivalents per researcher: middle percentile with the outer band.</summary>
    public static Plot ComputePerResearcher(ChartData d)
    {
        var plot = NewPlot(d, "Compute per researcher", d.BandLabel, dates: true);
        Band(plot, d, d.Total, Metric.H100ePerResearcher, v => v, "H100e per researcher");
        plot.YLabel("H100-equivalents per researcher");
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        ChartStyle.ZeroBased(plot, d.Max(Metric.H100ePerResearcher));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Capex per calendar year: facility, hardware and supply stacked (means, all sites), with capex to date at each year's end as a line on the right axis.</summary>
    public static Plot Capex(ChartData d)
    {
        var plot = NewPlot(d, "Capex per year", "mean over samples, all sites; line: capex to date (right axis)");
        var facility = d.AnnualMean(d.Total, Metric.CapexFacilityUsd);
        var hardware = d.AnnualMean(d.Total, Metric.CapexHardwareUsd);
        var supply = d.AnnualMean(d.Total, Metric.CapexSupplyUsd);
        var unit = Units.Axis("USD", facility.Zip(hardware, (a, b) => a + b).Zip(supply, (a, b) => a + b).DefaultIfEmpty(0).Max());
        StackedBars(plot, d,
        [
            ("facility (buildings, power, cooling)", Color.FromHex("#8c6d31"), facility),
            ("hardware (accelerators with servers, network)", Color.FromHex("#3182bd"), hardware),
            ("supply (on-site generation)", Color.FromHex("#e6550d"), supply),
        ], unit.Divisor);
        plot.YLabel($"capex ({unit.Label} per year)");

        var cumulative = d.AnnualMean(d.Total, Metric.CapexCumulativeUsd);
        var cumulativeUnit = Units.Axis("USD", cumulative.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        double[] positions = [.. Enumerable.Range(0, d.Years.Length).Select(y => (double)y)];
        var line = plot.Add.ScatterLine(positions, Scale(cumulative, cumulativeUnit.Divisor), TotalColor);
        line.LineWidth = 2.5f;
        line.MarkerSize = 7;
        line.MarkerShape = MarkerShape.FilledCircle;
        line.LegendText = "capex to date, end of year (right axis)";
        line.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = $"capex to date ({cumulativeUnit.Label})";
        plot.Axes.Right.Label.FontSize = 18;
        plot.Axes.Right.TickLabelStyle.FontSize = 16;
        plot.Axes.Right.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        double top = cumulative.Where(double.IsFinite).DefaultIfEmpty(0).Max() / cumulativeUnit.Divisor;
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.08 : 1, plot.Axes.Right);
        return plot;
    }

    /// <summary>
    /// The largest training run: its FLOP (middle line and band, log axis), its goodput on the right
    /// axis, and the accelerators in it written at each year's end.
    /// </summary>
    public static Plot Frontier(ChartData d)
    {
        var plot = NewPlot(d, "Largest training run", $"FLOP of one run over its training days, after failures; {d.BandLabel}", dates: true);
        var flop = d.Middle(d.Total, Metric.FrontierRunFlop);
        var drawn = flop.Concat(d.HasSpread ? d.Percentile(d.Total, Metric.FrontierRunFlop, d.LowIndex).Concat(d.Percentile(d.Total, Metric.FrontierRunFlop, d.HighIndex)) : [])
            .Where(v => v > 0 && double.IsFinite(v)).ToList();
        Band(plot, d, d.Total, Metric.FrontierRunFlop, ChartStyle.Log10, "run FLOP");
        plot.YLabel("FLOP of the run (log scale)");
        if (drawn.Count > 0) ChartStyle.LogAxis(plot, drawn.Min(), drawn.Max(), v => v.ToString("0.#e0", CultureInfo.InvariantCulture));

        var goodput = plot.Add.ScatterLine(d.Xs, d.Middle(d.Total, Metric.FrontierRunGoodput), GoodputColor);
        goodput.LineWidth = 2;
        goodput.LinePattern = LinePattern.Dashed;
        goodput.LegendText = $"goodput {d.MiddleLabel} (right axis)";
        goodput.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "goodput (share of time training)";
        plot.Axes.Right.Label.FontSize = 18;
        plot.Axes.Right.TickLabelStyle.FontSize = 16;
        plot.Axes.SetLimitsY(0, 1.05, plot.Axes.Right);

        // The accelerators in the run at each December (or the run's last month), on the FLOP line.
        var accelerators = d.Middle(d.Total, Metric.FrontierRunAccelerators);
        for (int t = 0; t < d.Months; t++)
        {
            bool yearEnd = DateTime.FromOADate(d.Xs[t]).Month == 12 || t == d.Months - 1;
            if (!yearEnd || !(flop[t] > 0) || !double.IsFinite(accelerators[t])) continue;
            var label = plot.Add.Text($"{Units.Format(accelerators[t], "count")} acc.", d.Xs[t], Math.Log10(flop[t]));
            label.LabelFontSize = 13;
            label.LabelFontColor = Colors.DimGray;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            label.LabelAlignment = Alignment.LowerRight;
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>A chart titled with the scenario and its scope; time charts get the calendar axis and the phases' milestones.</summary>
    private static Plot NewPlot(ChartData d, string title, string subtitle, bool dates = false)
    {
        var plot = ChartStyle.NewPlot($"{d.ScenarioName}, {d.ScopeLabel}: {title}", subtitle);
        if (dates)
        {
            ChartStyle.DateAxis(plot, d.Xs);
            Milestones(plot, d);
        }
        return plot;
    }

    /// <summary>
    /// A thin dotted line where each phase nominally comes online (its online month plus its nominal
    /// delay), labelled with the phase at the top; phases sharing a month share a line. Left out
    /// above <see cref="ChartData.MaxMilestones"/> lines, where they would only be clutter.
    /// </summary>
    private static void Milestones(Plot plot, ChartData d)
    {
        // Labels that would overlap go one row lower (up to three rows); a fourth is left unlabelled.
        const int Rows = 3;
        double daysPerPixel = (d.Xs[^1] - d.Xs[0] + 31) / (Width - 160.0);
        var rowEnds = Enumerable.Repeat(double.NegativeInfinity, Rows).ToArray();
        foreach (var (x, label) in d.Milestones)
        {
            var line = plot.Add.VerticalLine(x, 1, Colors.Gray.WithAlpha(0.7), LinePattern.Dotted);
            line.ExcludeFromLegend = true;
            double halfWidth = (label.Length * 7.5 + 8) / 2 * daysPerPixel;
            int row = Array.FindIndex(rowEnds, end => x - halfWidth > end);
            if (row < 0) continue;
            rowEnds[row] = x + halfWidth;
            line.Text = label;
            line.LabelOppositeAxis = true;
            line.LabelFontSize = 12;
            line.LabelFontColor = Colors.DimGray;
            line.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            line.LabelOffsetY = row * 16;
        }
    }

    private static void Band(Plot plot, ChartData d, int scope, Metric metric, Func<double[], double[]> transform, string label)
    {
        var color = TotalColor;
        if (d.HasSpread)
        {
            var low = transform(d.Percentile(scope, metric, d.LowIndex));
            var high = transform(d.Percentile(scope, metric, d.HighIndex));
            bool first = true;
            foreach (var (from, to) in ChartStyle.FiniteRuns(low, high))
            {
                if (to - from < 2) continue;
                var fill = plot.Add.FillY(d.Xs[from..to], low[from..to], high[from..to]);
                fill.FillColor = color.WithAlpha(0.18);
                fill.LineWidth = 0;
                if (first) fill.LegendText = $"{label} {d.LowLabel}-{d.HighLabel}";
                first = false;
            }
        }
        var middle = plot.Add.ScatterLine(d.Xs, transform(d.Middle(scope, metric)), color);
        middle.LineWidth = 3;
        middle.LegendText = $"{label} {d.MiddleLabel}";
    }

    private static void StackedBars(Plot plot, ChartData d, (string Name, Color Color, double[] Values)[] layers, double divisor)
    {
        int years = d.Years.Length;
        var bottom = new double[years];
        foreach (var (name, color, values) in layers)
        {
            var bars = new Bar[years];
            for (int y = 0; y < years; y++)
            {
                double v = double.IsFinite(values[y]) ? values[y] / divisor : 0;
                bars[y] = new Bar { Position = y, ValueBase = bottom[y], Value = bottom[y] + v, FillColor = color, LineWidth = 0, Size = 0.7 };
                bottom[y] += v;
            }
            plot.Add.Bars(bars).LegendText = name;
        }
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. Enumerable.Range(0, years).Select(y => (double)y)], d.Years);
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Units.Number };
        ChartStyle.ZeroBased(plot, bottom.DefaultIfEmpty(0).Max());
        plot.ShowLegend(Alignment.UpperLeft);
    }

    /// <summary>The colour of the k-th part (site or region), the same on every chart.</summary>
    public static Color SiteColor(int part) => ChartStyle.Colour(part);

    private static double[] Scale(double[] values, double divisor) => [.. values.Select(v => v / divisor)];
}
