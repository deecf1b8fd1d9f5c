using System.Text.Json.Nodes;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.IO.Scenarios;

/// <summary>schema/scenario.schema.json is kept in sync with the loader and accepts every valid file.</summary>
public class SchemaTests
{
    private static readonly SchemaFile Schema = new("scenario.schema.json");

    private static string[] Sorted(IEnumerable<string> keys) => [.. keys.Order()];

    [Test]
    public void EveryObjectListsExactlyTheKeysTheLoaderKnows()
    {
        var defs = Schema.Json["definitions"]!;
        Assert.That(SchemaFile.Keys(Schema.Json), Is.EqualTo(Sorted(ScenarioLoader.TopKeys)), "top level");
        Assert.That(SchemaFile.Keys(Schema.Json["properties"]!["training"]!), Is.EqualTo(Sorted(ScenarioLoader.TrainingKeys)), "training");
        Assert.That(SchemaFile.Keys(Schema.Json["properties"]!["defaults"]!), Is.EqualTo(Sorted(ScenarioLoader.DefaultableKeys)), "defaults");
        Assert.That(SchemaFile.Keys(defs["site"]!), Is.EqualTo(Sorted(ScenarioLoader.SiteKeys)), "site");
        Assert.That(SchemaFile.Keys(defs["phase"]!), Is.EqualTo(Sorted(ScenarioLoader.PhaseKeys)), "phase");
        Assert.That(SchemaFile.Keys(defs["supply"]!), Is.EqualTo(Sorted(ScenarioLoader.SupplyKeys)), "supply");
        Assert.That(SchemaFile.Keys(defs["accelerator"]!), Is.EqualTo(Sorted(ScenarioLoader.AcceleratorKeys)), "accelerator");
        Assert.That(SchemaFile.Keys(defs["researcher"]!), Is.EqualTo(Sorted(ScenarioLoader.ResearcherKeys)), "researcher");
        Assert.That(SchemaFile.Keys(defs["cluster"]!), Is.EqualTo(Sorted(ScenarioLoader.ClusterKeys)), "cluster");
        Assert.That(SchemaFile.Keys(defs["path"]!), Is.EqualTo(Sorted(ScenarioLoader.PathKeys)), "path");
        Assert.That(SchemaFile.Keys(defs["stage"]!), Is.EqualTo(Sorted(ScenarioLoader.StageKeys)), "stage");
        Assert.That(SchemaFile.Keys(defs["leadTime"]!), Is.EqualTo(Sorted(ScenarioLoader.LeadTimeKeys)), "lead time");
        var forms = defs["distribution"]!["oneOf"]!.AsArray()
            .ToDictionary(f => f!["properties"]!["dist"]!["const"]!.GetValue<string>(), f => SchemaFile.Keys(f!).Where(k => k != "dist").Order().ToArray());
        Assert.That(forms.Keys.Order(), Is.EqualTo(NodeReader.DistributionForms.Keys.Order()));
        foreach (var (name, form) in NodeReader.DistributionForms)
            Assert.That(forms[name], Is.EqualTo(Sorted(form.Fields)), name);
    }

    [Test]
    public void TheSchemasLimitOfSamplesIsTheRunPlans() =>
        Assert.That(Schema.Json["properties"]!["samples"]!["maximum"]!.GetValue<int>(), Is.EqualTo(CapacitySim.Core.Engine.RunPlan.MaxSamples));

    [TestCaseSource(typeof(CapacitySim.Tests.Scenarios.ShippedScenarioTests), nameof(CapacitySim.Tests.Scenarios.ShippedScenarioTests.Files))]
    public void ShippedScenariosAreValidAndPointEditorsAtTheSchema(string relative)
    {
        string text = TestScenarios.ReadRepoFile(relative);
        AssertValid(text, relative);
        string first = text.Split('\n')[0];
        Assert.That(first, Does.StartWith("# yaml-language-server: $schema="));
        string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.Combine(TestScenarios.RepoRoot, relative))!, first["# yaml-language-server: $schema=".Length..].Trim()));
        Assert.That(target, Is.EqualTo(Schema.Path), "the comment's relative path resolves to the schema");
    }

    [Test]
    public void GeneratedValidScenariosAreValid()
    {
        for (int seed = 1; seed <= 30; seed++) AssertValid(RandomScenarios.Generate(seed, 4), $"random {seed}");
    }

    [TestCase("unknown: 1")]
    [TestCase("samples: many")]
    [TestCase("start: 2025-13")]
    [TestCase("percentiles: [150]")]
    [TestCase("training_days: 100")]
    [TestCase("training: {days: 100, mtbf: 1}")]
    public void EditorsSeeCommonMistakes(string extra)
    {
        string text = TestScenarios.ReadRepoFile("scenarios/examples/single-site-linear.yaml");
        string key = extra.Split(':')[0];
        var lines = text.Split('\n').Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal)).Append(extra);
        Assert.That(Schema.Evaluate(string.Join('\n', lines)).IsValid, Is.False);
    }

    [Test]
    public void PhaseNeedsExactlyOneSize()
    {
        string text = TestScenarios.ReadRepoFile("scenarios/examples/single-site-linear.yaml").Replace("it_mw: 100", "it_mw: 100\n        facility_mw: 120");
        Assert.That(Schema.Evaluate(text).IsValid, Is.False);
    }

    private static void AssertValid(string yaml, string what)
    {
        var result = Schema.Evaluate(yaml);
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);
            Assert.Fail($"{what} does not validate against the schema:\n{string.Join("\n", errors)}");
        }
    }
}
