namespace CapacitySim.Cli.Common;

/// <summary>
/// How commands that run scenarios end when they cannot finish: Ctrl-C cancels the work's token
/// instead of ending the process at once, so no output is left half written, and the command
/// exits <see cref="ExitCodes.Interrupted"/>; outputs that cannot be written or read exit
/// <see cref="ExitCodes.Failure"/> with one line, never a stack trace.
/// </summary>
internal static class Interruption
{
    /// <summary>
    /// Runs <paramref name="work"/> with a token that Ctrl-C cancels and returns its exit code.
    /// Cancelled, it prints "capsim: interrupted; " and <paramref name="leftAs"/> (what the outputs
    /// were left as); failing to write or read files, "capsim: " <paramref name="ioFailure"/> and the reason.
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
