namespace CapacitySim.Tests.Support;

/// <summary>
/// Seeded mutations of scenario text, line by line: delete, duplicate, swap, retype or splice
/// lines and values, re-indent, insert tabs, truncate. A mutant is one to three of them.
/// </summary>
internal static class ScenarioMutator
{
    private static readonly string[] Values =
    [
        "[]", "{}", "abc", "-1", "0", "1e400", "1e19", ".nan", "-.inf", "2025-13", "2025-1", "'5'", "\"7\"", "~", "true",
        "1 GW", "{dist: normal, mean: 1, sd: -1}", "{dist: pert, min: 3, mode: 1, max: 2}", "{dist: lognormal, median: 5, sigma: 0.4}",
        "[1, 2", "{a: 1", "*nowhere", "&anchor 3", "|", ">", "- x", "0.5", "1.5", "99999", "2040-01", "H100", "latest", "linear",
    ];

    public static string Mutate(string text, int seed, IReadOnlyList<string> donors)
    {
        var rng = new Random(seed);
        var lines = text.Split('\n').ToList();
        int mutations = 1 + rng.Next(3);
        for (int m = 0; m < mutations && lines.Count > 0; m++)
        {
            int i = rng.Next(lines.Count);
            switch (rng.Next(9))
            {
                case 0:
                    lines.RemoveAt(i);
                    break;
                case 1:
                    lines.Insert(i, lines[i]);
                    break;
                case 2:
                    int j = rng.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case 3:
                    lines[i] = Retype(lines[i], Values[rng.Next(Values.Length)]);
                    break;
                case 4:
                    var donor = donors[rng.Next(donors.Count)].Split('\n');
                    lines.Insert(i, donor[rng.Next(donor.Length)]);
                    break;
                case 5:
                    lines[i] = rng.Next(2) == 0 ? "  " + lines[i] : lines[i].TrimStart();
                    break;
                case 6:
                    lines[i] = "\t" + lines[i];
                    break;
                case 7:
                    lines[i] = ScaleNumber(lines[i], rng);
                    break;
                default:
                    lines = lines.Take(i).ToList();
                    if (lines.Count > 0) lines[^1] = lines[^1][..rng.Next(lines[^1].Length + 1)];
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>Replaces the value after the first ": " (or inside a flow mapping) with another token.</summary>
    private static string Retype(string line, string value)
    {
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0) return line + " " + value;
        int end = line.IndexOfAny([',', '}', '#'], colon + 2);
        return end < 0 ? line[..(colon + 2)] + value : line[..(colon + 2)] + value + line[end..];
    }

    private static string ScaleNumber(string line, Random rng)
    {
        var digits = System.Text.RegularExpressions.Regex.Match(line, @"-?\d+(\.\d+)?(e\d+)?");
        if (!digits.Success) return line;
        string replacement = new[] { "-" + digits.Value, "0", digits.Value + "e15", digits.Value + "000000", "0.0000001" }[rng.Next(5)];
        return line[..digits.Index] + replacement + line[(digits.Index + digits.Length)..];
    }
}
