namespace CapacitySim.Core.Engine;

/// <summary>Which statistics a run keeps: the total, one per region, one per site.</summary>
[Flags]
public enum ScopeKinds
{
    Total = 1,
    Region = 2,
    Site = 4,
    All = Total | Region | Site,
}

/// <summary>The scope kinds and the default choice: every scope up to 50 sites, total and regions above.</summary>
public static class Scopes
{
    /// <summary>Most sites for which per-site statistics are kept unless asked for.</summary>
    public const int SiteScopeLimit = 50;

    public static ScopeKinds Default(int sites) => sites <= SiteScopeLimit ? ScopeKinds.All : ScopeKinds.Total | ScopeKinds.Region;

    /// <summary>The name of a region's scope in outputs: "region:NAME", so it cannot clash with a site.</summary>
    public static string RegionName(string region) => "region:" + region;
}
