namespace CapacitySim.Core.Model;

/// <summary>
/// One number written in a scenario file: what it sets (e.g. "site Prometheus: pue"), its path and
/// position in the file, its value or distribution, and the comment written beside it (its source,
/// by the scenario files' convention), if any.
/// </summary>
public sealed record ScenarioParameter(string Label, string Path, int Line, int Column, Uncertain Value, string? Comment);
