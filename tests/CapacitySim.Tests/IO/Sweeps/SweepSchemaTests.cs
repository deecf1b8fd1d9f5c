using System.Text.Json.Nodes;
using CapacitySim.IO.Sweeps;

namespace CapacitySim.Tests.IO.Sweeps;

/// <summary>schema/sweep.schema.json is kept in sync with the sweep loader and accepts the shipped sweeps.</summary>
public class SweepSchemaTests
{
    private static readonly SchemaFile Schema = new("sweep.schema.json");

    public static IEnumerable<string> Sweeps() =>
        Directory.EnumerateFiles(Path.Combine(TestScenarios.RepoRoot, "sweeps"), "*.yaml").Select(f => "sweeps/" + Path.GetFileName(f)).Order();

    [Test]
    public void EveryObjectListsExactlyTheKeysTheLoaderKnows()
    {
        Assert.That(SchemaFile.Keys(Schema.Json), Is.EqualTo(SweepLoader.TopKeys.Order().ToArray()));
        Assert.That(SchemaFile.Keys(Schema.Json["definitions"]!["axis"]!), Is.EqualTo(SweepLoader.AxisKeys.Order().ToArray()));
        Assert.That(Schema.Json["properties"]!["design"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(SweepLoader.Designs));
    }

    [Test]
    public void DistributionsAreTheScenarioSchemas()
    {
        var scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(TestScenarios.RepoRoot, "schema", "scenario.schema.json")))!;
        Assert.That(JsonNode.DeepEquals(Schema.Json["definitions"]!["distribution"], scenario["definitions"]!["distribution"]), Is.True);
    }

    [TestCaseSource(nameof(Sweeps))]
    public void ShippedSweepsAreValidAndPointEditorsAtTheSchema(string relative)
    {
        string text = TestScenarios.ReadRepoFile(relative);
        Assert.That(Schema.Evaluate(text).IsValid, Is.True, relative);
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
        Assert.That(Schema.Evaluate(text).IsValid, Is.True);
        Assert.That(Schema.Evaluate(text.Replace(good, bad)).IsValid, Is.False, bad);
    }

    [Test]
    public void LatinHypercubeNeedsPointsAndRanges()
    {
        string text = "scenario: a.yaml\ndesign: latin-hypercube\npoints: 20\naxes:\n  - {set: defaults.mfu, range: [0.3, 0.5]}\nmetrics: [mfu]\nmonths: [2027-12]\n";
        Assert.That(Schema.Evaluate(text).IsValid, Is.True);
        Assert.That(Schema.Evaluate(text.Replace("points: 20\n", "")).IsValid, Is.False, "no points");
        Assert.That(Schema.Evaluate(text.Replace("range: [0.3, 0.5]", "values: [0.3, 0.5]")).IsValid, Is.False, "values instead of a range");
    }
}
