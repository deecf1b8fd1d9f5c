using System.Globalization;
using CapacitySim.Core.Model;
using CsvHelper;

namespace CapacitySim.IO.Catalog;

/// <summary>
/// The built-in lead-time catalog: Catalog/lead-times.csv, embedded in the assembly, one row per
/// step on the path to power (construction, interconnection, turbines, transformers, batteries)
/// with a distribution, the year it describes and its source. A scenario's <c>lead_times:</c> adds
/// or overrides entries by name.
/// </summary>
public static class BuiltInLeadTimes
{
    private static readonly Lazy<IReadOnlyList<LeadTime>> Cached = new(() =>
    {
        using var stream = typeof(BuiltInLeadTimes).Assembly.GetManifestResourceStream("CapacitySim.IO.Catalog.lead-times.csv")
            ?? throw new InvalidOperationException("the built-in lead-time catalog resource is missing from CapacitySim.IO");
        return Read(stream);
    });

    /// <summary>The built-in entries, in file order.</summary>
    public static IReadOnlyList<LeadTime> Load() => Cached.Value;

    /// <summary>Reads rows with header name,unit,dist,a,b,c,year,source: a, b, c are the distribution's numbers in the order a scenario file writes them.</summary>
    public static IReadOnlyList<LeadTime> Read(Stream stream)
    {
        var list = new List<LeadTime>();
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',', MissingField = CsvMissingFieldHandling.Throw }, leaveOpen: true);
        while (csv.Read())
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
            list.Add(new LeadTime(name, duration.WithRange(NumberRange.NonNegative), unit == "weeks",
                csv.GetString("source"), int.Parse(csv.GetString("year"), CultureInfo.InvariantCulture)));
        }
        return list;
    }
}
