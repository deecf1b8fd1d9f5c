using System.Globalization;
using System.Text;
using CapacitySim.Core.Model;
using CapacitySim.Core.TimeToPower;

namespace CapacitySim.IO.TimeToPower;

/// <summary>
/// timelines.csv (docs/model.md "Time to power"): one row per phase and source with a path or a
/// delay, by site in file order, its phases then its sources: announced month and the share of
/// samples online by then, P10/P50/P90 of the online month and of a phase's first powered month.
/// </summary>
public static class TimelinesCsv
{
    public const string Header = "item,kind,site,announced,share_by_announced,online_p10,online_p50,online_p90,powered_p10,powered_p50,powered_p90";

    /// <summary>The percentile levels of the online and powered columns.</summary>
    public static readonly double[] Levels = [10, 50, 90];

    public static string Text(Scenario scenario, IReadOnlyList<Timeline> timelines)
    {
        var text = new StringBuilder(Header).Append('\n');
        var start = scenario.Start;
        string Month(int? position) => position is { } p ? start.AddMonths(p).ToString() : "";
        foreach (var t in Ordered(timelines))
        {
            var cells = new List<string>
            {
                Quote(t.Item), t.Kind == TimelineKind.Phase ? "phase" : "source", Quote(t.Site),
                t.Announced?.ToString() ?? "",
                t.ShareByAnnounced(start) is { } share ? share.ToString("0.####", CultureInfo.InvariantCulture) : "",
            };
            cells.AddRange(Levels.Select(l => Month(t.OnlinePercentile(l))));
            cells.AddRange(Levels.Select(l => Month(t.PoweredPercentile(l))));
            text.Append(string.Join(',', cells)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>By site in file order, each site's phases before its sources (the engine lists them so already; kept stable here).</summary>
    public static IEnumerable<Timeline> Ordered(IReadOnlyList<Timeline> timelines) =>
        timelines.Select((t, i) => (t, i)).GroupBy(x => x.t.Site).SelectMany(g => g.OrderBy(x => x.t.Kind).ThenBy(x => x.i)).Select(x => x.t);

    public static void Write(string path, Scenario scenario, IReadOnlyList<Timeline> timelines) =>
        File.WriteAllText(path, Text(scenario, timelines));

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
