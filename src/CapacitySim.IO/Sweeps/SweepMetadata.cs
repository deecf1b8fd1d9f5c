using System.Text.Json;
using System.Text.Json.Serialization;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// What sweep.json records, and every shard of the sweep shares: the sweep and its file's SHA-256,
/// the scenario file's SHA-256, tool and catalog versions, samples, seed and design. It holds no
/// time, so a merged sweep writes the same bytes as one run in one go.
/// </summary>
public sealed record SweepMetadata(
    [property: JsonPropertyName("sweep")] string Sweep,
    [property: JsonPropertyName("sweep_file")] string SweepFile,
    [property: JsonPropertyName("sweep_sha256")] string SweepSha256,
    [property: JsonPropertyName("scenario_sha256")] string ScenarioSha256,
    [property: JsonPropertyName("tool_version")] string ToolVersion,
    [property: JsonPropertyName("catalog_sha256")] string CatalogSha256,
    [property: JsonPropertyName("design")] string Design,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("seed")] ulong Seed)
{
    /// <summary>The metadata of a bound sweep run by this tool.</summary>
    public static SweepMetadata Of(SweepBinding binding) => new(
        binding.Name, Path.GetFileName(binding.Sweep.Path), binding.Sweep.Sha256, binding.ScenarioSha256,
        Output.RunMetadata.CurrentToolVersion, Catalog.BuiltInCatalog.Sha256,
        binding.Sweep.IsLatinHypercube ? "latin-hypercube" : "grid", binding.Design.Points, binding.Samples, binding.Seed);

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, SweepJson.Default.SweepMetadata) + "\n");
}

/// <summary>A shard's manifest (shard.json): the sweep's metadata, which shard of how many, its points, and the SHA-256 of every other file in the folder.</summary>
public sealed record ShardManifest(
    [property: JsonPropertyName("sweep")] SweepMetadata Sweep,
    [property: JsonPropertyName("shard")] int Shard,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("point_indices")] IReadOnlyList<int> PointIndices,
    [property: JsonPropertyName("files")] IReadOnlyDictionary<string, string> Files);

/// <summary>A shard's results (results.json): each point's axis values and its rows, numbers in round-trip form.</summary>
public sealed record ShardResults(
    [property: JsonPropertyName("axes")] IReadOnlyList<string> Axes,
    [property: JsonPropertyName("metrics")] IReadOnlyList<string> Metrics,
    [property: JsonPropertyName("months")] IReadOnlyList<string> Months,
    [property: JsonPropertyName("percentiles")] IReadOnlyList<double> Percentiles,
    [property: JsonPropertyName("points")] IReadOnlyList<ShardPoint> Points);

/// <summary>One point of a shard: its index, axis values, and per metric and month (in the sweep's order) the mean then each percentile.</summary>
public sealed record ShardPoint(
    [property: JsonPropertyName("point")] int Point,
    [property: JsonPropertyName("axis_values")] double[] AxisValues,
    [property: JsonPropertyName("statistics")] double[][] Statistics);

/// <summary>The sweep's JSON, generated at compile time; NaN and infinities are written as strings, not refused.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SweepMetadata))]
[JsonSerializable(typeof(ShardManifest))]
[JsonSerializable(typeof(ShardResults))]
internal sealed partial class SweepJson : JsonSerializerContext;
