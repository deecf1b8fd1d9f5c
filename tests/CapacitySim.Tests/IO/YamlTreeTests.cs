using CapacitySim.IO.Scenarios;
using YamlDotNet.Core;

namespace CapacitySim.Tests.IO;

/// <summary>
/// The one-pass YAML reader behind the scenario loader: the tree it builds, with positions, and
/// what it refuses before the scenario reader sees it.
/// </summary>
public class YamlTreeTests
{
    private static (List<Diagnostic> Problems, List<Node> Roots) Read(string yaml)
    {
        var roots = new List<Node>();
        var problems = YamlTree.Read(yaml, "t.yaml", roots);
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
}
