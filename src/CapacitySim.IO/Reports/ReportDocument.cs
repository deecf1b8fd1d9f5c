using System.Net;
using System.Text;

namespace CapacitySim.IO.Reports;

/// <summary>A block of a report: rendered to Markdown and to HTML from the same content.</summary>
public abstract record ReportBlock;

public sealed record Heading(int Level, string Text) : ReportBlock;

public sealed record Paragraph(string Text) : ReportBlock;

public sealed record Bullets(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>A table; <see cref="RightAligned"/> marks numeric columns.</summary>
public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> RightAligned, string? Caption = null) : ReportBlock;

/// <summary>A chart: <see cref="File"/> is the PNG's name in the report's folder.</summary>
public sealed record Image(string File, string Caption) : ReportBlock;

/// <summary>
/// A report as a list of blocks. Markdown tables are padded so their columns line up in a plain
/// text viewer as well as on a code host; the HTML is one self-contained file with the charts
/// embedded as data URIs and no scripts.
/// </summary>
public sealed class ReportDocument(string title)
{
    private readonly List<ReportBlock> _blocks = [];

    public string Title { get; } = title;

    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    public ReportDocument Add(ReportBlock block)
    {
        _blocks.Add(block);
        return this;
    }

    /// <summary>Free text as paragraphs (blank-line separated) and bullet lists (lines starting "- ", indented lines continuing an item).</summary>
    public ReportDocument AddText(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var paragraph = new List<string>();
        var bullets = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0) _blocks.Add(new Paragraph(string.Join(" ", paragraph)));
            if (bullets.Count > 0) _blocks.Add(new Bullets([.. bullets]));
            paragraph.Clear();
            bullets = [];
        }
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0) { Flush(); continue; }
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (paragraph.Count > 0) { _blocks.Add(new Paragraph(string.Join(" ", paragraph))); paragraph.Clear(); }
                bullets.Add(line[2..]);
            }
            else if (bullets.Count > 0 && raw.StartsWith(' ')) bullets[^1] += " " + line;
            else
            {
                if (bullets.Count > 0) { _blocks.Add(new Bullets([.. bullets])); bullets = []; }
                paragraph.Add(line);
            }
        }
        Flush();
        return this;
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Title).Append("\n\n");
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case Heading h:
                    md.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case Paragraph p:
                    md.Append(p.Text).Append("\n\n");
                    break;
                case Bullets b:
                    foreach (string item in b.Items) md.Append("- ").Append(item).Append('\n');
                    md.Append('\n');
                    break;
                case Table t:
                    if (t.Caption is not null) md.Append(t.Caption).Append("\n\n");
                    MarkdownTable(md, t);
                    md.Append('\n');
                    break;
                case Image i:
                    md.Append("![").Append(i.Caption).Append("](").Append(i.File).Append(")\n\n");
                    break;
            }
        }
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void MarkdownTable(StringBuilder md, Table t)
    {
        static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
        int columns = t.Headers.Count;
        var widths = new int[columns];
        for (int c = 0; c < columns; c++)
            widths[c] = Math.Max(3, t.Rows.Select(r => Cell(r[c]).Length).Append(Cell(t.Headers[c]).Length).Max());
        string Pad(string s, int c) => t.RightAligned[c] ? s.PadLeft(widths[c]) : s.PadRight(widths[c]);
        md.Append("| ").AppendJoin(" | ", t.Headers.Select((h, c) => Pad(Cell(h), c))).Append(" |\n");
        md.Append("| ").AppendJoin(" | ", Enumerable.Range(0, columns).Select(c => t.RightAligned[c] ? new string('-', widths[c] - 1) + ":" : new string('-', widths[c]))).Append(" |\n");
        foreach (var row in t.Rows)
            md.Append("| ").AppendJoin(" | ", row.Select((v, c) => Pad(Cell(v), c))).Append(" |\n");
    }

    /// <summary>The HTML page; <paramref name="folder"/> holds the PNGs that are embedded.</summary>
    public string ToHtml(string folder)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(Title)).Append("</title>\n<style>\n")
            .Append("body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\n")
            .Append("table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.9em}\n")
            .Append("th,td{border:1px solid #ccc;padding:0.25em 0.6em;vertical-align:top}\n")
            .Append("th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n")
            .Append("figure{margin:1em 0 2em}figure img{max-width:100%;height:auto;border:1px solid #ddd}\n")
            .Append("figcaption{color:#555;font-size:0.9em}caption{text-align:left;color:#555;padding-bottom:0.3em}\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(E(Title)).Append("</h1>\n");
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append($"<h{h.Level}>").Append(E(h.Text)).Append($"</h{h.Level}>\n");
                    break;
                case Paragraph p:
                    html.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case Bullets b:
                    html.Append("<ul>\n");
                    foreach (string item in b.Items) html.Append("<li>").Append(E(item)).Append("</li>\n");
                    html.Append("</ul>\n");
                    break;
                case Table t:
                    html.Append("<table>\n");
                    if (t.Caption is not null) html.Append("<caption>").Append(E(t.Caption)).Append("</caption>\n");
                    html.Append("<thead><tr>").AppendJoin("", t.Headers.Select(h => $"<th>{E(h)}</th>")).Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                        html.Append("<tr>").AppendJoin("", row.Select((v, c) => t.RightAligned[c] ? $"<td class=\"num\">{E(v)}</td>" : $"<td>{E(v)}</td>")).Append("</tr>\n");
                    html.Append("</tbody>\n</table>\n");
                    break;
                case Image i:
                    string data = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(folder, i.File)));
                    html.Append("<figure><img alt=\"").Append(E(i.Caption)).Append("\" src=\"data:image/png;base64,").Append(data)
                        .Append("\"><figcaption>").Append(E(i.Caption)).Append("</figcaption></figure>\n");
                    break;
            }
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
