using System.Globalization;
using CapacitySim.Core.Model;

namespace CapacitySim.IO.Catalog;

/// <summary>
/// The built-in accelerator catalog: Catalog/accelerators.csv, embedded in the assembly, one row
/// per accelerator with a source for every figure. Scenario files add or override entries by name.
/// </summary>
public static class BuiltInCatalog
{
    private const string File = "accelerators.csv";

    private static readonly Lazy<IReadOnlyList<Accelerator>> Cached = EmbeddedCsv.Cached(File, Read);

    /// <summary>SHA-256 of the embedded catalog file, lower-case hex: run.json records it so a changed catalog makes old outputs stale.</summary>
    public static string Sha256 { get; } = HashResource();

    private static string HashResource()
    {
        using var stream = EmbeddedCsv.Open(File);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    /// <summary>The built-in entries, in file order.</summary>
    public static IReadOnlyList<Accelerator> Load() => Cached.Value;

    /// <summary>Reads catalog rows (header name,available,slip_months,peak_flops,tdp_w,allin_w,unit_cost_usd,embodied_kgco2e,source).</summary>
    public static IReadOnlyList<Accelerator> Read(Stream stream) => EmbeddedCsv.Rows(stream, csv =>
        {
            string name = csv.GetString("name");
            if (!YearMonth.TryParse(csv.GetString("available"), out var available))
                throw new FormatException($"catalog row {name}: available '{csv.GetString("available")}' is not YYYY-MM");
            double Number(string column) =>
                double.Parse(csv.GetString(column), NumberStyles.Float, CultureInfo.InvariantCulture);
            return new Accelerator(
                name,
                available,
                Uncertain.Fixed(Number("slip_months")).WithRange(NumberRange.NonNegative),
                Uncertain.Fixed(Number("peak_flops")).WithRange(NumberRange.Divisor),
                Uncertain.Fixed(Number("tdp_w")).WithRange(NumberRange.Positive),
                Uncertain.Fixed(Number("allin_w")).WithRange(NumberRange.Divisor),
                Uncertain.Fixed(Number("unit_cost_usd")).WithRange(NumberRange.NonNegative),
                csv.GetString("source"))
            {
                EmbodiedKgCo2e = Uncertain.Fixed(Number("embodied_kgco2e")).WithRange(NumberRange.NonNegative),
            };
        });
}
