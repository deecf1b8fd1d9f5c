namespace CapacitySim.Cli.Common;

/// <summary>
/// How commands that run scenarios stop short: Ctrl-C cancels their work rather than the process,
/// so no output is left half written (exit 130); outputs that cannot be written exit 1 with one line.
/// </summary>
internal static class Interruption
{
    /// <summary>
    /// Runs <paramref name="work"/> with a token Ctrl-C cancels and returns its exit code; prints
    /// <paramref name="leftAs"/> when interrupted, <paramref name="ioFailure"/> and the reason when files fail.
    /// </summary>
    public static int Run(TextWriter stderr, string leftAs, string ioFailure, Func<CancellationToken, int> work)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return work(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("capsim: interrupted; " + leftAs);
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"capsim: {ioFailure}: {e.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
