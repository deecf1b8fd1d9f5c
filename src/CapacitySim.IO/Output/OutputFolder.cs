namespace CapacitySim.IO.Output;

/// <summary>
/// Writes a run's folder beside its final place and swaps it in only when complete, so a failed
/// or killed run never leaves a half-written folder where a good one was.
/// </summary>
public static class OutputFolder
{
    /// <summary>
    /// Calls <paramref name="write"/> with a fresh staging folder next to <paramref name="target"/>,
    /// then replaces <paramref name="target"/> with it. On any failure the staging folder is
    /// removed and <paramref name="target"/> is left as it was.
    /// </summary>
    public static void WriteAtomically(string target, Action<string> write)
    {
        target = Path.GetFullPath(target);
        string parent = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        RecoverInterruptedSwap(parent, name);
        string staging = Path.Combine(parent, $".{name}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            Swap(staging, target, Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}"));
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static void Swap(string staging, string target, string old)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        Directory.Move(target, old);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }
        TryDelete(old);
    }

    /// <summary>
    /// Cleans up after a run that was killed: staging folders are dropped; if the process died
    /// between the two moves of a swap, the previous output is put back.
    /// </summary>
    private static void RecoverInterruptedSwap(string parent, string name)
    {
        var olds = Directory.GetDirectories(parent, $".{name}.old-*");
        string target = Path.Combine(parent, name);
        if (!Directory.Exists(target) && olds.Length > 0)
            Directory.Move(olds.OrderByDescending(Directory.GetLastWriteTimeUtc).First(), target);
        foreach (string dir in Directory.GetDirectories(parent, $".{name}.old-*")) TryDelete(dir);
        foreach (string dir in Directory.GetDirectories(parent, $".{name}.partial-*"))
        {
            // A staging folder whose writer is still alive belongs to a concurrent run: leave it.
            if (!WriterAlive(Path.GetFileName(dir), name)) TryDelete(dir);
        }
    }

    /// <summary>True when the process that named a staging folder (".name.partial-PID-guid") still runs.</summary>
    private static bool WriterAlive(string folder, string name)
    {
        string rest = folder[$".{name}.partial-".Length..];
        int dash = rest.IndexOf('-');
        if (dash <= 0 || !int.TryParse(rest[..dash], out int pid)) return false;
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
