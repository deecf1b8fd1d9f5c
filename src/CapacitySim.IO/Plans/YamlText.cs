using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CapacitySim.Core.Model;

namespace CapacitySim.IO.Plans;

/// <summary>Values written into a scenario file in YAML flow style: numbers round-trip, text is quoted when it would not read back as itself.</summary>
internal static partial class YamlText
{
    /// <summary>A number as written in a scenario: the shortest text that reads back as the same double.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Text plain when it reads back as the same text, else double-quoted (JSON quoting is valid YAML).</summary>
    public static string Text(string value) =>
        PlainSafe().IsMatch(value) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        && value is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "~")
            ? value
            : JsonSerializer.Serialize(value, YamlTextJson.Default.String);

    /// <summary>A (u) number: plain, or {dist: ..., ...} with its parameters.</summary>
    public static string Uncertain(Uncertain u) => u.Kind switch
    {
        DistributionKind.Fixed => Number(u.Value),
        DistributionKind.Uniform => $"{{dist: uniform, min: {Number(u.Min)}, max: {Number(u.Max)}}}",
        DistributionKind.Triangular => $"{{dist: triangular, min: {Number(u.Min)}, mode: {Number(u.Mode)}, max: {Number(u.Max)}}}",
        DistributionKind.Pert => $"{{dist: pert, min: {Number(u.Min)}, mode: {Number(u.Mode)}, max: {Number(u.Max)}}}",
        DistributionKind.Normal => $"{{dist: normal, mean: {Number(u.Mean)}, sd: {Number(u.Sd)}}}",
        DistributionKind.LogNormal => $"{{dist: lognormal, median: {Number(u.Median)}, sigma: {Number(u.Sigma)}}}",
        _ => throw new InvalidOperationException(u.Kind.ToString()),
    };

    /// <summary>A flow mapping of the given entries, in order: "{a: 1, b: x}".</summary>
    public static string Mapping(IEnumerable<(string Key, string Value)> entries) =>
        "{" + string.Join(", ", entries.Select(e => $"{e.Key}: {e.Value}")) + "}";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 ._/()+-]*[A-Za-z0-9._)]$|^[A-Za-z0-9]$")]
    private static partial Regex PlainSafe();
}

/// <summary>JSON quoting of a string without reflection, so it works in the Native AOT build too.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class YamlTextJson : JsonSerializerContext;
