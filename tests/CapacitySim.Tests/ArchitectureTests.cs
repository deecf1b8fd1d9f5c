using System.Reflection;
using System.Runtime.InteropServices;

namespace CapacitySim.Tests;

/// <summary>
/// The layering of STYLE: Core has no file formats, plotting or system calls; only IO uses
/// YamlDotNet, CsvHelper and ScottPlot, and only the platform project calls the system.
/// </summary>
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
    public void CoreDeclaresNoNativeCalls()
    {
        // A P/Invoke (DllImport, or the method LibraryImport generates) carries the PinvokeImpl flag.
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var core = typeof(CapacitySim.Core.Engine.ReferenceEngine).Assembly;
        var native = core.GetTypes()
            .SelectMany(t => t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)))
            .Where(m => m.Attributes.HasFlag(MethodAttributes.PinvokeImpl)
                || m.IsDefined(typeof(DllImportAttribute)) || m.IsDefined(typeof(LibraryImportAttribute)))
            .Select(m => $"{m.DeclaringType}.{m.Name}");
        Assert.That(native, Is.Empty);
    }

    [Test]
    public void CoreSourceCallsNoNativeCode()
    {
        var core = Path.Combine(TestScenarios.RepoRoot, "src", "CapacitySim.Core");
        foreach (string file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            string text = File.ReadAllText(file);
            Assert.That(text, Does.Not.Contain("DllImport").And.Not.Contain("LibraryImport").And.Not.Contain("NativeLibrary")
                .And.Not.Contain("Marshal.GetDelegateForFunctionPointer").And.Not.Contain("delegate* unmanaged"), file);
        }
    }

    [Test]
    public void OnlyThePlatformProjectDeclaresNativeCalls()
    {
        // The one madvise declaration; the test's own assembly and the benchmarks are not shipped code.
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        Assembly[] shipped = [typeof(CapacitySim.IO.Charts.RunCharts).Assembly, typeof(CapacitySim.Cli.CapsimApp).Assembly, typeof(CapacitySim.Platform.HugePages).Assembly];
        var native = shipped.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods(All))
            .Where(m => m.Attributes.HasFlag(MethodAttributes.PinvokeImpl))
            .Select(m => $"{m.DeclaringType!.Assembly.GetName().Name}: {m.DeclaringType}.{m.Name}");
        Assert.That(native, Is.EqualTo(new[] { "CapacitySim.Platform: CapacitySim.Platform.Madvise.madvise" }));
    }

    [Test]
    public void CliDoesNotTalkToFormatPackagesDirectly()
    {
        var references = typeof(CapacitySim.Cli.CapsimApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.That(references, Has.None.StartsWith("YamlDotNet").And.None.StartsWith("ScottPlot"));
    }
}
