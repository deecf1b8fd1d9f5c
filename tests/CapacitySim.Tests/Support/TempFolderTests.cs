namespace CapacitySim.Tests.Support;

/// <summary>
/// Base of test classes whose tests write files: each test gets a fresh folder under the system's
/// temp folder (capsim-PREFIX-...), removed after it. A subclass's own [SetUp] runs after the folder exists.
/// </summary>
public abstract class TempFolderTests(string prefix)
{
    /// <summary>This test's folder.</summary>
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void CreateTempFolder() => Dir = Directory.CreateTempSubdirectory($"capsim-{prefix}-").FullName;

    [TearDown]
    public void RemoveTempFolder() => Directory.Delete(Dir, recursive: true);
}
