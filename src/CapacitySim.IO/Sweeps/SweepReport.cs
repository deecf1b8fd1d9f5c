using System.Globalization;
using System.Text;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Sweeps;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// sweep.md: the sweep's settings and axes, then for each metric and month the swing each axis
/// causes and the points ranked by the metric's middle value (P50, else the mean).
/// </summary>
public static class SweepReport
{
    /// <summary>Points listed in full per ranking; above it the first and last ones, the rest in sweep.csv.</summary>
    public const int FullRanking = 40;

    public static void Write(string path, SweepFile sweep, SweepMetadata metadata, SweepResults results)
    {
        var inv = CultureInfo.InvariantCulture;
        var design = sweep.Design;
        var md = new StringBuilder();
        md.Append(inv, $"# Sweep {metadata.Sweep}\n\n");
        md.Append(inv, $"Scenario `{Path.GetFileName(sweep.ScenarioPath)}` (SHA-256 {metadata.ScenarioSha256[..12]}), sweep file `{metadata.SweepFile}` (SHA-256 {metadata.SweepSha256[..12]}); ");
        md.Append(inv, $"{(design.IsGrid ? "grid" : "Latin hypercube")} of {design.Points:N0} points, {metadata.Samples:N0} samples each, seed {metadata.Seed}, scope {sweep.Scope}; capsim {metadata.ToolVersion}.\n");
        md.Append(inv, $"Middle values are the {results.MiddleLabel}{(design.IsGrid ? "; a swing moves one axis with the others at their middle values" : "; a swing is the mean over the quarter of points with the axis's highest values less that over the quarter with its lowest")}.\n\n");
        md.Append("| axis | sets | values |\n| --- | --- | --- |\n");
        foreach (var axis in sweep.Axes)
        {
            string values = axis.Range is { } r ? $"range {Num(r.Low)} to {Num(r.High)}" : string.Join(", ", axis.Values.Select(v => v.Label));
            md.Append(inv, $"| {axis.Name} | `{axis.Path}` | {values} |\n");
        }
        foreach (var metric in results.Metrics)
        {
            var info = metric.Info();
            foreach (string month in results.Months)
            {
                md.Append(inv, $"\n## {info.Name}, {month}\n\n");
                md.Append(inv, $"Swing of each axis ({info.Unit}):\n\n| axis | at its lowest value | at its highest value | range |\n| --- | --- | --- | --- |\n");
                foreach (var swing in SweepAnalysis.Swings(results, design, metric, month))
                    md.Append(inv, $"| {results.AxisNames[swing.Axis]} | {Units.Format(swing.AtLowest, info.Unit)} | {Units.Format(swing.AtHighest, info.Unit)} | {Units.Format(swing.Range, info.Unit)} |\n");
                var ranked = SweepAnalysis.Ranked(results, metric, month);
                md.Append(inv, $"\nPoints ranked by {results.MiddleLabel}, highest first:\n\n");
                md.Append("| rank | point | " + string.Join(" | ", results.AxisNames) + " | " + results.MiddleLabel + " | mean |\n");
                md.Append("| --- | --- | " + string.Join(" | ", results.AxisNames.Select(_ => "---")) + " | --- | --- |\n");
                for (int i = 0; i < ranked.Count; i++)
                {
                    if (ranked.Count > FullRanking && i == FullRanking - 5)
                    {
                        md.Append(string.Create(inv, $"| ... | {ranked.Count - FullRanking:N0} more in sweep.csv | ") + string.Join(" | ", results.AxisNames.Select(_ => "")) + " | | |\n");
                        i = ranked.Count - 5;
                    }
                    var row = ranked[i];
                    md.Append(inv, $"| {i + 1} | {row.Point} | {string.Join(" | ", results.AxisValues[row.Point].Select(Num))} | {Units.Format(results.Middle(row), info.Unit)} | {Units.Format(row.Mean, info.Unit)} |\n");
                }
            }
        }
        File.WriteAllText(path, md.ToString(), new UTF8Encoding(false));
    }

    /// <summary>An axis value as sweep.md shows it: up to 4 significant digits.</summary>
    public static string Num(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
