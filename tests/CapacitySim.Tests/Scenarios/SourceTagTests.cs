using System.Text.RegularExpressions;

namespace CapacitySim.Tests.Scenarios;

/// <summary>
/// Every source a scenario file names in a <c>[src: X]</c> or <c>[sec: X]</c> tag is an entry of
/// docs/sources.md, so a reader can follow each figure to its document (docs/sources.md, "Names in
/// the files' tags", states the rule this test applies).
/// </summary>
public partial class SourceTagTests
{
    /// <summary>A tag that names its source: [src: X] or [sec: X] (bare [src], [derived] and [est] name none).</summary>
    [GeneratedRegex(@"\[(?:src|sec):\s*(?<body>[^\]]+)\]")]
    private static partial Regex Tag();

    /// <summary>Where a tag's source name ends: a comma, a semicolon, a parenthesis, " via " or " citing ".</summary>
    [GeneratedRegex(@",|\(| via | citing ")]
    private static partial Regex NameEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>The names a tag gives: one per part between semicolons, each split at its slashes.</summary>
    public static IEnumerable<string> Names(string body) =>
        body.Split(';').Select(part => NameEnd().Split(part)[0])
            .SelectMany(name => name.Split('/'))
            .Select(name => name.Trim())
            .Where(name => name.Length > 0);

    /// <summary>The names every tag in the text gives, with the line each stands on.</summary>
    public static IEnumerable<(int Line, string Name)> TaggedNames(string text) =>
        text.Split('\n').SelectMany((line, i) => Tag().Matches(line).SelectMany(m => Names(m.Groups["body"].Value)).Select(name => (i + 1, name)));

    /// <summary>The names of the tags in <paramref name="yaml"/> that docs/sources.md (<paramref name="sources"/>) does not hold, case and line breaks aside.</summary>
    public static List<string> Unlisted(string yaml, string file, string sources)
    {
        string listed = Space().Replace(sources, " ");
        return TaggedNames(yaml)
            .Where(t => !listed.Contains(Space().Replace(t.Name, " "), StringComparison.OrdinalIgnoreCase))
            .Select(t => $"{file}:{t.Line}: '{t.Name}'")
            .ToList();
    }

    private static string Sources => File.ReadAllText(Path.Combine(TestScenarios.RepoRoot, "docs", "sources.md"));

    [Test]
    public void EveryTaggedSourceIsAnEntryOfDocsSources()
    {
        var unlisted = ShippedScenarioTests.Files()
            .SelectMany(f => Unlisted(File.ReadAllText(Path.Combine(TestScenarios.RepoRoot, f)), f, Sources))
            .ToList();
        Assert.That(unlisted, Is.Empty, "tags naming a source docs/sources.md does not list");
    }

    [Test]
    public void TheShippedFilesTagTheirSources()
    {
        // The check above passes trivially if the pattern stops matching: the reference file alone
        // names dozens of sources.
        string yaml = File.ReadAllText(Path.Combine(TestScenarios.RepoRoot, "scenarios", "meta-superintelligence.yaml"));
        Assert.That(TaggedNames(yaml).Count(), Is.GreaterThan(20));
        Assert.That(TaggedNames(yaml).Select(t => t.Name), Does.Contain("Epoch AI Frontier Data Centers").And.Contain("EIA Electric Power Annual"));
    }

    [Test]
    public void ATagNamingAnUnlistedSourceIsReported()
    {
        const string yaml = "a: 1   # [src: EIA Electric Power Annual] fine\n" +
                            "b: 2   # [sec: Bloomberg/Nowhere Gazette, 2026-01] one part unlisted\n" +
                            "c: 3   # [derived] from [src: Meta]; [sec: Invented Weekly via press]\n" +
                            "d: 4   # [src] and [est] name no source\n";
        Assert.That(Unlisted(yaml, "x.yaml", Sources), Is.EqualTo(new[] { "x.yaml:2: 'Nowhere Gazette'", "x.yaml:3: 'Invented Weekly'" }));
    }

    [Test]
    public void ANameSplitsAtCommasParenthesesViaAndSlashes()
    {
        Assert.That(Names("Tom's Hardware / TechJuice, 2025-05"), Is.EqualTo(new[] { "Tom's Hardware", "TechJuice" }));
        Assert.That(Names("Epoch AI Frontier Data Centers, citing the SpaceX S-1, page 76"), Is.EqualTo(new[] { "Epoch AI Frontier Data Centers" }));
        Assert.That(Names("OpenAI announcement, 2025-09-23, via press"), Is.EqualTo(new[] { "OpenAI announcement" }));
        Assert.That(Names("Meta via TechCrunch"), Is.EqualTo(new[] { "Meta" }));
        Assert.That(Names("CNBC via Teslarati and others, 2026-03-10"), Is.EqualTo(new[] { "CNBC" }));
        Assert.That(Names("xAI statement, 2025-07; Mississippi governor, 2026-01"), Is.EqualTo(new[] { "xAI statement", "Mississippi governor" }));
        Assert.That(Names("Entergy, docket U-37425 (approved 2025-08-20)"), Is.EqualTo(new[] { "Entergy" }));
    }
}
