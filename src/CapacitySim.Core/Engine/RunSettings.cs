namespace CapacitySim.Core.Engine;

/// <summary>
/// How to run a scenario: samples and seed (null = the scenario's), the thread limit (null = all
/// cores) and the scopes to keep (null = <see cref="Scopes.Default"/>).
/// </summary>
public sealed record RunSettings(int? Samples = null, ulong? Seed = null, int? MaxThreads = null, ScopeKinds? Scopes = null);
