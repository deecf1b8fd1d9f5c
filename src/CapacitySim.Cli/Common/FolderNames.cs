using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CapacitySim.Core.Model;

namespace CapacitySim.Cli.Common;

/// <summary>
/// The default names of the folders sensitivity and compare write: made from what was analysed, so
/// one analysis or comparison does not silently replace another.
/// </summary>
internal static partial class FolderNames
{
    /// <summary>Longest default comparison name (a folder name, with room for the staging suffix of <c>OutputFolder</c>, must stay under 255 bytes); longer lists of scenarios are shortened with a hash of the whole list.</summary>
    public const int MaxComparisonLength = 160;

    /// <summary>
    /// "&lt;name&gt;-sensitivity-&lt;metric&gt;-&lt;month&gt;", with the scope at the end when it is not the total
    /// ("-hyperion", "-region-us-east").
    /// </summary>
    public static string Sensitivity(string scenario, string metric, YearMonth month, string scope) =>
        $"{scenario}-sensitivity-{metric}-{month}" + ScopeSuffix(scope);

    /// <summary>
    /// "compare-a-vs-b-vs-c" from the scenario names in the order given (the first is the baseline),
    /// with the scope at the end when it is not the total; above <see cref="MaxComparisonLength"/>
    /// characters "compare-a-vs-4-more-" and the first 8 hex digits of the SHA-256 of the names.
    /// </summary>
    public static string Comparison(IReadOnlyList<string> scenarios, string scope)
    {
        string suffix = ScopeSuffix(scope);
        string full = "compare-" + string.Join("-vs-", scenarios) + suffix;
        if (full.Length <= MaxComparisonLength) return full;
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", scenarios) + suffix)))[..8];
        string shortened = $"compare-{scenarios[0]}-vs-{scenarios.Count - 1}-more{suffix}-{hash}";
        return shortened.Length <= MaxComparisonLength ? shortened : $"compare-{scenarios.Count}-scenarios-{hash}";
    }

    /// <summary>"" for the total, else "-" and the scope in lower case with every other character a dash: "region:US East" -> "-region-us-east".</summary>
    private static string ScopeSuffix(string scope)
    {
        if (scope == "total") return "";
        string slug = NotNameCharacters().Replace(scope.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "" : "-" + slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotNameCharacters();
}
