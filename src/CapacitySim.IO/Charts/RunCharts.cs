using CapacitySim.Core.Statistics;
using CapacitySim.Core.Engine;
using ScottPlot;
using SkiaSharp;

namespace CapacitySim.IO.Charts;

/// <summary>
/// Writes the PNG charts of a run: each chart of <see cref="RunPlots"/> on its own, and the
/// dashboard, four of them as panels under one heading.
/// </summary>
public static class RunCharts
{
    public const int Width = ChartStyle.Width;
    public const int Height = ChartStyle.Height;

    /// <summary>Dashboard size: two panels across, two down, under the heading.</summary>
    public static readonly (int Width, int Height) DashboardSize = (2 * ChartFrame.Panel.Width, ChartStyle.HeadingHeight + 2 * ChartFrame.Panel.Height);

    /// <summary>Writes power, compute, energy, compute-per-researcher (with researchers), capex, frontier and dashboard PNGs.</summary>
    public static void WriteAll(string folder, SimulationResult result, Summary monthly, Summary annual, SampleSeries annualSeries)
    {
        using var dashboard = WriteCharts(folder, result, monthly, annual, annualSeries);
        SaveDashboard(dashboard, folder);
    }

    /// <summary>The charts of a run by file name, each as a function drawing it in a frame.</summary>
    public static IReadOnlyList<(string File, Func<ChartFrame, Plot> Make)> Charts(ChartData view)
    {
        var charts = new List<(string, Func<ChartFrame, Plot>)>
        {
            ("power.png", f => RunPlots.Power(view, f)),
            ("compute.png", f => RunPlots.Compute(view, f)),
            ("energy.png", f => RunPlots.Energy(view, f)),
            ("capex.png", f => RunPlots.Capex(view, f)),
            ("frontier.png", f => RunPlots.Frontier(view, f)),
        };
        if (view.HasResearchers) charts.Add(("compute-per-researcher.png", f => RunPlots.ComputePerResearcher(view, f)));
        if (view.HasTypedSources) charts.Add(("cfe.png", f => RunPlots.CarbonFreeShare(view, f)));
        if (view.Dispatch is { } days) charts.Add(("dispatch.png", f => RunPlots.Dispatch(view, days, f)));
        return charts;
    }

    /// <summary>
    /// Charts of two plots one above the other, each in a <see cref="ChartFrame.Half"/>:
    /// emissions.png, the emissions per year by kind above the emissions to date; cost.png, the cost
    /// per H100e-hour over time above the TCO per year by kind.
    /// </summary>
    public static IReadOnlyList<(string File, Func<ChartFrame, Plot>[] Parts)> Stacked(ChartData view) =>
    [
        ("emissions.png", [f => RunPlots.Emissions(view, f), f => RunPlots.EmissionsToDate(view, f)]),
        ("cost.png", [f => RunPlots.CostPerH100eHour(view, f), f => RunPlots.Tco(view, f)]),
    ];

    /// <summary>
    /// The dashboard's panels, left to right and top to bottom: power, compute, energy (the
    /// carbon-free share where sites are dispatched hour by hour), and compute per researcher
    /// (capex without researchers).
    /// </summary>
    public static string[] DashboardPanels(ChartData view) =>
        ["power.png", "compute.png", view.HasTypedSources ? "cfe.png" : "energy.png", view.HasResearchers ? "compute-per-researcher.png" : "capex.png"];

    /// <summary>
    /// Writes every PNG of <see cref="WriteAll"/> but the dashboard, and returns the dashboard drawn
    /// (the caller saves it with <see cref="SaveDashboard"/>, possibly beside other work, and disposes it).
    /// </summary>
    public static SKBitmap WriteCharts(string folder, SimulationResult result, Summary monthly, Summary annual, SampleSeries annualSeries, Core.Engine.Hourly.DispatchDays? dispatch = null)
    {
        ChartFonts.EnsureRegistered();
        var view = new ChartData(result, monthly, annual) { Dispatch = dispatch };
        var charts = Charts(view);
        var panels = DashboardPanels(view);
        var dashboard = ChartStyle.NewBitmap(DashboardSize.Width, DashboardSize.Height);
        try
        {
            // Each chart and each panel is its own Plot, drawn in parallel; panels straight into the dashboard.
            var work = charts.Select(c => (Action)(() =>
            {
                using var bitmap = ChartStyle.Render(c.Make(ChartFrame.Chart), Width, Height);
                ChartStyle.SavePng(bitmap, Path.Combine(folder, c.File));
            })).ToList();
            for (int q = 0; q < panels.Length; q++)
            {
                var make = charts.First(c => c.File == panels[q]).Make;
                int quarter = q;
                work.Add(() =>
                {
                    using var bitmap = Panel(dashboard, quarter);
                    ChartStyle.Render(make(ChartFrame.Panel), bitmap);
                });
            }
            foreach (var (file, parts) in Stacked(view))
                work.Add(() =>
                {
                    var half = ChartFrame.Half;
                    using var bitmap = ChartStyle.NewBitmap(half.Width, half.Height * parts.Length);
                    for (int k = 0; k < parts.Length; k++)
                    {
                        using var region = ChartStyle.Region(bitmap, 0, k * half.Height, half.Width, half.Height);
                        ChartStyle.Render(parts[k](half), region);
                    }
                    ChartStyle.SavePng(bitmap, Path.Combine(folder, file));
                });
            work.Add(() => Heading(dashboard, view));
            Concurrent.Run([.. work]);
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

    /// <summary>The dashboard's heading: the scenario and scope in bold, what the lines and bands are below.</summary>
    private static void Heading(SKBitmap dashboard, ChartData view) =>
        ChartStyle.DrawHeading(dashboard, $"{view.ScenarioName}, {view.ScopeLabel}", $"{view.BandLabel}; stacked areas and bars: means");

    /// <summary>Panel <paramref name="q"/> (top left, top right, bottom left, bottom right) of the dashboard, sharing its pixels.</summary>
    private static SKBitmap Panel(SKBitmap dashboard, int q)
    {
        var frame = ChartFrame.Panel;
        return ChartStyle.Region(dashboard, q % 2 * frame.Width, ChartStyle.HeadingHeight + q / 2 * frame.Height, frame.Width, frame.Height);
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
        ChartStyle.Legend(plot, ChartFrame.Chart);
        using var bitmap = ChartStyle.Render(plot, 160, 90);
        using var png = ChartStyle.EncodePng(bitmap);
    }
}
