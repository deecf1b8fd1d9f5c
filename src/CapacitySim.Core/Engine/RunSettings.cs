namespace CapacitySim.Core.Engine;

/// <summary>
/// What a user asks of a run beyond the scenario file, each setting null when not asked: samples
/// and seed (instead of the file's), the thread limit, the scopes to keep, and parameters pinned
/// to a value in every sample, by <see cref="Model.Uncertain.Key"/> (what one-at-a-time
/// sensitivity uses). <see cref="RunPlan.For"/> resolves them into a plan.
/// </summary>
public sealed record RunSettings(int? Samples = null, ulong? Seed = null, int? MaxThreads = null, ScopeKinds? Scopes = null, IReadOnlyDictionary<ulong, double>? Pinned = null);
