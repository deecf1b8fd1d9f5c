using System.Text;

namespace CapacitySim.IO.Sweeps;

/// <summary>One step of a sweep path: a key, and for a list the name it selects ("*" for every item).</summary>
public sealed record PathStep(string Key, string? Selector);

/// <summary>
/// Where an axis sets numbers of the scenario: keys separated by '.', lists indexed by name in
/// brackets or '*' for all of them, e.g. <c>sites[Hyperion].phases[*].delay_months</c>,
/// <c>defaults.mfu</c>, <c>accelerators[VR200].slip_months</c>.
/// </summary>
public sealed record SweepPath(string Text, IReadOnlyList<PathStep> Steps)
{
    /// <summary>Reads a path; null with <paramref name="problem"/> set when it is not one.</summary>
    public static SweepPath? TryParse(string text, out string problem)
    {
        problem = "";
        var steps = new List<PathStep>();
        var key = new StringBuilder();
        string? selector = null;
        int i = 0;
        while (i <= text.Length)
        {
            if (i == text.Length || text[i] == '.')
            {
                if (key.Length == 0)
                {
                    problem = $"'{text}' has an empty step{(i < text.Length ? $" at character {i + 1}" : " at its end")}; write keys separated by '.', e.g. sites[Hyperion].phases[*].delay_months";
                    return null;
                }
                steps.Add(new PathStep(key.ToString(), selector));
                key.Clear();
                selector = null;
                i++;
                continue;
            }
            if (text[i] == '[')
            {
                int close = text.IndexOf(']', i + 1);
                if (close < 0)
                {
                    problem = $"'{text}': the '[' at character {i + 1} is never closed";
                    return null;
                }
                if (key.Length == 0 || selector is not null)
                {
                    problem = $"'{text}': '[' at character {i + 1} must follow a list's key, once (sites[NAME])";
                    return null;
                }
                selector = text[(i + 1)..close].Trim();
                if (selector.Length == 0)
                {
                    problem = $"'{text}': empty brackets at character {i + 1}; name an item or write [*] for all";
                    return null;
                }
                i = close + 1;
                if (i < text.Length && text[i] != '.')
                {
                    problem = $"'{text}': expected '.' after ']' at character {i + 1}";
                    return null;
                }
                continue;
            }
            if (selector is not null || char.IsWhiteSpace(text[i]))
            {
                problem = $"'{text}': unexpected '{text[i]}' at character {i + 1}";
                return null;
            }
            key.Append(text[i]);
            i++;
        }
        return new SweepPath(text, steps);
    }

    /// <summary>A column name made from the path: its words joined by '_' ("sites_Hyperion_phases_delay_months").</summary>
    public string DefaultColumnName()
    {
        var words = new List<string>();
        foreach (var step in Steps)
        {
            words.Add(step.Key);
            if (step.Selector is { } s && s != "*") words.Add(s);
        }
        var name = new StringBuilder();
        foreach (char c in string.Join("_", words))
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        string text = System.Text.RegularExpressions.Regex.Replace(name.ToString(), "_+", "_").Trim('_');
        return text.Length > 0 && char.IsAsciiDigit(text[0]) ? "_" + text : text;
    }

    public override string ToString() => Text;
}
