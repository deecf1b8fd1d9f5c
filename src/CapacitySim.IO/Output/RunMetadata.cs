using System.Text.Json;
using System.Text.Json.Serialization;

namespace CapacitySim.IO.Output;

/// <summary>What run.json records so a run can be reproduced: the input's hash, seed, samples, tool version and wall time.</summary>
public sealed record RunMetadata(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("file_sha256")] string FileSha256,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("engine")] string Engine,
    [property: JsonPropertyName("tool_version")] string ToolVersion,
    [property: JsonPropertyName("started_utc")] DateTime StartedUtc,
    [property: JsonPropertyName("wall_time_seconds")] double WallTimeSeconds)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string Sha256Of(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(path)));

    public void Write(string path) => System.IO.File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");
}
