namespace CapacitySim.Cli.Common;

/// <summary>
/// Where a scenario file written by capsim finds the JSON Schema, for its
/// <c># yaml-language-server: $schema=...</c> line: a path relative to the file's own folder.
/// </summary>
internal static class SchemaReference
{
    private static readonly string SchemaInRepository = Path.Combine("schema", "scenario.schema.json");

    /// <summary>
    /// The path from <paramref name="file"/>'s folder to the nearest schema/scenario.schema.json in
    /// that folder or above it, else in the current directory or above it, else to the copy shipped
    /// beside capsim; '/' separated, as the language server reads it. Null when there is none.
    /// </summary>
    public static string? For(string file)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string? schema = FindAbove(folder) ?? FindAbove(Directory.GetCurrentDirectory());
        if (schema is null && File.Exists(Path.Combine(AppContext.BaseDirectory, SchemaInRepository)))
            schema = Path.Combine(AppContext.BaseDirectory, SchemaInRepository);
        return schema is null ? null : Path.GetRelativePath(folder, schema).Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string? FindAbove(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, SchemaInRepository);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
