namespace CapacitySim.IO.Charts;

/// <summary>
/// The size a chart is drawn at and its type sizes: a chart of its own (1600x900, a two-line title
/// naming the scenario, the legend to the right of the data) or a panel of the dashboard (a short
/// title, the legend below, type large enough to read when the dashboard is shown 1,000 px wide).
/// </summary>
public sealed record ChartFrame(int Width, int Height, bool IsPanel, float TitleSize, float TickSize, float AxisLabelSize, float LegendSize, float NoteSize, int MilestoneRows)
{
    /// <summary>A chart of its own.</summary>
    public static readonly ChartFrame Chart = new(1600, 900, IsPanel: false, TitleSize: 22, TickSize: 16, AxisLabelSize: 18, LegendSize: 15, NoteSize: 13, MilestoneRows: 3);

    /// <summary>A quarter of the dashboard: at 1,000 px wide the dashboard's 1600 px show every size x 0.625, so 16 px type reads as 10 px.</summary>
    public static readonly ChartFrame Panel = new(800, 500, IsPanel: true, TitleSize: 22, TickSize: 16, AxisLabelSize: 17, LegendSize: 16, NoteSize: 16, MilestoneRows: 2);

    /// <summary>One of two charts stacked in one PNG (cost.png): a chart's width and type, 700 pixels high.</summary>
    public static readonly ChartFrame Half = Chart with { Height = 700 };

    /// <summary>The smallest type of the frame, in pixels.</summary>
    public float SmallestType => new[] { TitleSize, TickSize, AxisLabelSize, LegendSize, NoteSize }.Min();
}
