using System.Globalization;

namespace CapacitySim.Cli.Common;

/// <summary>Words in what commands print.</summary>
internal static class Words
{
    /// <summary>"1 site", "3 sites", "1,000 samples".</summary>
    public static string Plural(int n, string noun) => Plural(n, noun, noun + "s");

    /// <summary>"1 axis", "3 axes": the count and the noun in the form it takes.</summary>
    public static string Plural(int n, string noun, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {(n == 1 ? noun : plural)}");
}
