using CapacitySim.IO.Catalog;
using CapacitySim.IO.Plans;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.IO.Plans;

/// <summary>
/// IO/Plans/Corpus holds broken plan files (*.plan.yaml), each with the exact messages it must give
/// (FILE.expected: one "FILE:line:column: message" a line), every problem in one run; the scenarios
/// they name sit beside them.
/// </summary>
public class PlanCorpusTests
{
    private static readonly string Folder = Path.Combine(TestScenarios.RepoRoot, "tests/CapacitySim.Tests/IO/Plans/Corpus");

    public static IEnumerable<string> Files() => Directory.EnumerateFiles(Folder, "*.plan.yaml").Select(Path.GetFileName).Order()!;

    [Test]
    public void TheCorpusCoversTheMistakes() => Assert.That(Files().Count(), Is.GreaterThanOrEqualTo(7));

    [TestCaseSource(nameof(Files))]
    public void GivesExactlyTheExpectedMessages(string file)
    {
        string expectedPath = Path.Combine(Folder, file.Replace(".plan.yaml", ".expected", StringComparison.Ordinal));
        Assert.That(File.Exists(expectedPath), $"{file} has its .expected file");
        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToArray();
        var e = Assert.Throws<ScenarioException>(() => PlanLoader.Load(Path.Combine(Folder, file), BuiltInCatalog.Load()))!;
        // Messages name the files by the path they were opened with; the corpus compares names from this folder.
        var lines = e.Diagnostics.Select(d => d.ToString().Replace(Folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)).ToArray();
        Assert.That(lines, Is.EqualTo(expected));
    }
}
