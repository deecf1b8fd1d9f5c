using System.Diagnostics;
using System.Globalization;

namespace CapacitySim.Cli.Common;

/// <summary>
/// <c>capsim run --timings</c>: how long each stage of one scenario's run took, printed to standard
/// error as one line, with the time since the process started (which adds start-up and loading).
/// </summary>
public sealed class StageTimings(TextWriter stderr, string scenario)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _stages = [];
    private TimeSpan _last;

    /// <summary>Ends a stage: the time since the previous mark (or since the run began).</summary>
    public void Mark(string stage)
    {
        var now = _clock.Elapsed;
        _stages.Add(string.Create(CultureInfo.InvariantCulture, $"{stage} {(now - _last).TotalSeconds:0.000} s"));
        _last = now;
    }

    /// <summary>
    /// Prints the stages; "run" is the time at the last mark (the stages' sum, not a clock read after
    /// them, so the two differ only by the millisecond rounding of each).
    /// </summary>
    public void Print()
    {
        var run = _stages.Count > 0 ? _last : _clock.Elapsed;
        double sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timings of {scenario}: {string.Join(", ", _stages)}; run {run.TotalSeconds:0.000} s; since the process started {sinceStart:0.000} s"));
    }
}
