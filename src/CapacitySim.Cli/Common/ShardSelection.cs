using System.Globalization;

namespace CapacitySim.Cli.Common;

/// <summary>
/// Which shard of a sweep this process runs: --shard I/N, else Slurm's job array
/// (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT), else a Kubernetes
/// Indexed Job's JOB_COMPLETION_INDEX of --shards N; none of them: the whole sweep in one go.
/// </summary>
internal static class ShardSelection
{
    /// <summary>The shard (null for the whole sweep), or false with <paramref name="problem"/> set.</summary>
    public static bool TryResolve(string? shardOption, int? shardsOption, Func<string, string?> environment, out (int Index, int Count)? shard, out string problem)
    {
        shard = null;
        problem = "";
        if (shardOption is not null)
        {
            var parts = shardOption.Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || i >= n)
            {
                problem = $"--shard takes I/N with 0 <= I < N (e.g. 3/8), got '{shardOption}'";
                return false;
            }
            shard = (i, n);
            return true;
        }
        if (environment("SLURM_ARRAY_TASK_ID") is { Length: > 0 } id)
        {
            string? count = environment("SLURM_ARRAY_TASK_COUNT"), min = environment("SLURM_ARRAY_TASK_MIN"), max = environment("SLURM_ARRAY_TASK_MAX");
            if (!int.TryParse(id, CultureInfo.InvariantCulture, out int task) || !int.TryParse(count, CultureInfo.InvariantCulture, out int tasks) || tasks < 1)
            {
                problem = $"SLURM_ARRAY_TASK_ID is '{id}' and SLURM_ARRAY_TASK_COUNT '{count}'; both must be whole numbers";
                return false;
            }
            int first = int.TryParse(min, CultureInfo.InvariantCulture, out int m) ? m : 0;
            int last = int.TryParse(max, CultureInfo.InvariantCulture, out int x) ? x : first + tasks - 1;
            if (last - first + 1 != tasks)
            {
                problem = $"the job array {first}-{last} has {tasks} tasks, not one per index: submit it as --array=0-{tasks - 1} (no step, no gaps)";
                return false;
            }
            shard = (task - first, tasks);
            return true;
        }
        if (environment("JOB_COMPLETION_INDEX") is { Length: > 0 } index)
        {
            if (shardsOption is not { } n)
            {
                problem = "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but --shards N is not: give the Job's completions as --shards";
                return false;
            }
            if (!int.TryParse(index, CultureInfo.InvariantCulture, out int i) || i < 0 || i >= n)
            {
                problem = $"JOB_COMPLETION_INDEX is '{index}', not a whole number from 0 to {n - 1} (--shards {n})";
                return false;
            }
            shard = (i, n);
            return true;
        }
        if (shardsOption is not null)
        {
            problem = "--shards N is for a Kubernetes Indexed Job (with JOB_COMPLETION_INDEX set); elsewhere use --shard I/N";
            return false;
        }
        return true;
    }
}
