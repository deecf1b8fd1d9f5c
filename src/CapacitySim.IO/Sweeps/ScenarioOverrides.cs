using System.Text;
using CapacitySim.Core.Model;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// <c>--set PATH=VALUE</c> of run and compare: a scenario with some of its numbers replaced, the
/// paths and values those of a sweep axis (docs/model.md, sweeps), so a quick what-if needs no sweep
/// file. The assignments are bound exactly as a one-point sweep would bind them; a problem is
/// reported against the <c>--set</c> it comes from.
/// </summary>
public static class ScenarioOverrides
{
    /// <summary>What the assignments of <c>--set</c> are called in messages.</summary>
    private const string Origin = "--set";

    /// <summary>
    /// The scenario at <paramref name="scenarioPath"/> with <paramref name="assignments"/>
    /// (<c>PATH=VALUE</c>, VALUE a number or an inline distribution) applied, renamed
    /// <c>&lt;name&gt;-what-if</c> and described by its assignments; throws
    /// <see cref="ScenarioException"/> with every problem of the file and of the assignments.
    /// </summary>
    public static Scenario Load(string scenarioPath, IReadOnlyList<string> assignments, IReadOnlyList<Accelerator> catalog)
    {
        var plain = ScenarioLoader.Load(scenarioPath, catalog);
        var problems = new List<Diagnostic>();
        var text = new StringBuilder();
        text.Append("scenario: ").Append(Quote(Path.GetFullPath(scenarioPath))).Append('\n').Append("axes:\n");
        for (int i = 0; i < assignments.Count; i++)
        {
            string assignment = assignments[i];
            int eq = assignment.IndexOf('=');
            if (eq <= 0 || eq == assignment.Length - 1 || assignment.Contains('\n'))
            {
                problems.Add(new Diagnostic($"{Origin} {assignment}", i + 1, 1, $"it must be PATH=VALUE, as a sweep axis sets it: sites[Prometheus].pue=1.1, or a distribution: \"defaults.mfu={{dist: uniform, min: 0.3, max: 0.5}}\""));
                continue;
            }
            // Line 3 + i of the sweep text is assignment i: its problems are reported against it.
            text.Append("  - {set: ").Append(Quote(assignment[..eq].Trim())).Append(", name: set_").Append(i + 1).Append(", values: [").Append(assignment[(eq + 1)..].Trim()).Append("]}\n");
        }
        if (problems.Count > 0) throw new ScenarioException(problems);
        text.Append("metrics: [it_built_mw]\nmonths: [").Append(plain.Start).Append("]\n");
        try
        {
            var sweep = SweepLoader.Parse(Encoding.UTF8.GetBytes(text.ToString()), Origin);
            var scenario = SweepBinding.Bind(sweep, catalog).ScenariosOf([0])[0];
            string what = string.Join("; ", assignments.Select(a => $"--set {a}"));
            return scenario with
            {
                Name = scenario.Name + "-what-if",
                Description = $"What-if of {scenario.Name}: {what}.\n\n{scenario.Description}",
            };
        }
        catch (ScenarioException e)
        {
            // The scenario file's own problems first, then the assignments' in the order given.
            throw new ScenarioException([.. e.Diagnostics.Where(d => d.File != Origin), .. e.Diagnostics.Where(d => d.File == Origin).Select(d => Of(d, assignments)).OrderBy(d => d.Line)]);
        }
    }

    /// <summary>A problem found in the sweep text, told as one of the assignment it comes from.</summary>
    private static Diagnostic Of(Diagnostic d, IReadOnlyList<string> assignments)
    {
        int index = d.Line - 3;
        if (index < 0 || index >= assignments.Count) return d with { Line = 1, Column = 1 };
        // The sweep's own wording names the axis; the user wrote the assignment.
        string message = d.Message.StartsWith($"axis #{index + 1}: ", StringComparison.Ordinal) ? d.Message[$"axis #{index + 1}: ".Length..] : d.Message;
        return new Diagnostic($"{Origin} {assignments[index]}", index + 1, 1, message);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
