using System.Text.RegularExpressions;
using CapacitySim.Core.Model;

namespace CapacitySim.Tests.IO.Scenarios;

/// <summary>The scenario example of README.md loads, and every value it calls the default is the model's default.</summary>
public class ReadmeExampleTests
{
    private static string Example()
    {
        string readme = TestScenarios.ReadRepoFile("README.md");
        var block = Regex.Match(readme, @"## Scenario files\s+```yaml\n(.*?)```", RegexOptions.Singleline);
        Assert.That(block.Success, "README.md has a yaml block under '## Scenario files'");
        return block.Groups[1].Value;
    }

    [Test]
    public void TheFormatExampleLoads()
    {
        var scenario = TestScenarios.Parse(Example(), "README.md");
        Assert.That(scenario.Name, Is.EqualTo("my-buildout"));
        Assert.That(scenario.Sites.Single().Phases.Single().Name, Is.EqualTo("A-1"));
    }

    [Test]
    public void WhatTheExampleCallsTheDefaultIsTheDefault()
    {
        string example = Example();
        var defaults = example.Split('\n')
            .Select(l => Regex.Match(l, @"^\s*(\w+): (\S+)\s+# (the )?default\b"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.That(defaults.Keys, Is.EquivalentTo(new[] { "load_factor", "mfu", "ramp", "ramp_months", "accelerator" }));
        Assert.That(double.Parse(defaults["load_factor"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(ModelDefaults.LoadFactor));
        Assert.That(double.Parse(defaults["mfu"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(ModelDefaults.Mfu));
        Assert.That(defaults["accelerator"], Is.EqualTo("latest"));
        // "ramp_months: 9  # default 12" states the default beside another value.
        Assert.That(example, Does.Contain($"ramp_months: 9            # default {ModelDefaults.RampMonths}"));

        // The same file with those lines removed runs the same phase shape and site figures.
        string stripped = string.Join('\n', example.Split('\n').Where(l => !Regex.IsMatch(l, @"^\s*(load_factor|mfu|ramp|accelerator): .*# (the )?default")));
        var written = TestScenarios.Parse(example).Sites.Single();
        var left = TestScenarios.Parse(stripped).Sites.Single();
        Assert.That(left.Phases.Single().Ramp, Is.EqualTo(RampShape.SCurve));
        Assert.That(left.Phases.Single().Ramp, Is.EqualTo(written.Phases.Single().Ramp));
        Assert.That(left.LoadFactor.Nominal, Is.EqualTo(written.LoadFactor.Nominal));
        Assert.That(left.Mfu.Nominal, Is.EqualTo(written.Mfu.Nominal));
    }
}
