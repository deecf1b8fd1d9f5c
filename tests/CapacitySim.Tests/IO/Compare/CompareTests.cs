using CapacitySim.Core.Engine;
using System.Globalization;
using CapacitySim.Cli;
using CapacitySim.IO.Reports;
using static CapacitySim.Tests.Support.InProcessCapsim;

namespace CapacitySim.Tests.IO.Compare;

/// <summary>capsim compare end to end: its numbers are the runs' own, it reuses fresh outputs, and it compares only what the scenarios share.</summary>
public class CompareTests() : TempFolderTests("compare")
{
    private static string Example(string name) => Path.Combine(TestScenarios.RepoRoot, "scenarios", "examples", name);

    /// <summary>Rows of a summary CSV keyed by period, scope and metric: the statistic columns as written.</summary>
    private static Dictionary<(string, string, string), Dictionary<string, string>> Summary(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            f => (f[0], f[1], f[2]),
            f => Enumerable.Range(4, header.Length - 4).ToDictionary(i => header[i], i => f[i]));
    }

    [Test]
    public void CompareCsvRepeatsTheRunsAnnualCsvExactly()
    {
        var (code, _, err) = Capsim("compare", Example("uncertainty.yaml"), Example("multi-site-cluster.yaml"), "--out", Dir, "--samples", "50");
        Assert.That(code, Is.EqualTo(0), err);
        int checkedValues = 0;
        foreach (string name in new[] { "uncertainty", "multi-site-cluster" })
        {
            var annual = Summary(Path.Combine(Dir, name, "annual.csv"));
            foreach (var line in File.ReadAllLines(Path.Combine(Dir, "compare-uncertainty-vs-multi-site-cluster", "compare.csv")).Skip(1).Select(l => l.Split(',')))
            {
                // period, frequency, scenario, scope, metric, unit, statistic, value
                if (line[1] != "year" || line[2] != name) continue;
                Assert.That(line[7], Is.EqualTo(annual[(line[0], line[3], line[4])][line[6]]), string.Join(",", line));
                checkedValues++;
            }
        }
        Assert.That(checkedValues, Is.GreaterThan(20));
    }

    [Test]
    public void CompareMdShowsTheAnnualP50AndTheRatioToTheFirst()
    {
        var (code, _, err) = Capsim("compare", Example("single-site-linear.yaml"), Example("supply-shortfall.yaml"), "--out", Dir, "--metric", "capex_cumulative_usd");
        Assert.That(code, Is.EqualTo(0), err);
        string md = File.ReadAllText(Path.Combine(Dir, "compare-single-site-linear-vs-supply-shortfall", "compare.md"));
        var a = Summary(Path.Combine(Dir, "single-site-linear", "annual.csv"))[("2025", "total", "capex_cumulative_usd")]["p50"];
        var b = Summary(Path.Combine(Dir, "supply-shortfall", "annual.csv"))[("2025", "total", "capex_cumulative_usd")]["p50"];
        double va = double.Parse(a, CultureInfo.InvariantCulture), vb = double.Parse(b, CultureInfo.InvariantCulture);
        // single-site-linear: $0.5B of facility capex in the run ($1M x (95 + 85 + ... + 5)) + $2B hardware by the end of 2025 (see its file).
        Assert.That(va, Is.EqualTo(2.5e9).Within(1));
        var row = md.Split('\n').Single(l => l.StartsWith("| 2025 ", StringComparison.Ordinal)).Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        // The row's figures share one prefix, its largest value's.
        double like = Math.Max(va, vb);
        Assert.That(row, Is.EqualTo(new[] { "2025", Units.Format(va, "USD", like), $"{Units.Format(vb, "USD", like)} ({Units.Ratio(vb, va)})" }));
        Assert.That(File.Exists(Path.Combine(Dir, "compare-single-site-linear-vs-supply-shortfall", "compare-capex_cumulative_usd.png")));
    }

    [Test]
    public void FreshOutputsAreReusedAndAChangedFileIsRunAgain()
    {
        string file = Path.Combine(Dir, "s.yaml");
        File.Copy(Example("single-site-linear.yaml"), file);
        Assert.That(Capsim("compare", file, Example("supply-shortfall.yaml"), "--out", Dir).Code, Is.EqualTo(0));
        var (_, second, _) = Capsim("compare", file, Example("supply-shortfall.yaml"), "--out", Dir);
        Assert.That(second, Does.Contain("single-site-linear: reusing").And.Contain("supply-shortfall: reusing"));
        File.AppendAllText(file, "# edited\n");
        var (_, third, _) = Capsim("compare", file, Example("supply-shortfall.yaml"), "--out", Dir);
        Assert.That(third, Does.Not.Contain("single-site-linear: reusing").And.Contain("supply-shortfall: reusing"));
        var (_, forced, _) = Capsim("compare", file, Example("supply-shortfall.yaml"), "--out", Dir, "--rerun");
        Assert.That(forced, Does.Not.Contain("reusing"));
    }

    private static int NoteCount(string stdout) => stdout.Split('\n').Count(l => l.StartsWith("note: ", StringComparison.Ordinal));

    [Test]
    public void DifferentHorizonsAndMissingResearchersAreSaid()
    {
        string reference = Path.Combine(TestScenarios.RepoRoot, "scenarios", "meta-superintelligence.yaml");
        var (code, stdout, err) = Capsim("compare", reference, Example("single-site-linear.yaml"), "--out", Dir, "--samples", "20");
        Assert.That(code, Is.EqualTo(0), err);
        string md = File.ReadAllText(Path.Combine(Dir, "compare-meta-superintelligence-vs-single-site-linear", "compare.md"));
        Assert.That(md, Does.Contain("The scenarios cover different months").And.Contain("2025-01 to 2025-12"));
        Assert.That(md, Does.Contain("h100e_per_researcher compares meta-superintelligence only: single-site-linear lists no researchers."));
        Assert.That(stdout, Does.Contain("note: The scenarios cover different months"));
        // Notes are wrapped to 100 columns when not on a terminal, continued under their first word.
        var noteLines = stdout.Split('\n').SkipWhile(l => !l.StartsWith("note: ", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith("note: ", StringComparison.Ordinal) || l.StartsWith("      ", StringComparison.Ordinal)).ToList();
        Assert.That(noteLines, Has.Count.GreaterThan(NoteCount(stdout)));
        Assert.That(noteLines, Has.All.Length.LessThanOrEqualTo(100));
        // Only 2025, the year both cover alike, is tabulated.
        Assert.That(md.Split('\n').Count(l => l.StartsWith("| 2024 ", StringComparison.Ordinal)), Is.Zero);
        Assert.That(md.Split('\n').Count(l => l.StartsWith("| 2025 ", StringComparison.Ordinal)), Is.EqualTo(6));
    }

    [Test]
    public void EachComparisonHasItsOwnFolderUnlessNamed()
    {
        Assert.That(Capsim("compare", Example("single-site-linear.yaml"), Example("supply-shortfall.yaml"), "--out", Dir, "--metric", "h100e").Code, Is.EqualTo(0));
        Assert.That(Capsim("compare", Example("supply-shortfall.yaml"), Example("single-site-linear.yaml"), "--out", Dir, "--metric", "h100e").Code, Is.EqualTo(0));
        var (code, stdout, err) = Capsim("compare", Example("single-site-linear.yaml"), Example("supply-shortfall.yaml"), "--out", Dir, "--metric", "h100e", "--scope", "Example Site");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.Contain($"compare: wrote {Path.Combine(Dir, "compare-single-site-linear-vs-supply-shortfall-example-site")} "));
        Assert.That(Capsim("compare", Example("single-site-linear.yaml"), Example("supply-shortfall.yaml"), "--out", Dir, "--metric", "h100e", "--name", "mine").Code, Is.EqualTo(0));
        // The baseline comes first, so the order of the files is part of the name; a scope other than the total is added.
        var comparisons = Directory.GetDirectories(Dir).Select(Path.GetFileName).Where(n => File.Exists(Path.Combine(Dir, n!, "compare.md"))).Order();
        Assert.That(comparisons, Is.EqualTo(new[]
        {
            "compare-single-site-linear-vs-supply-shortfall", "compare-single-site-linear-vs-supply-shortfall-example-site",
            "compare-supply-shortfall-vs-single-site-linear", "mine",
        }));
    }

    [Test]
    public void AComparisonOfManyScenariosHasAShortenedName()
    {
        string[] names = [.. Enumerable.Range(1, 12).Select(i => $"scenario-number-{i}")];
        string name = CapacitySim.Cli.Common.FolderNames.Comparison(names, "total");
        // "compare-" + 12 names of 17-18 characters joined by "-vs-" is 8 + 9 x 17 + 3 x 18 + 11 x 4 = 259 characters, over 160.
        Assert.That(name, Does.Match("^compare-scenario-number-1-vs-11-more-[0-9a-f]{8}$"));
        Assert.That(CapacitySim.Cli.Common.FolderNames.Comparison([.. names.Reverse()], "total"), Does.StartWith("compare-scenario-number-12-vs-11-more-"));
        Assert.That(CapacitySim.Cli.Common.FolderNames.Comparison([.. names[..11], "scenario-number-13"], "total"), Is.Not.EqualTo(name), "another list, another hash");
        Assert.That(CapacitySim.Cli.Common.FolderNames.Comparison(names[..2], "region:US East"), Is.EqualTo("compare-scenario-number-1-vs-scenario-number-2-region-us-east"));
    }

    [Test]
    public void BadArgumentsAreClearErrors()
    {
        var (code, _, err) = Capsim("compare", Example("single-site-linear.yaml"), "--metric", "efective_flops", "--out", Dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("capsim: unknown metric 'efective_flops' (did you mean 'effective_flops'?)"));
        (code, _, err) = Capsim("compare", Example("single-site-linear.yaml"), "--scope", "Nowhere", "--out", Dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("capsim: no scenario has the scope 'Nowhere'; scopes: total, Example Site"));
    }
}
