namespace CapacitySim.Tests.Support;

/// <summary>
/// Whether a test that needs something from the machine (a browser, Slurm, a tmpfs mount) must fail
/// rather than skip when it is missing: in CI (CI set to anything but empty, "0" or "false") or
/// with its CAPSIM_REQUIRE_&lt;what&gt;=1, which .ci/run sets.
/// </summary>
internal static class RequiredInCi
{
    public static bool For(string what, Func<string, string?> environment) =>
        environment($"CAPSIM_REQUIRE_{what}") == "1"
        || environment("CI") is { Length: > 0 } ci && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);
}
