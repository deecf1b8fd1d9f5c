using System.Text.Json.Nodes;
using CapacitySim.Core.Engine;
using CapacitySim.IO.Plans;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.IO.Plans;

/// <summary>schema/plan.schema.json is kept in sync with the plan loader, accepts the shipped plans and refuses common mistakes.</summary>
public class PlanSchemaTests
{
    private static readonly SchemaFile Schema = new("plan.schema.json");

    [Test]
    public void EveryObjectListsExactlyTheKeysTheLoaderKnows()
    {
        var defs = Schema.Json["definitions"]!;
        Assert.That(SchemaFile.Keys(Schema.Json), Is.EqualTo(PlanLoader.TopKeys.Order().ToArray()), "top level");
        Assert.That(SchemaFile.Keys(defs["target"]!), Is.EqualTo(PlanLoader.TargetKeys.Order().ToArray()), "target");
        Assert.That(SchemaFile.Keys(defs["expansion"]!), Is.EqualTo(PlanLoader.ExpansionKeys.Order().ToArray()), "expansion");
        Assert.That(SchemaFile.Keys(defs["expansion"]!["properties"]!["new_site"]!), Is.EqualTo(PlanLoader.NewSiteKeys.Order().ToArray()), "new_site");
        Assert.That(SchemaFile.Keys(defs["supply"]!), Is.EqualTo(ScenarioLoader.SupplyKeys.Order().ToArray()), "supply");
        var metrics = defs["target"]!["properties"]!["metric"]!["enum"]!.AsArray().Select(m => m!.GetValue<string>());
        Assert.That(metrics, Is.EqualTo(Metrics.All.Select(m => m.Name)));
    }

    public static IEnumerable<string> ShippedPlans() =>
        Directory.EnumerateFiles(Path.Combine(TestScenarios.RepoRoot, "plans"), "*.yaml").Select(f => Path.GetRelativePath(TestScenarios.RepoRoot, f)).Order();

    [TestCaseSource(nameof(ShippedPlans))]
    public void ShippedPlansAreValidAndPointEditorsAtTheSchema(string relative)
    {
        string text = TestScenarios.ReadRepoFile(relative);
        Assert.That(Schema.Evaluate(text).IsValid, Is.True, relative);
        Assert.That(text.Split('\n')[0], Is.EqualTo("# yaml-language-server: $schema=../schema/plan.schema.json"));
        Assert.DoesNotThrow(() => PlanLoader.Load(Path.Combine(TestScenarios.RepoRoot, relative), CapacitySim.IO.Catalog.BuiltInCatalog.Load()));
    }

    [TestCase("confidence: 90")]
    [TestCase("targets: [{metric: effective_flop, month: 2030-12, at_least: 1}]")]
    [TestCase("targets: [{metric: h100e, month: 2030-12, at_least: 1, at_most: 2}]")]
    [TestCase("expansion: [{site: A, new_site: {name: B}, earliest: 2026-01, step_it_mw: 1, max_it_mw_per_year: 1}]")]
    [TestCase("expansion: [{site: A, earliest: 2026-01, step_it_mw: 0, max_it_mw_per_year: 1}]")]
    [TestCase("expansion: [{site: A, earliest: 2026-01, step_it_mw: 1, max_it_mw_per_year: 1, supply: more}]")]
    [TestCase("expansion: [{site: A, grow_source: store, step_mw: 10, max_mw: 100, earliest: 2026-01}]")]
    [TestCase("expansion: [{new_site: {name: B}, grow_source: store, step_mw: 10, max_mw: 100}]")]
    [TestCase("expansion: [{site: A, grow_source: store, step_mw: 0, max_mw: 100}]")]
    public void EditorsSeeCommonMistakes(string replacement)
    {
        string text = "scenario: s.yaml\nconfidence: 0.9\ntargets: [{metric: h100e, month: 2030-12, at_least: 1}]\nexpansion: [{site: A, earliest: 2026-01, step_it_mw: 1, max_it_mw_per_year: 1}]\n";
        Assert.That(Schema.Evaluate(text).IsValid, Is.True, "the starting point is valid");
        string key = replacement.Split(':')[0];
        var lines = text.Split('\n').Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal)).Append(replacement);
        Assert.That(Schema.Evaluate(string.Join('\n', lines)).IsValid, Is.False);
    }

    [Test]
    public void AnExpansionThatGrowsASourceIsValid()
    {
        string text = "scenario: s.yaml\nconfidence: 0.9\ntargets: [{metric: cfe_share, month: 2030-12, at_least: 0.9}]\nexpansion: [{site: A, grow_source: store, step_mw: 10, max_mw: 100}]\n";
        Assert.That(Schema.Evaluate(text).IsValid, Is.True);
    }
}
