using System.Globalization;
using CapacitySim.Core.Model;

namespace CapacitySim.IO.Catalog;

/// <summary>
/// The built-in lead-time catalog: Catalog/lead-times.csv, embedded in the assembly, one row per
/// step on the path to power (construction, interconnection, turbines, transformers, batteries)
/// with a distribution, the year it describes and its source. A scenario's <c>lead_times:</c> adds
/// or overrides entries by name.
/// </summary>
public static class BuiltInLeadTimes
{
    private static readonly Lazy<IReadOnlyList<LeadTime>> Cached = EmbeddedCsv.Cached("lead-times.csv", Read);

    /// <summary>The built-in entries, in file order.</summary>
    public static IReadOnlyList<LeadTime> Load() => Cached.Value;

    /// <summary>Reads rows with header name,unit,dist,a,b,c,year,source: a, b, c are the distribution's numbers in the order a scenario file writes them.</summary>
    public static IReadOnlyList<LeadTime> Read(Stream stream) => EmbeddedCsv.Rows(stream, csv =>
        {
            string name = csv.GetString("name");
            string unit = csv.GetString("unit");
            if (unit is not ("months" or "weeks")) throw new FormatException($"lead-time row {name}: unit '{unit}' is neither months nor weeks");
            double[] numbers = [.. new[] { "a", "b", "c" }.Select(csv.GetString).Where(t => t.Length > 0)
                .Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))];
            string dist = csv.GetString("dist");
            var duration = dist == "fixed" ? Uncertain.Fixed(numbers[0])
                : Scenarios.NodeReader.DistributionForms.TryGetValue(dist, out var form) && form.Fields.Length == numbers.Length ? form.Make(numbers)
                : throw new FormatException($"lead-time row {name}: '{dist}' with {numbers.Length} numbers is not a distribution");
            return new LeadTime(name, duration.WithRange(NumberRange.NonNegative), unit == "weeks",
                csv.GetString("source"), int.Parse(csv.GetString("year"), CultureInfo.InvariantCulture));
        });
}
