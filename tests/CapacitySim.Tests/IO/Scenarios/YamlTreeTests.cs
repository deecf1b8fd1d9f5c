using CapacitySim.IO.Scenarios;
using YamlDotNet.Core;

namespace CapacitySim.Tests.IO.Scenarios;

/// <summary>
/// The one-pass YAML reader behind the scenario loader: the tree it builds, with positions, and
/// what it refuses before the scenario reader sees it.
/// </summary>
public class YamlTreeTests
{
    private static (List<Diagnostic> Problems, List<Node> Roots) Read(string yaml)
    {
        var roots = new List<Node>();
        var problems = YamlTree.Read(yaml, "t.yaml", roots, out _);
        return (problems, roots);
    }

    private static string Single(string yaml)
    {
        var (problems, _) = Read(yaml);
        Assert.That(problems, Has.Count.EqualTo(1), string.Join("\n", problems));
        return problems[0].ToString();
    }

    [Test]
    public void BuildsMappingsListsAndScalarsInFileOrderWithTheirPositions()
    {
        var (problems, roots) = Read("name: 'x'\nroadmap: [H100, B200]\nsites:\n  - name: A\n    it_mw: 10\n");
        Assert.That(problems, Is.Empty);
        Assert.That(roots, Has.Count.EqualTo(1));
        var top = (MappingNode)roots[0];
        Assert.That(top.Children.Select(e => ((ScalarNode)e.Key).Value), Is.EqualTo(new[] { "name", "roadmap", "sites" }));

        var name = (ScalarNode)top.Children[0].Value;
        Assert.That((name.Value, name.Style, name.Start.Line, name.Start.Column), Is.EqualTo(("x", ScalarStyle.SingleQuoted, 1L, 7L)));

        var roadmap = (SequenceNode)top.Children[1].Value;
        Assert.That(roadmap.Children.Select(n => ((ScalarNode)n).Value), Is.EqualTo(new[] { "H100", "B200" }));
        // "roadmap: [H100, B200]": the list opens at column 10 of line 2, B200 starts at column 17.
        Assert.That((roadmap.Start.Line, roadmap.Start.Column), Is.EqualTo((2L, 10L)));
        Assert.That((roadmap.Children[1].Start.Line, roadmap.Children[1].Start.Column), Is.EqualTo((2L, 17L)));

        var site = (MappingNode)((SequenceNode)top.Children[2].Value).Children[0];
        Assert.That(site.Children.Select(e => (((ScalarNode)e.Key).Value, ((ScalarNode)e.Value).Value)),
            Is.EqualTo(new[] { ("name", "A"), ("it_mw", "10") }));
        Assert.That(site.Children[1].Key.Start.Line, Is.EqualTo(5L));
    }

    [Test]
    public void AnAliasIsTheNodeItsAnchorMarks()
    {
        var (problems, roots) = Read("base: &b {dist: uniform, min: 1, max: 2}\nagain: *b\nn: &n 3\nm: *n\n");
        Assert.That(problems, Is.Empty);
        var top = (MappingNode)roots[0];
        Assert.That(top.Children[1].Value, Is.SameAs(top.Children[0].Value));
        Assert.That(top.Children[3].Value, Is.SameAs(top.Children[2].Value));
    }

    [Test]
    public void AnAliasToNoAnchorIsReportedWhereItStands()
    {
        // "start: *nowhere": the alias starts at column 8 of line 2.
        Assert.That(Single("name: x\nstart: *nowhere\n"), Is.EqualTo(
            "t.yaml:2:8: YAML syntax: *nowhere refers to no anchor; an alias repeats a value marked &nowhere above it, outside the alias's own list or mapping"));
    }

    [Test]
    public void AnAliasInsideTheCollectionItsAnchorMarksIsRefused()
    {
        // The anchor's collection is not complete where the alias stands, so the tree cannot contain itself.
        Assert.That(Single("a: &x {b: *x}\n"), Does.StartWith("t.yaml:1:11: YAML syntax: *x refers to no anchor"));
    }

    [Test]
    public void AKeyGivenTwiceIsReportedAtTheSecond()
    {
        Assert.That(Single("name: a\nseed: 1\nname: b\n"), Is.EqualTo(
            "t.yaml:3:1: YAML syntax: key 'name' is given twice in the same mapping; keep one"));
        // The same key in different mappings is fine.
        Assert.That(Read("a: {k: 1}\nb: {k: 2}\n").Problems, Is.Empty);
    }

    [Test]
    public void AKeyGivenTwiceInALargeMappingIsFoundToo()
    {
        // 20 keys k0 .. k19 (enough that keys are looked up by hashing), then k3 again on line 21.
        string yaml = string.Concat(Enumerable.Range(0, 20).Select(i => $"k{i}: {i}\n")) + "k3: again\n";
        Assert.That(Single(yaml), Is.EqualTo("t.yaml:21:1: YAML syntax: key 'k3' is given twice in the same mapping; keep one"));
        string fine = string.Concat(Enumerable.Range(0, 40).Select(i => $"k{i}: {i}\n"));
        Assert.That(Read(fine).Problems, Is.Empty);
    }

    [Test]
    public void NestingDeeperThanTheLimitIsRefused()
    {
        // 201 nested flow lists: the 201st '[' is at column 201 of line 1.
        string deep = new string('[', YamlTree.MaxDepth + 1) + new string(']', YamlTree.MaxDepth + 1) + "\n";
        Assert.That(Single(deep), Is.EqualTo($"t.yaml:1:{YamlTree.MaxDepth + 1}: lists and mappings nest more than {YamlTree.MaxDepth} levels deep here; a scenario needs a handful"));
        string deepEnough = new string('[', YamlTree.MaxDepth) + new string(']', YamlTree.MaxDepth) + "\n";
        Assert.That(Read(deepEnough).Problems, Is.Empty);
    }

    [Test]
    public void AnAliasBombIsRefused()
    {
        // Each level lists the one before ten times: level 6 would expand to 10^6 values, level 7 to 10^7.
        var lines = new List<string> { "l0: &l0 [x, x, x, x, x, x, x, x, x, x]" };
        for (int level = 1; level <= 7; level++)
            lines.Add($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]");
        string problem = Single(string.Join("\n", lines) + "\n");
        Assert.That(problem, Does.Contain("aliases here expand the document past a million values (an alias bomb?)"));
    }

    [Test]
    public void EveryDocumentIsARoot()
    {
        var (problems, roots) = Read("a: 1\n---\nb: 2\n");
        Assert.That(problems, Is.Empty);
        Assert.That(roots, Has.Count.EqualTo(2));
        Assert.That(roots[1].Start.Line, Is.EqualTo(3L));
        // An empty text has no document; a lone '---' has one, an empty scalar.
        Assert.That(Read("").Roots, Is.Empty);
        Assert.That(Read("---\n").Roots.Single(), Is.InstanceOf<ScalarNode>().With.Property("Value").EqualTo(""));
    }

    [Test]
    public void CommentsComeWithTheTreeByLine()
    {
        var roots = new List<Node>();
        string yaml = "# about the file\nname: x  # the name\n# above sites\n# and more\nsites: ['#1', \"#2\"] # two\n";
        var problems = YamlTree.Read(yaml, "t.yaml", roots, out var comments);
        Assert.That(problems, Is.Empty);
        Assert.That(comments.Inline, Is.EquivalentTo(new Dictionary<int, string> { [2] = "the name", [5] = "two" }));
        Assert.That(comments.FullLine, Is.EquivalentTo(new Dictionary<int, string> { [1] = "about the file", [3] = "above sites", [4] = "and more" }));
        // A '#' inside quotes is text.
        Assert.That(((SequenceNode)((MappingNode)roots[0]).Children[1].Value).Children.Select(n => ((ScalarNode)n).Value), Is.EqualTo(new[] { "#1", "#2" }));
    }

    /// <summary>Every YAML file in the repository: the comments read with the tree are those YAML's scanner finds alone.</summary>
    public static IEnumerable<string> RepositoryYaml() =>
        CapacitySim.Tests.Scenarios.ShippedScenarioTests.Files().Concat(CorpusTests.Files().Select(file => $"{CorpusTests.RelativeFolder}/{file}"));

    [TestCaseSource(nameof(RepositoryYaml))]
    public void CommentsAreTheScannersComments(string relative) =>
        AssertCommentsAsScanned(File.ReadAllText(Path.Combine(TestScenarios.RepoRoot, relative)));

    [TestCase("a: 1\n# trailing\n")]
    [TestCase("a:\n  # inside block mapping before first key\n  b: 1\n")]
    [TestCase("a: [1, # in flow\n  2]\n")]
    [TestCase("a: # after key\n  b: 1\n")]
    [TestCase("- x # item\n- y\n# end\n")]
    [TestCase("a: |\n  text # not comment\nb: 2 # c\n")]
    [TestCase("a: 1\n\n# blank before\nb: 2\n")]
    [TestCase("---\n# doc comment\na: 1\n...\n# after end\n")]
    [TestCase("a:\n  - b: 1 # x\n    c: 2\n  # between items\n  - d: 3\n")]
    [TestCase("a: {b: 1, # flow map\n  c: 2}\n")]
    [TestCase("key: value # c1\n# c2\nother: [a, b] # c3\n")]
    [TestCase("a:\n  b:\n    c: 1 # deep\n  # dedent comment\nd: 2\n")]
    [TestCase("a: 1 # one\n# two\n# three\n")]
    [TestCase("a:\n  - 1\n  # last in seq\nb: 2\n")]
    [TestCase("a: &x 1 # anchored\nb: *x # alias\n")]
    [TestCase("? complex # q\n: value # v\n")]
    [TestCase("a:\n  dist: pert # d\n  min: 1\n  # before max\n  max: 2\n")]
    [TestCase("# only\n---\na: 1\n")]
    [TestCase("a: 'multi\n  line' # after quoted\n")]
    [TestCase("a: >\n  folded\n\n# after folded\nb: 1\n")]
    public void CommentsAreTheScannersCommentsWhereverTheyStand(string yaml) => AssertCommentsAsScanned(yaml);

    private static void AssertCommentsAsScanned(string text)
    {
        var roots = new List<Node>();
        // A text the reader refuses, or one with no document (only comments), has no parameters
        // to attach comments to; the parser drops the last comment of a text with no document.
        if (YamlTree.Read(text, "t.yaml", roots, out var comments).Count > 0 || roots.Count == 0) return;
        var scanned = SourceComments.Scan(text);
        Assert.That(comments.Inline, Is.EquivalentTo(scanned.Inline), "comments at the end of a line");
        Assert.That(comments.FullLine, Is.EquivalentTo(scanned.FullLine), "comments on a line of their own");
    }
}
