using ScottPlot;
using SkiaSharp;

namespace CapacitySim.IO.Charts;

/// <summary>
/// Registers DejaVu Sans, shipped inside this assembly, as ScottPlot's default font, so charts
/// render text identically on machines with no fonts installed. Must run before any Plot is made:
/// a label copies the default font when it is constructed.
/// </summary>
public static class ChartFonts
{
    public const string Name = "CapacitySim Sans";
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>The bold face, for text drawn outside a plot (the dashboard's heading); set by <see cref="EnsureRegistered"/>.</summary>
    internal static SKTypeface? Bold { get; private set; }

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered) return;
            Bold = Load("DejaVuSans-Bold.ttf");
            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver(Load("DejaVuSans.ttf"), Bold));
            Fonts.Default = Name;
            _registered = true;
        }
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(ChartFonts).Assembly.GetManifestResourceStream($"CapacitySim.IO.Fonts.{file}")
            ?? throw new InvalidOperationException($"font {file} is missing from CapacitySim.IO");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        // The data is held in a variable until the typeface has taken its own reference: passed as a
        // temporary, it can be finalized (and its native memory freed) while Skia still reads it,
        // which crashed the Native AOT build when a collection ran during the call.
        using var data = SKData.CreateCopy(memory.ToArray());
        var typeface = SKTypeface.FromData(data) ?? throw new InvalidDataException($"{file} is not a font");
        GC.KeepAlive(data);
        return typeface;
    }

    /// <summary>Serves the regular face, or the bold one for bold text (titles and axis labels are bold by default).</summary>
    private sealed class EmbeddedFontResolver(SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Name ? (weight >= FontWeight.SemiBold ? bold : regular) : null;

        public SKTypeface? CreateTypeface(string fontName, bool isBold, bool isItalic) =>
            fontName == Name ? (isBold ? bold : regular) : null;
    }
}
