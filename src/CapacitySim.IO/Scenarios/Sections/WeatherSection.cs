using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// Reads a <c>weather</c> block, on a site or in <c>defaults</c>: per type (solar, wind) the plain
/// numbers year_cv, day_cv and day_correlation; a key a block leaves out takes the model's default.
/// </summary>
internal static class WeatherSection
{
    /// <summary>The blocks read, by type; null when the node is not a mapping.</summary>
    public static Dictionary<SourceType, WeatherVariability>? Read(NodeReader r, Node node, string what)
    {
        var f = r.Mapping(node, what, ScenarioLoader.WeatherKeys);
        if (f is null) return null;
        var blocks = new Dictionary<SourceType, WeatherVariability>();
        foreach (var (key, type) in new[] { ("solar", SourceType.Solar), ("wind", SourceType.Wind) })
        {
            if (f.Optional(key) is not { } blockNode) continue;
            string block = $"{what}: {key}";
            var b = r.Mapping(blockNode, block, ScenarioLoader.WeatherTypeKeys);
            if (b is null) continue;
            var model = SiteWeather.Default.Of(type);
            double Plain(string field, double fallback, double min, double max, string range)
            {
                if (b.Optional(field) is not { } valueNode || r.Number(valueNode, $"{block}: {field}") is not { } value) return fallback;
                if (value < min || value > max) r.Error(valueNode, $"{block}: {field} must be {range}, got {NodeReader.Format(value)}");
                return value;
            }
            blocks[type] = new WeatherVariability(
                Plain("year_cv", model.YearCv, 0, 10, "from 0 to 10"),
                Plain("day_cv", model.DayCv, 0, 10, "from 0 to 10"),
                Plain("day_correlation", model.DayCorrelation, -1, 1, "from -1 to 1"));
        }
        return blocks;
    }
}
