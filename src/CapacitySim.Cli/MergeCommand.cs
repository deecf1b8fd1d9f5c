using System.CommandLine;
using CapacitySim.Cli.Common;
using CapacitySim.IO.Output;
using CapacitySim.IO.Sweeps;

namespace CapacitySim.Cli;

/// <summary>
/// <c>capsim merge DIR</c>: checks the shard folders of a sweep (every shard there, same sweep file
/// and version, no point twice, no checksum wrong) and writes the sweep's folder, the same bytes as
/// the sweep run in one go.
/// </summary>
public static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("DIR") { Description = "The shards' folder, <out>/<name>-sweep-shards." };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder that receives <name>-sweep/ (default: the folder that holds DIR)." };
        var command = new Command("merge", "Check a sharded sweep's shard folders and write its sweep folder, as the unsharded sweep would.") { dir, outDir };
        command.SetAction(parse =>
        {
            string shards = parse.GetValue(dir)!;
            var problems = new List<string>();
            var merged = ShardMerge.Read(shards, problems);
            if (merged is null)
            {
                foreach (string p in problems) stderr.WriteLine($"capsim: {p}");
                stderr.WriteLine("capsim: the shards cannot be merged; nothing was written.");
                return ExitCodes.InvalidInput;
            }
            string outRoot = parse.GetValue(outDir) ?? Path.GetDirectoryName(Path.GetFullPath(shards.TrimEnd('/', Path.DirectorySeparatorChar)))!;
            string target = Path.Combine(outRoot, SweepOutputs.FolderName(merged.Metadata.Sweep));
            return Interruption.Run(stderr, "the output folder was left as it was.", $"cannot write '{target}'", cancel =>
            {
                OutputFolder.WriteAtomically(target, folder =>
                {
                    foreach (var (point, run) in merged.RunFolders) CopyFolder(run, Path.Combine(folder, SweepOutputs.RunFolder(point)));
                    SweepOutputs.Write(folder, merged.Sweep, merged.Metadata, merged.Results, cancel);
                });
                stdout.WriteLine($"{merged.Metadata.Sweep} sweep: merged {Words.Plural(merged.Results.Points.Count, "point")}; wrote {target}");
                return ExitCodes.Done;
            });
        });
        return command;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
