using System.Text.Json;
using System.Text.Json.Serialization;
using CapacitySim.Core.Engine;

namespace CapacitySim.IO.Output;

/// <summary>What run.json records so a run can be reproduced: the input's hash, seed, samples, tool and catalog versions, and the wall time of simulation and statistics.</summary>
public sealed record RunMetadata(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("file_sha256")] string FileSha256,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("engine")] string Engine,
    [property: JsonPropertyName("tool_version")] string ToolVersion,
    [property: JsonPropertyName("catalog_sha256")] string CatalogSha256,
    [property: JsonPropertyName("started_utc")] DateTime StartedUtc,
    [property: JsonPropertyName("wall_time_seconds")] double WallTimeSeconds)
{
    /// <summary>The month dispatch.png shows (YYYY-MM) when a run has typed sources and the user picked one; absent otherwise.</summary>
    [JsonPropertyName("dispatch_month")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DispatchMonth { get; init; }

    /// <summary>The metadata of a run of the file at <paramref name="path"/> as <paramref name="plan"/> says, with the file's hash, the catalog's hash and this tool's version.</summary>
    public static RunMetadata Create(string path, string scenario, RunPlan plan, string engine, DateTime startedUtc, double wallTimeSeconds) =>
        new(scenario, path, Sha256Of(path), plan.Seed, plan.Samples, engine, CurrentToolVersion, Catalog.BuiltInCatalog.Sha256, startedUtc, wallTimeSeconds);

    /// <summary>The tool's version (all CapacitySim assemblies share it).</summary>
    public static string CurrentToolVersion => typeof(RunMetadata).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string Sha256Of(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(path)));

    /// <summary>Reads a run.json; null when it is missing or not a run.json of this version.</summary>
    public static RunMetadata? TryRead(string path)
    {
        try
        {
            return System.IO.File.Exists(path) ? JsonSerializer.Deserialize(System.IO.File.ReadAllText(path), RunMetadataJson.Default.RunMetadata) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    public void Write(string path) => System.IO.File.WriteAllText(path, JsonSerializer.Serialize(this, RunMetadataJson.Default.RunMetadata) + "\n");
}

/// <summary>run.json's serializer, generated at compile time: no reflection, and nothing to compile at start-up.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RunMetadata))]
internal sealed partial class RunMetadataJson : JsonSerializerContext;
