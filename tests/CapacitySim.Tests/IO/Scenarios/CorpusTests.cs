using System.Text;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.IO.Scenarios;

/// <summary>
/// IO/Scenarios/Corpus holds broken scenario files, each with the exact messages it must give
/// (FILE.expected: one "FILE.yaml:line:column: message" a line), in one run, in line order.
/// </summary>
public class CorpusTests
{
    /// <summary>The corpus folder, relative to the repository.</summary>
    public const string RelativeFolder = "tests/CapacitySim.Tests/IO/Scenarios/Corpus";

    private static readonly string Folder = Path.Combine(TestScenarios.RepoRoot, RelativeFolder);

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Folder, "*.yaml").Select(Path.GetFileName).Order()!;

    [Test]
    public void TheCorpusIsLarge() => Assert.That(Files().Count(), Is.GreaterThanOrEqualTo(60));

    [TestCaseSource(nameof(Files))]
    public void GivesExactlyTheExpectedMessages(string file)
    {
        string expectedPath = Path.Combine(Folder, Path.ChangeExtension(file, ".expected"));
        Assert.That(File.Exists(expectedPath), $"{file} has its .expected file");
        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToArray();
        var work = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                ScenarioLoader.Parse(File.ReadAllBytes(Path.Combine(Folder, file)), file, BuiltInCatalog.Load());
                return (Lines: (string[]?)null, Allocated: GC.GetAllocatedBytesForCurrentThread() - before);
            }
            catch (ScenarioException e)
            {
                return (Lines: e.Diagnostics.Select(d => d.ToString()).ToArray(), Allocated: GC.GetAllocatedBytesForCurrentThread() - before);
            }
        });
        // Only a hang reaches this bound: the work is bounded by the bytes it allocates, checked below,
        // which a loaded machine does not change.
        Assert.That(work.Wait(TimeSpan.FromMinutes(10)), Is.True, $"{file} is answered (not a hang)");
        var (lines, allocated) = work.Result;
        Assert.That(lines, Is.Not.Null, $"{file} must be rejected");
        Assert.That(lines, Is.EqualTo(expected));
        Assert.That(allocated, Is.LessThan(256L << 20), $"{file} is answered in bounded memory");
    }

    [Test]
    public void ATwentyMegabyteFileIsRefusedWithoutReadingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"capsim-big-{Guid.NewGuid():N}.yaml");
        try
        {
            var line = Encoding.UTF8.GetBytes("# " + new string('x', 1000) + "\n");
            using (var stream = File.Create(path))
                for (int i = 0; i < 20 * 1024; i++) stream.Write(line);
            var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path, BuiltInCatalog.Load()))!;
            Assert.That(e.Diagnostics.Single().ToString(), Is.EqualTo($"{path}:1:1: the file is 19.6 MB; scenario files are limited to 16 MB"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
