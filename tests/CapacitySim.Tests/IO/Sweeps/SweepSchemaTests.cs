using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CapacitySim.IO.Sweeps;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CapacitySim.Tests.IO.Sweeps;

/// <summary>schema/sweep.schema.json is kept in sync with the sweep loader and accepts the shipped sweeps.</summary>
public class SweepSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(TestScenarios.RepoRoot, "schema", "sweep.schema.json");
    private static readonly JsonNode SchemaJson = JsonNode.Parse(File.ReadAllText(SchemaPath))!;
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(SchemaPath));

    private static string[] Keys(JsonNode objectSchema) => [.. objectSchema["properties"]!.AsObject().Select(p => p.Key).Order()];

    public static IEnumerable<string> Sweeps() =>
        Directory.EnumerateFiles(Path.Combine(TestScenarios.RepoRoot, "sweeps"), "*.yaml").Select(f => "sweeps/" + Path.GetFileName(f)).Order();

    [Test]
    public void EveryObjectListsExactlyTheKeysTheLoaderKnows()
    {
        Assert.That(Keys(SchemaJson), Is.EqualTo(SweepLoader.TopKeys.Order().ToArray()));
        Assert.That(Keys(SchemaJson["definitions"]!["axis"]!), Is.EqualTo(SweepLoader.AxisKeys.Order().ToArray()));
        Assert.That(SchemaJson["properties"]!["design"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(SweepLoader.Designs));
    }

    [Test]
    public void DistributionsAreTheScenarioSchemas()
    {
        var scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(TestScenarios.RepoRoot, "schema", "scenario.schema.json")))!;
        Assert.That(JsonNode.DeepEquals(SchemaJson["definitions"]!["distribution"], scenario["definitions"]!["distribution"]), Is.True);
    }

    [TestCaseSource(nameof(Sweeps))]
    public void ShippedSweepsAreValidAndPointEditorsAtTheSchema(string relative)
    {
        string text = TestScenarios.ReadRepoFile(relative);
        Assert.That(Evaluate(text).IsValid, Is.True, relative);
        string first = text.Split('\n')[0];
        Assert.That(first, Is.EqualTo("# yaml-language-server: $schema=../schema/sweep.schema.json"));
    }

    [TestCase("values: [1]", "range: [0, 1]")]
    [TestCase("metrics: [effective_flops]", "metrics: []")]
    [TestCase("months: [2027-12]", "months: [2027-13]")]
    [TestCase("samples: 50", "samples: 0")]
    [TestCase("name: small-grid", "name: Small Grid")]
    public void EditorsSeeCommonMistakes(string good, string bad)
    {
        string text = "scenario: a.yaml\nname: small-grid\nsamples: 50\naxes:\n  - set: defaults.mfu\n    values: [1]\nmetrics: [effective_flops]\nmonths: [2027-12]\n";
        Assert.That(Evaluate(text).IsValid, Is.True);
        Assert.That(Evaluate(text.Replace(good, bad)).IsValid, Is.False, bad);
    }

    [Test]
    public void LatinHypercubeNeedsPointsAndRanges()
    {
        string text = "scenario: a.yaml\ndesign: latin-hypercube\npoints: 20\naxes:\n  - {set: defaults.mfu, range: [0.3, 0.5]}\nmetrics: [mfu]\nmonths: [2027-12]\n";
        Assert.That(Evaluate(text).IsValid, Is.True);
        Assert.That(Evaluate(text.Replace("points: 20\n", "")).IsValid, Is.False, "no points");
        Assert.That(Evaluate(text.Replace("range: [0.3, 0.5]", "values: [0.3, 0.5]")).IsValid, Is.False, "values instead of a range");
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        using var doc = JsonDocument.Parse(ToJson(stream.Documents[0].RootNode)?.ToJsonString() ?? "null");
        return Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long i) => JsonValue.Create(i),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) => JsonValue.Create(d),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException("unexpected YAML node"),
    };
}
