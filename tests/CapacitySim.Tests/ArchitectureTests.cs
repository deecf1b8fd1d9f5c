namespace CapacitySim.Tests;

/// <summary>The layering of STYLE: Core has no file formats or plotting; only IO uses YamlDotNet, CsvHelper and ScottPlot.</summary>
public class ArchitectureTests
{
    [Test]
    public void CoreReferencesNoIoPackages()
    {
        var references = typeof(CapacitySim.Core.Engine.ReferenceEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.That(references, Has.None.StartsWith("YamlDotNet").And.None.StartsWith("CsvHelper").And.None.StartsWith("ScottPlot").And.None.StartsWith("CapacitySim.IO"));
    }

    [Test]
    public void CoreSourceNamesNoIoPackage()
    {
        var core = Path.Combine(TestScenarios.RepoRoot, "src", "CapacitySim.Core");
        foreach (string file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            string text = File.ReadAllText(file);
            Assert.That(text, Does.Not.Contain("YamlDotNet").And.Not.Contain("CsvHelper").And.Not.Contain("ScottPlot").And.Not.Contain("System.IO.File"), file);
        }
    }

    [Test]
    public void CliDoesNotTalkToFormatPackagesDirectly()
    {
        var references = typeof(CapacitySim.Cli.CapsimApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.That(references, Has.None.StartsWith("YamlDotNet").And.None.StartsWith("ScottPlot"));
    }
}
