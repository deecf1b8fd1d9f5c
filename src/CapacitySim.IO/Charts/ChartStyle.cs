using System.Globalization;
using System.Runtime.InteropServices;
using CapacitySim.Core.Engine;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace CapacitySim.IO.Charts;

/// <summary>
/// What every chart of the project shares: 1600x900, DejaVu Sans, title sizes, one palette,
/// calendar axes, zero-based linear axes and log axes labelled between decades.
/// </summary>
public static class ChartStyle
{
    public const int Width = 1600;
    public const int Height = 900;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>The k-th colour of the palette (sites on run charts, scenarios on comparisons).</summary>
    public static Color Colour(int k) => Palette.GetColor(k);

    /// <summary>
    /// A plot with the project's fonts, a bold title (and a second title line when given), type
    /// sized for <paramref name="frame"/> (a chart of its own by default), and no minor ticks on
    /// linear axes, where they only add noise.
    /// </summary>
    public static Plot NewPlot(string title, string subtitle, ChartFrame? frame = null)
    {
        ChartFonts.EnsureRegistered();
        frame ??= ChartFrame.Chart;
        var plot = new Plot();
        plot.Title(subtitle.Length > 0 ? $"{title}\n{subtitle}" : title, size: frame.TitleSize);
        plot.Axes.Title.Label.Bold = true;
        // Centred on the figure rather than the data area, which a wide axis or legend pushes aside.
        plot.Axes.Title.FullFigureCenter = true;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right })
        {
            axis.TickLabelStyle.FontSize = frame.TickSize;
            axis.Label.FontSize = frame.AxisLabelSize;
            axis.MinorTickStyle.Length = 0;
        }
        // The side labels a few pixels in from the figure's edges: the axes grow to keep them clear of the tick labels.
        foreach (var side in new[] { plot.Axes.Left, plot.Axes.Right }.OfType<ScottPlot.AxisPanels.AxisBase>())
            side.PaddingOutsideAxisLabels = new PixelPadding(8);
        plot.Legend.FontSize = frame.LegendSize;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        return plot;
    }

    /// <summary>
    /// Shows the legend outside the data, so it never hides a line: to the right of a chart of its
    /// own, below a dashboard panel or when <paramref name="below"/> (in rows, for long entries).
    /// Items are listed in the order they were added.
    /// </summary>
    public static void Legend(Plot plot, ChartFrame frame, bool below = false)
    {
        below |= frame.IsPanel;
        plot.ShowLegend(below ? Edge.Bottom : Edge.Right);
        plot.Legend.Orientation = below ? Orientation.Horizontal : Orientation.Vertical;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowOffset = new PixelOffset(0, 0);
    }

    /// <summary>OLE automation date of the first day of a YYYY-MM month.</summary>
    public static double MonthX(int year, int month) => new DateTime(year, month, 1).ToOADate();

    /// <summary>
    /// Calendar months on the x axis (<paramref name="xs"/> are first days of consecutive months): a
    /// labelled tick each January for runs over three years (a minor one each quarter), else a
    /// YYYY-MM label every one, two, three or six months, as often as the labels fit the frame.
    /// </summary>
    public static void DateAxis(Plot plot, IReadOnlyList<double> xs, ChartFrame? frame = null)
    {
        var ticks = new NumericManual();
        int months = xs.Count;
        // Labels every 1, 2, 3 or 6 months, as many as fit side by side: YYYY-MM is about 4.5 type sizes wide.
        frame ??= ChartFrame.Chart;
        double fit = (frame.Width - (frame.IsPanel ? 120 : 500)) / (frame.TickSize * 4.5 + 16);
        int step = new[] { 1, 2, 3, 6 }.FirstOrDefault(s => (months + s - 1) / s <= fit, 6);
        for (int t = 0; t < months; t++)
        {
            var date = DateTime.FromOADate(xs[t]);
            if (months > 36)
            {
                if (date.Month == 1) ticks.AddMajor(xs[t], date.Year.ToString(Inv));
                else if ((date.Month - 1) % 3 == 0) ticks.AddMinor(xs[t]);
            }
            else if ((date.Month - 1) % step == 0) ticks.AddMajor(xs[t], date.ToString("yyyy-MM", Inv));
            else ticks.AddMinor(xs[t]);
        }
        if (months > 36 && DateTime.FromOADate(xs[0]).Month != 1)
            ticks.AddMajor(xs[0], DateTime.FromOADate(xs[0]).ToString("yyyy-MM", Inv));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MinorTickStyle.Length = 4;
    }

    /// <summary>
    /// The y axis from 0 to a little above <paramref name="max"/> (the largest value drawn), so a
    /// flat series reads as a level, not as noise around it; 0 to 1 when nothing is above 0.
    /// </summary>
    public static void ZeroBased(Plot plot, double max) =>
        plot.Axes.SetLimitsY(0, max > 0 && double.IsFinite(max) ? max * 1.08 : 1);

    /// <summary>log10 for positive finite values, NaN (a gap) otherwise.</summary>
    public static double[] Log10(IEnumerable<double> values) => [.. values.Select(v => v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN)];

    /// <summary>
    /// A log axis for series drawn as log10 values of <paramref name="min"/> .. <paramref name="max"/> (both > 0), labelled
    /// between decades too (1-2-5 up to 2.5 decades, 1-3 up to 5) so any level has a label near it.
    /// </summary>
    public static void LogAxis(Plot plot, double min, double max, Func<double, string> label)
    {
        double lo = Math.Log10(min), hi = Math.Log10(max);
        if (hi - lo < 0.3)
        {
            double middle = (lo + hi) / 2;
            lo = middle - 0.15;
            hi = middle + 0.15;
        }
        double span = hi - lo;
        int[] labelled = span <= 0.7 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : span <= 2.5 ? [1, 2, 5] : span <= 5 ? [1, 3] : [1];
        var ticks = new NumericManual();
        double pad = span * 0.04;
        for (int decade = (int)Math.Floor(lo - pad); decade <= (int)Math.Ceiling(hi + pad); decade++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double value = m * Math.Pow(10, decade);
                double y = Math.Log10(value);
                if (y < lo - pad || y > hi + pad) continue;
                if (labelled.Contains(m)) ticks.AddMajor(y, label(value));
                else ticks.AddMinor(y);
            }
        }
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MinorTickStyle.Length = 4;
        plot.Axes.SetLimitsY(lo - pad, hi + pad);
    }

    /// <summary>The index ranges [From, To) where both series are finite: a band is drawn piece by piece over them (ScottPlot drops a fill with NaN in it).</summary>
    public static IEnumerable<(int From, int To)> FiniteRuns(double[] a, double[] b)
    {
        int start = -1;
        for (int i = 0; i <= a.Length; i++)
        {
            bool ok = i < a.Length && double.IsFinite(a[i]) && double.IsFinite(b[i]);
            if (ok && start < 0) start = i;
            if (!ok && start >= 0)
            {
                yield return (start, i);
                start = -1;
            }
        }
    }

    /// <summary>The plot drawn into a new bitmap of the given size.</summary>
    public static SKBitmap Render(Plot plot, int width, int height)
    {
        var bitmap = NewBitmap(width, height);
        Render(plot, bitmap);
        return bitmap;
    }

    /// <summary>The plot drawn over the whole of <paramref name="bitmap"/>.</summary>
    public static void Render(Plot plot, SKBitmap bitmap)
    {
        using var canvas = new SKCanvas(bitmap);
        plot.Render(canvas, bitmap.Width, bitmap.Height);
    }

    /// <summary>Height of the heading strip above a figure of panels (the dashboard, a sweep's heatmaps).</summary>
    public const int HeadingHeight = 72;

    /// <summary>
    /// A figure of panels' heading, over the image's top <see cref="HeadingHeight"/> pixels: a bold
    /// title and a grey note below it, each made smaller where it would not fit the image's width.
    /// </summary>
    public static void DrawHeading(SKBitmap image, string title, string note)
    {
        using var strip = Region(image, 0, 0, image.Width, HeadingHeight);
        using var canvas = new SKCanvas(strip);
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = new SKColor(0x22, 0x22, 0x22), IsAntialias = true };
        using var titleFont = Fitting(title, 30, image.Width);
        using var noteFont = Fitting(note, 20, image.Width);
        canvas.DrawText(title, image.Width / 2f, 36, SKTextAlign.Center, titleFont, paint);
        paint.Color = new SKColor(0x55, 0x55, 0x55);
        canvas.DrawText(note, image.Width / 2f, 62, SKTextAlign.Center, noteFont, paint);

        static SKFont Fitting(string text, float size, int width)
        {
            // Hinted glyphs do not shrink in proportion to the size: measure again until it fits.
            var font = new SKFont(ChartFonts.Bold, size);
            float room = width - 24;
            for (int i = 0; i < 8 && font.MeasureText(text) is var needed && needed > room; i++) font.Size *= room / needed * 0.99f;
            return font;
        }
    }

    /// <summary>A rectangle of <paramref name="image"/> as a bitmap that shares its pixels: a panel is drawn straight into its figure.</summary>
    public static SKBitmap Region(SKBitmap image, int x, int y, int width, int height)
    {
        var region = new SKBitmap();
        if (!image.ExtractSubset(region, SKRectI.Create(x, y, width, height)))
        {
            region.Dispose();
            throw new InvalidOperationException($"Skia could not take the {width}x{height} region at ({x}, {y}) of a {image.Width}x{image.Height} image");
        }
        return region;
    }

    /// <summary>
    /// A transparent RGBA bitmap whose pixels are a pinned managed array, released with the bitmap,
    /// so they come from the heap and go to <see cref="AllocationHook"/> rather than fresh native memory.
    /// </summary>
    public static SKBitmap NewBitmap(int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = GC.AllocateArray<byte>(info.BytesSize, pinned: true);
        AllocationHook.Allocated([pixels]);
        var keepAlive = GCHandle.Alloc(pixels);
        var bitmap = new SKBitmap();
        if (!bitmap.InstallPixels(info, Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0), info.RowBytes, (_, handle) => ((GCHandle)handle).Free(), keepAlive))
        {
            keepAlive.Free();
            bitmap.Dispose();
            throw new InvalidOperationException($"Skia refused a {width}x{height} bitmap");
        }
        return bitmap;
    }

    /// <summary>
    /// Saves a bitmap as PNG with the "sub" filter at zlib level 3 rather than Skia's default (every
    /// filter at level 6): far faster, for files a little larger (docs/performance.md).
    /// </summary>
    public static void SavePng(SKBitmap bitmap, string path)
    {
        using var data = EncodePng(bitmap) ?? throw new IOException($"could not encode {path} as PNG");
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>The bitmap as PNG bytes, encoded as <see cref="SavePng"/> writes them; null when Skia cannot encode it.</summary>
    public static SKData? EncodePng(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        return pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3));
    }
}
