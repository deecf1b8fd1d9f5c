using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CapacitySim.Tests.Support;

/// <summary>One of the repository's JSON Schemas (schema/NAME): its path, its JSON, and YAML text checked against it as an editor would.</summary>
internal sealed class SchemaFile
{
    private readonly JsonSchema _schema;

    public SchemaFile(string name)
    {
        Path = System.IO.Path.Combine(TestScenarios.RepoRoot, "schema", name);
        string text = File.ReadAllText(Path);
        Json = JsonNode.Parse(text)!;
        _schema = JsonSchema.FromText(text);
    }

    public string Path { get; }
    public JsonNode Json { get; }

    /// <summary>The property names an object schema lists, sorted.</summary>
    public static string[] Keys(JsonNode objectSchema) => [.. objectSchema["properties"]!.AsObject().Select(p => p.Key).Order()];

    /// <summary>The first document of <paramref name="yaml"/> evaluated against the schema.</summary>
    public EvaluationResults Evaluate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        using var doc = JsonDocument.Parse(ToJson(stream.Documents[0].RootNode)?.ToJsonString() ?? "null");
        return _schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>YAML to JSON with YAML 1.2 core types: plain scalars that read as numbers are numbers, plain empty or ~ or null is null.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long i) => JsonValue.Create(i),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) => JsonValue.Create(d),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException("unexpected YAML node"),
    };
}
