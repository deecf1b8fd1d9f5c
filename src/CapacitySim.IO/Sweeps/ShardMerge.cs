using System.Text.RegularExpressions;
using CapacitySim.Core.Sweeps;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.IO.Sweeps;

/// <summary>The shards of a sweep put together: the sweep file, its metadata, every point's results, and each point's run folder (with --keep-runs).</summary>
public sealed record MergedSweep(SweepFile Sweep, SweepMetadata Metadata, SweepResults Results, IReadOnlyDictionary<int, string> RunFolders);

/// <summary>
/// <c>capsim merge DIR</c>'s checks: every shard 0..N-1 there once, all from the same sweep file,
/// scenario, catalog and tool version, no point twice or missing, every file's checksum right.
/// Each problem is named with the shard folder it is in.
/// </summary>
public static partial class ShardMerge
{
    [GeneratedRegex(@"^shard-(\d+)-of-(\d+)$")]
    private static partial Regex ShardName();

    /// <summary>The merged sweep, or null with every problem found in <paramref name="problems"/>.</summary>
    public static MergedSweep? Read(string folder, List<string> problems)
    {
        if (!Directory.Exists(folder))
        {
            problems.Add($"{folder}: no such folder");
            return null;
        }
        var shards = new List<(string Folder, ShardManifest Manifest)>();
        foreach (string dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            if (name.StartsWith('.')) continue; // a shard still being written, or left by a killed task: not a shard
            if (!ShardName().IsMatch(name))
            {
                problems.Add($"{dir}: not a shard folder (shard-IIII-of-NNNN)");
                continue;
            }
            if (ShardFolder.ReadManifest(dir) is not { } manifest)
            {
                problems.Add($"{dir}: {ShardFolder.Manifest} is missing or unreadable");
                continue;
            }
            var match = ShardName().Match(name);
            if (int.Parse(match.Groups[1].Value) != manifest.Shard || int.Parse(match.Groups[2].Value) != manifest.Shards)
                problems.Add($"{dir}: its {ShardFolder.Manifest} says shard {manifest.Shard} of {manifest.Shards}, not what the folder's name says");
            foreach (string problem in ChecksumProblems(dir, manifest)) problems.Add($"{dir}: {problem}");
            shards.Add((dir, manifest));
        }
        if (shards.Count == 0)
        {
            if (problems.Count == 0) problems.Add($"{folder}: no shard folders (shard-IIII-of-NNNN) in it");
            return null;
        }

        var (firstFolder, first) = shards[0];
        var reference = first.Sweep;
        foreach (var (dir, m) in shards.Skip(1))
        {
            var s = m.Sweep;
            if (s.SweepSha256 != reference.SweepSha256) problems.Add($"{dir}: run from another sweep file (SHA-256 {s.SweepSha256[..12]}) than {Path.GetFileName(firstFolder)} ({reference.SweepSha256[..12]})");
            if (s.ScenarioSha256 != reference.ScenarioSha256) problems.Add($"{dir}: run on another scenario file (SHA-256 {s.ScenarioSha256[..12]}) than {Path.GetFileName(firstFolder)} ({reference.ScenarioSha256[..12]})");
            if (s.ToolVersion != reference.ToolVersion) problems.Add($"{dir}: written by capsim {s.ToolVersion}, {Path.GetFileName(firstFolder)} by capsim {reference.ToolVersion}");
            if (s.CatalogSha256 != reference.CatalogSha256) problems.Add($"{dir}: run with another built-in accelerator catalog than {Path.GetFileName(firstFolder)}");
            if (s != reference with { SweepSha256 = s.SweepSha256, ScenarioSha256 = s.ScenarioSha256, ToolVersion = s.ToolVersion, CatalogSha256 = s.CatalogSha256 })
                problems.Add($"{dir}: its sweep settings (name, samples, seed, design or points) differ from {Path.GetFileName(firstFolder)}'s");
            if (m.Shards != first.Shards) problems.Add($"{dir}: one of {m.Shards} shards, {Path.GetFileName(firstFolder)} one of {first.Shards}");
        }
        int count = first.Shards;
        foreach (var group in shards.GroupBy(s => s.Manifest.Shard).Where(g => g.Count() > 1))
            problems.Add($"shard {group.Key} is there {group.Count()} times: {string.Join(", ", group.Select(g => g.Folder))}");
        var present = shards.Select(s => s.Manifest.Shard).ToHashSet();
        var missing = Enumerable.Range(0, count).Where(i => !present.Contains(i)).ToList();
        if (missing.Count > 0)
            problems.Add($"{folder}: {missing.Count} of {count} shards missing: {string.Join(", ", missing.Take(20).Select(i => ShardFolder.Name(i, count)))}{(missing.Count > 20 ? ", ..." : "")} (run those tasks again)");

        var owner = new Dictionary<int, string>();
        foreach (var (dir, m) in shards)
        {
            foreach (int point in m.PointIndices)
            {
                if (point < 0 || point >= reference.Points) problems.Add($"{dir}: point {point} is not a point of this sweep (0 to {reference.Points - 1})");
                else if (owner.TryGetValue(point, out var other)) problems.Add($"point {point} is in both {other} and {dir}");
                else owner[point] = dir;
            }
        }
        if (problems.Count > 0) return null;
        var lost = Enumerable.Range(0, reference.Points).Where(p => !owner.ContainsKey(p)).ToList();
        if (lost.Count > 0)
        {
            problems.Add($"{folder}: points missing from every shard: {string.Join(", ", lost.Take(20))}{(lost.Count > 20 ? ", ..." : "")}");
            return null;
        }

        SweepFile sweep;
        try
        {
            sweep = SweepLoader.Parse(File.ReadAllBytes(Path.Combine(firstFolder, ShardFolder.SweepCopy)), reference.SweepFile);
        }
        catch (ScenarioException e)
        {
            problems.AddRange(e.Diagnostics.Select(d => $"{firstFolder}: {ShardFolder.SweepCopy}: {d}"));
            return null;
        }
        var axisValues = new Dictionary<int, double[]>();
        var rows = new List<SweepRow>();
        IReadOnlyList<double>? percentiles = null;
        var runs = new Dictionary<int, string>();
        foreach (var (dir, m) in shards)
        {
            var read = ShardFolder.ReadResults(dir, sweep);
            var levels = ShardFolder.ReadPercentiles(dir);
            if (read is null || levels is null || !read.Value.AxisValues.Keys.Order().SequenceEqual(m.PointIndices.Order()))
            {
                problems.Add($"{dir}: {ShardFolder.Results} does not hold the points its {ShardFolder.Manifest} lists for this sweep");
                continue;
            }
            percentiles ??= levels;
            if (!levels.SequenceEqual(percentiles)) problems.Add($"{dir}: its results are at other percentiles than the other shards'");
            foreach (var (p, values) in read.Value.AxisValues) axisValues[p] = values;
            rows.AddRange(read.Value.Rows);
            foreach (int p in m.PointIndices)
                if (Directory.Exists(Path.Combine(dir, SweepOutputs.RunFolder(p)))) runs[p] = Path.Combine(dir, SweepOutputs.RunFolder(p));
        }
        if (problems.Count > 0) return null;
        var results = new SweepResults([.. sweep.Axes.Select(a => a.Name)], sweep.Metrics, sweep.Months, percentiles!, axisValues, rows);
        return new MergedSweep(sweep, reference, results, runs);
    }

    /// <summary>Files whose SHA-256 is not the manifest's, files listed but missing, and files not listed.</summary>
    private static IEnumerable<string> ChecksumProblems(string folder, ShardManifest manifest)
    {
        var actual = ShardFolder.Checksums(folder);
        foreach (var (file, sum) in manifest.Files)
        {
            if (!actual.TryGetValue(file, out var found)) yield return $"{file} is listed in {ShardFolder.Manifest} but missing";
            else if (found != sum) yield return $"{file}: checksum wrong (SHA-256 {found[..12]}, {ShardFolder.Manifest} says {sum[..Math.Min(12, sum.Length)]}): changed or damaged after the shard was written";
        }
        foreach (string file in actual.Keys.Where(f => !manifest.Files.ContainsKey(f)))
            yield return $"{file} is not listed in {ShardFolder.Manifest}";
    }
}
