namespace CapacitySim.IO.Scenarios;

/// <summary>Finds the closest known word to a misspelt one.</summary>
public static class Suggestions
{
    /// <summary>The known word nearest to <paramref name="word"/>, or null when none is close (distance above a third of its length, at least 2).</summary>
    public static string? Closest(string word, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            int d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        // One edit for short words (note is not name), a third of the length for longer ones.
        int limit = word.Length <= 4 ? 1 : Math.Max(2, word.Length / 3);
        if (bestDistance <= limit) return best;
        // A truncated key (unit_cost for unit_cost_usd) is a prefix of the one meant.
        return word.Length >= 4 ? known.FirstOrDefault(k => k.StartsWith(word, StringComparison.OrdinalIgnoreCase)) : null;
    }

    /// <summary>Edit distance counting an insertion, deletion, substitution or swap of neighbours as one (optimal string alignment).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
