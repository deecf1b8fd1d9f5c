namespace CapacitySim.Core.Engine;

/// <summary>How to run a scenario: samples and seed (null = the scenario's), and the thread limit (null = all cores).</summary>
public sealed record RunSettings(int? Samples = null, ulong? Seed = null, int? MaxThreads = null);
