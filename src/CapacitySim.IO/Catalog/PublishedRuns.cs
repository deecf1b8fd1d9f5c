using System.Globalization;
using CapacitySim.Core.Model;

namespace CapacitySim.IO.Catalog;

/// <summary>A training run someone published: the model, the month it was released, its training compute in FLOP, and where the figure comes from.</summary>
public sealed record PublishedRun(string Name, YearMonth Released, double Flop, string Source);

/// <summary>
/// The published training runs the frontier charts draw as points beside the simulated largest run:
/// Catalog/training-runs.csv, embedded in the assembly as the accelerator catalog is, one row per
/// model with the source of its figure (docs/sources.md).
/// </summary>
public static class PublishedRuns
{
    private static readonly Lazy<IReadOnlyList<PublishedRun>> Cached = EmbeddedCsv.Cached("training-runs.csv", Read);

    /// <summary>The built-in runs, in file order.</summary>
    public static IReadOnlyList<PublishedRun> Load() => Cached.Value;

    /// <summary>Reads rows of name,released (YYYY-MM),flop,source.</summary>
    public static IReadOnlyList<PublishedRun> Read(Stream stream) => EmbeddedCsv.Rows(stream, csv =>
        {
            string name = csv.GetString("name");
            if (!YearMonth.TryParse(csv.GetString("released"), out var released))
                throw new FormatException($"training run {name}: released '{csv.GetString("released")}' is not YYYY-MM");
            double flop = double.Parse(csv.GetString("flop"), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!(flop > 0) || !double.IsFinite(flop)) throw new FormatException($"training run {name}: flop must be a positive number");
            return new PublishedRun(name, released, flop, csv.GetString("source"));
        });
}
