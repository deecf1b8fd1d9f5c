using System.Text;

namespace CapacitySim.Cli.Common;

/// <summary>Plain-text layout for the console: words wrapped to a width, and the width to wrap to.</summary>
internal static class TextWrap
{
    /// <summary>Width used when standard output is not a terminal (a file, a pipe, a test).</summary>
    public const int RedirectedWidth = 100;

    /// <summary>The terminal's width in columns when <paramref name="interactive"/>, else <see cref="RedirectedWidth"/>; at least 40.</summary>
    public static int Width(bool interactive)
    {
        if (!interactive) return RedirectedWidth;
        try
        {
            return Math.Max(40, Console.WindowWidth);
        }
        catch (IOException)
        {
            return RedirectedWidth;
        }
    }

    /// <summary>
    /// <paramref name="text"/> in lines of at most <paramref name="width"/> characters, broken between
    /// words; the first line starts with <paramref name="indent"/>, the others with
    /// <paramref name="hangingIndent"/>. A word longer than a line stands alone on its line.
    /// </summary>
    public static IEnumerable<string> Wrap(string text, int width, string indent, string hangingIndent)
    {
        var line = new StringBuilder(indent);
        bool empty = true;
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(hangingIndent);
                empty = true;
            }
            if (!empty) line.Append(' ');
            line.Append(word);
            empty = false;
        }
        if (!empty) yield return line.ToString();
    }

    /// <summary>Splits <paramref name="text"/> at each "; " outside brackets and parentheses: a list of claims, each with its citation.</summary>
    public static IEnumerable<string> Clauses(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '[' or '(') depth++;
            else if (c is ']' or ')') depth = Math.Max(0, depth - 1);
            else if (c == ';' && depth == 0 && i + 1 < text.Length && text[i + 1] == ' ')
            {
                yield return text[start..i].Trim();
                start = i + 2;
            }
        }
        if (start < text.Length && text[start..].Trim() is { Length: > 0 } last) yield return last;
    }
}
