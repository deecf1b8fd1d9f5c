namespace CapacitySim.Core.Engine;

/// <summary>
/// How to run a scenario: samples and seed (null = the scenario's), the thread limit (null = all
/// cores), the scopes to keep (null = <see cref="Scopes.Default"/>), and parameters pinned to a
/// value in every sample, by <see cref="Model.Uncertain.Key"/> (what one-at-a-time sensitivity uses).
/// </summary>
public sealed record RunSettings(int? Samples = null, ulong? Seed = null, int? MaxThreads = null, ScopeKinds? Scopes = null, IReadOnlyDictionary<ulong, double>? Pinned = null);
