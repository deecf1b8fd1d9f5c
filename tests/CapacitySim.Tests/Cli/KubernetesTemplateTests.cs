using System.Text.RegularExpressions;
using CapacitySim.Cli;
using CapacitySim.Tests.Support;
using YamlDotNet.RepresentationModel;
using static CapacitySim.Tests.Support.InProcessCapsim;

namespace CapacitySim.Tests.Cli;

/// <summary>
/// examples/kubernetes run as they are, short of a cluster: the Indexed Job's container command once
/// per completion index (JOB_COMPLETION_INDEX set, as Kubernetes sets it), with its volumes as
/// folders filled as the file's own `kubectl create configmap` lines say, then the merge Job's
/// command; the merged sweep equals a run in one go byte for byte.
/// </summary>
public partial class KubernetesTemplateTests() : TempFolderTests("k8s")
{
    private static readonly string Folder = Path.Combine(TestScenarios.RepoRoot, "examples", "kubernetes");

    private static List<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Folder, file))));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode At(YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static string Text(YamlNode node, params string[] keys) => ((YamlScalarNode)At(node, keys)).Value!;

    /// <summary>The job's one container: its command, and each mount path with the folder standing for its volume.</summary>
    private (string[] Command, Dictionary<string, string> Mounts) Container(YamlMappingNode job)
    {
        var pod = At(job, "spec", "template", "spec");
        var container = ((YamlSequenceNode)At(pod, "containers")).Children.Single();
        var command = ((YamlSequenceNode)At(container, "command")).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();
        var volumes = ((YamlSequenceNode)At(pod, "volumes")).Children.ToDictionary(v => Text(v, "name"), v => v);
        var mounts = new Dictionary<string, string>();
        foreach (var mount in ((YamlSequenceNode)At(container, "volumeMounts")).Children)
        {
            var volume = volumes[Text(mount, "name")];
            // A ConfigMap is its own folder; the claim is one folder every pod shares.
            string name = ((YamlMappingNode)volume).Children.ContainsKey(new YamlScalarNode("configMap")) ? Text(volume, "configMap", "name") : Text(volume, "persistentVolumeClaim", "claimName");
            mounts[Text(mount, "mountPath")] = Path.Combine(Dir, "volumes", name);
        }
        return (command, mounts);
    }

    /// <summary>The command with each mounted path on its folder, capsim itself dropped (the test runs it in process).</summary>
    private static string[] OnFolders(string[] command, Dictionary<string, string> mounts)
    {
        Assert.That(command[0], Is.EqualTo("capsim"));
        return [.. command.Skip(1).Select(arg => mounts.OrderByDescending(m => m.Key.Length)
            .FirstOrDefault(m => arg == m.Key || arg.StartsWith(m.Key + "/", StringComparison.Ordinal)) is { Key: not null } m
                ? m.Value + arg[m.Key.Length..] : arg)];
    }

    [GeneratedRegex(@"kubectl create configmap (\S+) --from-file=(\S+)")]
    private static partial Regex ConfigMapLine();

    [Test]
    [NonParallelizable]
    public void TheIndexedJobAndTheMergeJobGiveTheSweepOfOneRun()
    {
        var documents = Documents("sweep-job.yaml");
        Assert.That(documents.Select(d => Text(d, "kind")), Is.EqualTo(new[] { "PersistentVolumeClaim", "Job" }));
        var job = documents[1];
        Assert.That(Text(job, "spec", "completionMode"), Is.EqualTo("Indexed"));
        int completions = int.Parse(Text(job, "spec", "completions"), System.Globalization.CultureInfo.InvariantCulture);
        var (command, mounts) = Container(job);
        Assert.That(command, Does.Contain("--shards"));
        Assert.That(command[Array.IndexOf(command, "--shards") + 1], Is.EqualTo(completions.ToString(System.Globalization.CultureInfo.InvariantCulture)), "--shards must equal completions");

        // The ConfigMaps as the header creates them, from files of the repository.
        foreach (Match line in ConfigMapLine().Matches(File.ReadAllText(Path.Combine(Folder, "sweep-job.yaml"))))
        {
            string folder = Path.Combine(Dir, "volumes", line.Groups[1].Value);
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(TestScenarios.RepoRoot, line.Groups[2].Value), Path.Combine(folder, Path.GetFileName(line.Groups[2].Value)));
        }
        // The sweep names ../scenarios/examples/...: the mounts must put the scenario there.
        foreach (var folder in mounts.Values) Directory.CreateDirectory(folder);
        var root = Path.Combine(Dir, "root");
        string Rooted(string mountPath) => Path.Combine(root, mountPath.TrimStart('/'));
        foreach (var (path, folder) in mounts)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Rooted(path))!);
            Directory.CreateSymbolicLink(Rooted(path), folder);
        }
        var rooted = mounts.ToDictionary(m => m.Key, m => Rooted(m.Key));

        for (int index = 0; index < completions; index++)
        {
            Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                var (code, _, err) = Capsim(OnFolders(command, rooted));
                Assert.That(code, Is.Zero, $"pod {index}: {err}");
            }
            finally
            {
                Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", null);
            }
        }
        var (mergeCommand, mergeMounts) = Container(Documents("merge-job.yaml").Single());
        var (merged, _, mergeErr) = Capsim(OnFolders(mergeCommand, mergeMounts.ToDictionary(m => m.Key, m => Rooted(m.Key))));
        Assert.That(merged, Is.Zero, mergeErr);

        // The same sweep in one go, from the repository's own files.
        string sweep = OnFolders(command, rooted)[1];
        var (local, _, localErr) = Capsim(["sweep", Path.Combine(TestScenarios.RepoRoot, "sweeps", Path.GetFileName(sweep)), "--out", Path.Combine(Dir, "local")]);
        Assert.That(local, Is.Zero, localErr);
        var one = Directory.GetDirectories(Path.Combine(Dir, "local")).Single();
        var fromShards = Path.Combine(rooted["/output"], Path.GetFileName(one));
        var expected = Directory.GetFiles(one).Select(Path.GetFileName).Order().ToList();
        Assert.That(Directory.GetFiles(fromShards).Select(Path.GetFileName).Order(), Is.EqualTo(expected));
        foreach (var name in expected)
            Assert.That(File.ReadAllBytes(Path.Combine(fromShards, name!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, name!))), name);
    }
}
