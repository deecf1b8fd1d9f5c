using System.Security.Cryptography;
using System.Text.Json;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Sweeps;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// One shard's folder, shard-IIII-of-NNNN: a copy of the sweep file (sweep.yaml), its points'
/// results (results.json), their run folders with --keep-runs, and shard.json, written last, with
/// the sweep's metadata, the shard's points and the SHA-256 of every other file.
/// </summary>
public static class ShardFolder
{
    public const string Manifest = "shard.json";
    public const string Results = "results.json";
    public const string SweepCopy = "sweep.yaml";

    /// <summary>"shard-0003-of-0064".</summary>
    public static string Name(int shard, int shards) => $"shard-{shard:D4}-of-{shards:D4}";

    /// <summary>Writes the shard's files into <paramref name="folder"/> (a staging folder; run folders may already be there).</summary>
    public static void Write(string folder, SweepFile sweep, SweepMetadata metadata, int shard, int shards, SweepResults results)
    {
        File.WriteAllBytes(Path.Combine(folder, SweepCopy), sweep.Bytes);
        var points = results.Points.Select(p => new ShardPoint(p, results.AxisValues[p],
            [.. results.Rows.Where(r => r.Point == p).Select(r => (double[])[r.Mean, .. r.Percentiles])])).ToList();
        var data = new ShardResults(results.AxisNames, [.. results.Metrics.Select(m => m.Info().Name)], results.Months, results.Percentiles, points);
        File.WriteAllText(Path.Combine(folder, Results), JsonSerializer.Serialize(data, SweepJson.Default.ShardResults) + "\n");
        var manifest = new ShardManifest(metadata, shard, shards, results.Points, Checksums(folder));
        File.WriteAllText(Path.Combine(folder, Manifest), JsonSerializer.Serialize(manifest, SweepJson.Default.ShardManifest) + "\n");
    }

    /// <summary>The SHA-256 of every file under <paramref name="folder"/> but the manifest, by '/'-separated relative path, in ordinal order.</summary>
    public static SortedDictionary<string, string> Checksums(string folder)
    {
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == Manifest) continue;
            using var stream = File.OpenRead(file);
            sums[relative] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return sums;
    }

    /// <summary>A shard's manifest, or null when it is missing or unreadable.</summary>
    public static ShardManifest? ReadManifest(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, Manifest)), SweepJson.Default.ShardManifest);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>A shard's results as rows, or null when unreadable or not of the sweep's metrics, months and percentiles.</summary>
    public static (Dictionary<int, double[]> AxisValues, List<SweepRow> Rows)? ReadResults(string folder, SweepFile sweep)
    {
        ShardResults? data;
        try
        {
            data = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, Results)), SweepJson.Default.ShardResults);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
        if (data is null || !data.Axes.SequenceEqual(sweep.Axes.Select(a => a.Name)) || !data.Months.SequenceEqual(sweep.Months)
            || !data.Metrics.SequenceEqual(sweep.Metrics.Select(m => m.Info().Name)))
            return null;
        var axisValues = new Dictionary<int, double[]>();
        var rows = new List<SweepRow>();
        int width = 1 + data.Percentiles.Count;
        foreach (var point in data.Points)
        {
            if (point.AxisValues.Length != data.Axes.Count || point.Statistics.Length != data.Metrics.Count * data.Months.Count
                || point.Statistics.Any(s => s.Length != width))
                return null;
            axisValues[point.Point] = point.AxisValues;
            int k = 0;
            foreach (var metric in sweep.Metrics)
                foreach (string month in data.Months)
                {
                    var s = point.Statistics[k++];
                    rows.Add(new SweepRow(point.Point, metric, month, s[0], s[1..]));
                }
        }
        return (axisValues, rows);
    }

    /// <summary>The percentiles a shard's results were computed at.</summary>
    public static IReadOnlyList<double>? ReadPercentiles(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, Results)), SweepJson.Default.ShardResults)?.Percentiles;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
