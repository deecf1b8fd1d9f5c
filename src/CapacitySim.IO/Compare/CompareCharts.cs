using CapacitySim.Core.Engine;
using CapacitySim.IO.Charts;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CapacitySim.IO.Compare;

/// <summary>
/// One chart per compared metric: each scenario's middle line (P50) in its own colour with a band
/// between its outermost percentiles, on the months all scenarios share (calendar years for
/// flows). FLOP-based metrics are on a log axis.
/// </summary>
public static class CompareCharts
{
    /// <summary>A reader's title for a metric.</summary>
    public static string Title(MetricInfo info) => info.Name switch
    {
        "it_built_mw" => "IT capacity built",
        "it_powered_mw" => "Powered IT capacity",
        "it_stranded_mw" => "Stranded IT capacity (built, no power)",
        "supply_mw" => "Power supply capacity",
        "facility_demand_mw" => "Facility power demand",
        "accelerators" => "Accelerators installed",
        "h100e" => "H100-equivalents",
        "peak_flops" => "Peak compute",
        "effective_flops" => "Effective compute (FLOP/s at MFU)",
        "it_energy_mwh" => "IT energy per year",
        "facility_energy_mwh" => "Facility energy per year",
        "shortfall_mwh" => "Energy shortfall per year",
        "energy_cost_usd" => "Energy cost per year",
        "emissions_tco2" => "Emissions per year",
        "water_m3" => "Water per year",
        "capex_facility_usd" => "Facility capex per year",
        "capex_hardware_usd" => "Hardware capex per year",
        "capex_cumulative_usd" => "Cumulative capex (facility + hardware)",
        "researchers" => "Researchers",
        "h100e_per_researcher" => "H100-equivalents per researcher",
        "pflops_per_researcher" => "Effective PFLOP/s per researcher",
        "frontier_run_flop" => "Largest training run (FLOP over the training days)",
        _ => info.Name,
    };

    /// <summary>The title without its parenthesis, for the y axis: "Cumulative capex".</summary>
    private static string AxisName(MetricInfo info) => Title(info) is var t && t.IndexOf(" (", StringComparison.Ordinal) is var i and > 0 ? t[..i] : Title(info);

    public static Plot Draw(Comparison comparison, ComparedMetric metric)
    {
        string scope = comparison.Scope == "total" ? "all sites" : comparison.Scope;
        var first = metric.Runs[0];
        string statistic = string.Join("/", metric.Runs.Select(r => Comparison.Middle(r).Label).Distinct());
        string bands = metric.Runs.Select(Comparison.Band).OfType<(int, int, string Label)>().Select(b => b.Label).Distinct() is var labels && labels.Any()
            ? $", {string.Join("/", labels)} bands" : "";
        string span = metric.Periods.Count > 0 ? $"{metric.Periods[0]} to {metric.Periods[^1]}" : "no shared period";
        string names = string.Join(" vs ", metric.Runs.Select(r => r.Name));
        var plot = ChartStyle.NewPlot($"{Title(metric.Info)}: {(names.Length <= 60 ? names : $"{metric.Runs.Count} scenarios")}",
            $"scope {scope}; {statistic} lines{bands}; {span}");
        double[] xs = [.. metric.Periods.Select(p => metric.Annual
            ? ChartStyle.MonthX(int.Parse(p, System.Globalization.CultureInfo.InvariantCulture), 7)
            : ChartStyle.MonthX(int.Parse(p[..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[5..], System.Globalization.CultureInfo.InvariantCulture)))];
        bool log = metric.Info.Unit is "FLOP/s" or "FLOP";
        var unit = Unit(metric, comparison);
        var drawn = new List<double>();
        for (int k = 0; k < comparison.Runs.Count; k++)
        {
            var run = comparison.Runs[k];
            if (!metric.Runs.Contains(run)) continue;
            var table = metric.Annual ? run.Annual : run.Monthly;
            var values = metric.Periods.Select(p => table.Find(p, comparison.Scope, metric.Info.Name)).ToList();
            double[] Pick(Func<SummaryValues, double> f) => [.. values.Select(v => v is null ? double.NaN : f(v) / unit.Divisor)];
            var middle = Pick(v => Comparison.MiddleOf(run, v));
            var colour = ChartStyle.Colour(k);
            if (Comparison.Band(run) is { } band)
            {
                var low = Pick(v => v.Percentiles[band.Low]);
                var high = Pick(v => v.Percentiles[band.High]);
                drawn.AddRange(low.Concat(high));
                if (log) { low = ChartStyle.Log10(low); high = ChartStyle.Log10(high); }
                foreach (var (from, to) in ChartStyle.FiniteRuns(low, high))
                {
                    if (to - from < 2) continue;
                    var fill = plot.Add.FillY(xs[from..to], low[from..to], high[from..to]);
                    fill.FillColor = colour.WithAlpha(0.18);
                    fill.LineWidth = 0;
                }
            }
            drawn.AddRange(middle);
            var line = plot.Add.ScatterLine(xs, log ? ChartStyle.Log10(middle) : middle, colour);
            line.LineWidth = 3;
            if (metric.Annual) line.MarkerSize = 9;
            line.LegendText = run.Name + (Comparison.Band(run) is { } b ? $" ({Comparison.Middle(run).Label}, {b.Label} band)" : $" ({Comparison.Middle(run).Label})");
        }
        if (xs.Length > 0)
        {
            if (metric.Annual)
                plot.Axes.Bottom.TickGenerator = new NumericManual(xs, [.. metric.Periods]);
            else
                ChartStyle.DateAxis(plot, xs);
        }
        var positive = drawn.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (log && positive.Count > 0)
        {
            plot.YLabel($"{AxisName(metric.Info)} ({metric.Info.Unit}, log scale)");
            ChartStyle.LogAxis(plot, positive.Min(), positive.Max(), metric.Info.Unit == "FLOP/s" ? DisplayUnit.Flops : v => v.ToString("0.#e0", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            plot.YLabel($"{AxisName(metric.Info)} ({unit.Label})");
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = DisplayUnit.Number };
            ChartStyle.ZeroBased(plot, drawn.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The display unit of a metric's axis, from the largest value any scenario reaches.</summary>
    private static DisplayUnit Unit(ComparedMetric metric, Comparison comparison)
    {
        double max = metric.Runs.SelectMany(r => metric.Periods.Select(p => (metric.Annual ? r.Annual : r.Monthly).Find(p, comparison.Scope, metric.Info.Name)))
            .OfType<SummaryValues>().SelectMany(v => v.Percentiles.Append(v.Mean)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        string per = metric.Annual ? " per year" : "";
        return metric.Info.Unit switch
        {
            "MW" => DisplayUnit.Power(max),
            "MWh" => DisplayUnit.Energy(max) with { Label = DisplayUnit.Energy(max).Label + per },
            "USD" => DisplayUnit.Money(max) with { Label = DisplayUnit.Money(max).Label + per },
            "tCO2" => max >= 1e6 ? new DisplayUnit(1e6, "MtCO2" + per) : new DisplayUnit(1e3, "ktCO2" + per),
            "m3" => new DisplayUnit(1e6, "million m3" + per),
            "H100e" or "count" => max >= 1e6 ? new DisplayUnit(1e6, $"{metric.Info.Unit} (millions)") : new DisplayUnit(1, metric.Info.Unit),
            "FLOP/s" or "FLOP" => new DisplayUnit(1, metric.Info.Unit),
            _ => new DisplayUnit(1, metric.Info.Unit),
        };
    }
}
