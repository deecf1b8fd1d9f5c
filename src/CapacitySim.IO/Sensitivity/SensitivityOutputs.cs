using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Sensitivity;
using CapacitySim.IO.Charts;
using CapacitySim.IO.Csv;
using CapacitySim.IO.Reports;
using CsvHelper;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CapacitySim.IO.Sensitivity;

/// <summary>sensitivity.csv (every uncertain parameter, largest swing first) and tornado.png (the largest swings).</summary>
public static class SensitivityOutputs
{
    /// <summary>Most bars on the tornado chart; the CSV lists every parameter.</summary>
    public const int MaxBars = 20;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string folder, string scenarioName, SensitivityResult result)
    {
        WriteCsv(Path.Combine(folder, "sensitivity.csv"), result);
        Tornado(scenarioName, result).SavePng(Path.Combine(folder, "tornado.png"), ChartStyle.Width, ChartStyle.Height);
    }

    /// <summary>One row per uncertain parameter: where it is, its P10/P90 values, the metric there, the swing and the rank correlation.</summary>
    public static void WriteCsv(string path, SensitivityResult result)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        string low = "p" + result.LowLevel.ToString(Inv), high = "p" + result.HighLevel.ToString(Inv);
        csv.WriteRecord(["parameter", "path", "line", "distribution", "nominal", $"{low}_value", $"{high}_value",
            "metric", "scope", "month", "unit", "metric_nominal", $"metric_at_{low}", $"metric_at_{high}", "swing", "rank_correlation"]);
        var info = result.Metric.Info();
        foreach (var row in result.Rows)
        {
            var p = row.Parameter;
            csv.WriteRecord([p.Label, p.Path, p.Line.ToString(Inv), RunReport.Describe(p.Value), SummaryCsv.Number(p.Value.Nominal),
                SummaryCsv.Number(row.LowValue), SummaryCsv.Number(row.HighValue), info.Name, result.Scope, result.Month.ToString(), info.Unit,
                SummaryCsv.Number(result.Nominal), SummaryCsv.Number(row.MetricAtLow), SummaryCsv.Number(row.MetricAtHigh), SummaryCsv.Number(row.Swing),
                double.IsNaN(row.RankCorrelation) ? "" : SummaryCsv.Number(row.RankCorrelation)]);
        }
        csv.Flush();
    }

    /// <summary>
    /// The tornado: per parameter, a bar from the nominal metric to its value with the parameter at
    /// P10 and one to its value at P90, largest swing on top, with the rank correlation in the label.
    /// </summary>
    public static Plot Tornado(string scenarioName, SensitivityResult result)
    {
        var info = result.Metric.Info();
        // Only parameters that move the metric get a row; the others are counted in the subtitle.
        var moving = result.Moving;
        var rows = moving.Take(MaxBars).ToList();
        int still = result.Rows.Count - moving.Count;
        string more = (moving.Count > rows.Count ? $"; the {rows.Count} largest of {moving.Count} that move it" : "")
            + (still > 0 ? $"; {still} more did not move it" : "");
        string low = "P" + result.LowLevel.ToString(Inv), high = "P" + result.HighLevel.ToString(Inv);
        var plot = ChartStyle.NewPlot($"{scenarioName}, {result.Scope}: what moves {info.Name} in {result.Month}",
            $"each uncertain parameter alone from {low} to {high}, the rest nominal (nominal {Units.Format(result.Nominal, info.Unit)}){more}");
        var lowColour = Color.FromHex("#3182bd");
        var highColour = Color.FromHex("#e6550d");
        var bars = new List<Bar>();
        var ticks = new NumericManual();
        for (int k = 0; k < rows.Count; k++)
        {
            double y = rows.Count - 1 - k;
            var row = rows[k];
            bars.Add(new Bar { Position = y, ValueBase = result.Nominal, Value = row.MetricAtLow, FillColor = lowColour, LineWidth = 0, Size = 0.7, Orientation = Orientation.Horizontal });
            bars.Add(new Bar { Position = y, ValueBase = result.Nominal, Value = row.MetricAtHigh, FillColor = highColour, LineWidth = 0, Size = 0.7, Orientation = Orientation.Horizontal });
            string rho = double.IsNaN(row.RankCorrelation) ? "n/a" : row.RankCorrelation.ToString("+0.00;-0.00;0.00", Inv);
            // The parameter as people name it, and the values it was pinned at (P10 to P90, as the subtitle says).
            var p = row.Parameter;
            ticks.AddMajor(y, $"{ParameterNames.Of(p)}: {ParameterNames.Value(p, row.LowValue)} to {ParameterNames.Value(p, row.HighValue)}  (rho {rho})");
        }
        if (rows.Count > 0)
        {
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
        }
        var lowKey = plot.Add.Bars(new[] { new Bar { Position = double.NaN, Value = double.NaN, FillColor = lowColour } });
        lowKey.LegendText = $"parameter at its {low}";
        var highKey = plot.Add.Bars(new[] { new Bar { Position = double.NaN, Value = double.NaN, FillColor = highColour } });
        highKey.LegendText = $"parameter at its {high}";
        var nominal = plot.Add.VerticalLine(result.Nominal, 2, Colors.Black, LinePattern.Dashed);
        nominal.LegendText = "nominal";
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        double min = rows.SelectMany(r => new[] { r.MetricAtLow, r.MetricAtHigh }).Append(result.Nominal).Min();
        double max = rows.SelectMany(r => new[] { r.MetricAtLow, r.MetricAtHigh }).Append(result.Nominal).Max();
        // As every other chart: FLOP in powers of ten, FLOP/s and the rest in the one prefix of the largest value.
        var scale = Units.Axis("FLOP/s", max);
        (Func<double, string> axisLabel, string unit) = info.Unit switch
        {
            "FLOP" => ((Func<double, string>)Units.Flop, "FLOP"),
            "FLOP/s" => (v => Units.Number(v / scale.Divisor), scale.Label),
            _ => (v => Units.Format(v, info.Unit, max), info.Unit),
        };
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = axisLabel };
        plot.XLabel($"{info.Name} ({unit}); rho = Spearman rank correlation over {result.Samples:N0} samples");
        plot.Axes.Bottom.Label.FontSize = 16;
        double pad = max > min ? (max - min) * 0.08 : Math.Max(Math.Abs(max) * 0.05, 1);
        plot.Axes.SetLimitsX(min - pad, max + pad);
        plot.Axes.SetLimitsY(-0.7, Math.Max(rows.Count, 1) - 0.3);
        ChartParts.Legend(plot, ChartFrame.Chart, [lowKey, highKey, nominal], below: true);
        return plot;
    }
}
