using System.Globalization;

namespace CapacitySim.Cli.Common;

/// <summary>Words in what commands print.</summary>
internal static class Words
{
    /// <summary>"1 site", "3 sites", "1,000 samples".</summary>
    public static string Plural(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");
}
