namespace CapacitySim.Core.Model;

/// <summary>
/// The largest training run (the frontier_run_* metrics): its length in days, the mean hours
/// between job-stopping failures per accelerator, the minutes to write one checkpoint and the
/// minutes lost per failure beyond the lost work.
/// </summary>
public sealed record Training(Uncertain Days, Uncertain AcceleratorMtbfHours, Uncertain CheckpointMinutes, Uncertain RestartMinutes);
