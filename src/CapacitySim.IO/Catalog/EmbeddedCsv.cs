using CsvHelper;

namespace CapacitySim.IO.Catalog;

/// <summary>The data files embedded beside this folder's readers (accelerators, lead times, published runs): opened, read row by row, loaded once.</summary>
internal static class EmbeddedCsv
{
    /// <summary>Opens the embedded Catalog/<paramref name="file"/>.</summary>
    public static Stream Open(string file) =>
        typeof(EmbeddedCsv).Assembly.GetManifestResourceStream($"CapacitySim.IO.Catalog.{file}")
            ?? throw new InvalidOperationException($"the embedded {file} is missing from CapacitySim.IO");

    /// <summary>The rows after the header, each made by <paramref name="row"/> (columns read by name; a missing one is an error).</summary>
    public static List<T> Rows<T>(Stream stream, Func<CsvReader, T> row)
    {
        var list = new List<T>();
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',', MissingField = CsvMissingFieldHandling.Throw }, leaveOpen: true);
        while (csv.Read()) list.Add(row(csv));
        return list;
    }

    /// <summary>Catalog/<paramref name="file"/> read once, on first use.</summary>
    public static Lazy<IReadOnlyList<T>> Cached<T>(string file, Func<Stream, IReadOnlyList<T>> read) => new(() =>
    {
        using var stream = Open(file);
        return read(stream);
    });
}
