using CapacitySim.Core.Sweeps;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// Everything a sweep writes from its results: sweep.csv, sweep.parquet, sweep.md, the heatmaps and
/// sweep.json. A run in one go and a merge of shards call it with the same results, so they write
/// the same bytes.
/// </summary>
public static class SweepOutputs
{
    /// <summary>The folder a sweep writes: &lt;out&gt;/&lt;name&gt;-sweep.</summary>
    public static string FolderName(string name) => $"{name}-sweep";

    /// <summary>The folder its shards write into: &lt;out&gt;/&lt;name&gt;-sweep-shards.</summary>
    public static string ShardsFolderName(string name) => $"{name}-sweep-shards";

    /// <summary>Sub-folder of a point's full run with --keep-runs.</summary>
    public static string RunFolder(int point) => Path.Combine("runs", $"point-{point:D4}");

    public static void Write(string folder, SweepFile sweep, SweepMetadata metadata, SweepResults results, CancellationToken cancellation = default)
    {
        Concurrent.Run(
            () =>
            {
                SweepCsv.Write(results, Path.Combine(folder, "sweep.csv"));
                SweepParquet.Write(results, Path.Combine(folder, "sweep.parquet"));
                SweepReport.Write(Path.Combine(folder, "sweep.md"), sweep, metadata, results);
            },
            () => SweepHeatmaps.Write(folder, sweep, metadata, results));
        cancellation.ThrowIfCancellationRequested();
        metadata.Write(Path.Combine(folder, "sweep.json"));
    }
}
