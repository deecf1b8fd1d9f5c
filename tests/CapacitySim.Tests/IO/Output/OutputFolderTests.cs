using CapacitySim.IO.Output;

namespace CapacitySim.Tests.IO.Output;

public class OutputFolderTests() : TempFolderTests("out")
{
    [Test]
    public void AFailureWhileWritingLeavesThePreviousFolderIntact()
    {
        string target = Path.Combine(Dir, "run");
        OutputFolder.WriteAtomically(target, dir => File.WriteAllText(Path.Combine(dir, "a.csv"), "good"));
        Assert.Throws<IOException>(() => OutputFolder.WriteAtomically(target, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "a.csv"), "half");
            throw new IOException("disk full");
        }));
        Assert.That(File.ReadAllText(Path.Combine(target, "a.csv")), Is.EqualTo("good"));
        Assert.That(Directory.GetDirectories(Dir), Is.EqualTo(new[] { target }), "the staging folder is removed");
    }

    [Test]
    public void ASuccessfulWriteReplacesTheWholeFolder()
    {
        string target = Path.Combine(Dir, "run");
        OutputFolder.WriteAtomically(target, dir => File.WriteAllText(Path.Combine(dir, "old.csv"), "1"));
        OutputFolder.WriteAtomically(target, dir => File.WriteAllText(Path.Combine(dir, "new.csv"), "2"));
        Assert.That(Directory.GetFiles(target).Select(Path.GetFileName), Is.EqualTo(new[] { "new.csv" }));
        Assert.That(Directory.GetDirectories(Dir), Has.Length.EqualTo(1));
    }

    [Test]
    public void ASwapInterruptedBetweenItsTwoMovesIsRecovered()
    {
        // A run killed after moving the old folder aside but before moving the new one in.
        string old = Path.Combine(Dir, ".run.old-123");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "a.csv"), "previous");
        string target = Path.Combine(Dir, "run");
        Assert.Throws<InvalidOperationException>(() => OutputFolder.WriteAtomically(target, _ => throw new InvalidOperationException("stop")));
        Assert.That(File.ReadAllText(Path.Combine(target, "a.csv")), Is.EqualTo("previous"));
    }
}
