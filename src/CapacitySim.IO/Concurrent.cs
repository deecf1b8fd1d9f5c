namespace CapacitySim.IO;

/// <summary>Independent output work run side by side.</summary>
public static class Concurrent
{
    /// <summary>
    /// Runs the actions in parallel and, if any failed, rethrows one of their own exceptions (not
    /// an AggregateException), so callers report a full disk or a cancellation as they would
    /// from sequential code.
    /// </summary>
    public static void Run(params Action[] actions)
    {
        try
        {
            Parallel.Invoke(actions);
        }
        catch (AggregateException e)
        {
            var inner = e.Flatten().InnerExceptions;
            var chosen = inner.FirstOrDefault(x => x is OperationCanceledException)
                ?? inner.FirstOrDefault(x => x is IOException or UnauthorizedAccessException)
                ?? inner[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(chosen).Throw();
        }
    }
}
