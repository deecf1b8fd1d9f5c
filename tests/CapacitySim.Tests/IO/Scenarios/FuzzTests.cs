using CapacitySim.Core.Engine;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.IO.Scenarios;

/// <summary>
/// Mutants of every shipped scenario either run or are rejected with positioned messages, within
/// a time bound, never with another exception. CI runs CAPSIM_FUZZ_CASES mutants per file
/// (default 400); set it higher for a long fuzz, and CAPSIM_FUZZ_SEED to explore other mutants.
/// </summary>
public class FuzzTests
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("CAPSIM_FUZZ_CASES"), out int n) ? n : 400;

    private static int BaseSeed => int.TryParse(Environment.GetEnvironmentVariable("CAPSIM_FUZZ_SEED"), out int s) ? s : 0;

    public static IEnumerable<string> Files() => CapacitySim.Tests.Scenarios.ShippedScenarioTests.ModelFiles();

    [TestCaseSource(nameof(Files))]
    public void MutantsRunOrGivePositionedErrors(string relative)
    {
        string original = TestScenarios.ReadRepoFile(relative);
        var donors = Files().Select(TestScenarios.ReadRepoFile).ToList();
        var catalog = BuiltInCatalog.Load();
        int ran = 0, rejected = 0;
        for (int k = 0; k < Cases; k++)
        {
            int seed = BaseSeed * 1_000_003 + k;
            string mutant = ScenarioMutator.Mutate(original, seed, donors);
            var work = Task.Run(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    var scenario = ScenarioLoader.Parse(System.Text.Encoding.UTF8.GetBytes(mutant), "mutant.yaml", catalog);
                    var result = ReferenceEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(Math.Min(scenario.Samples, 3), null, 1)));
                    foreach (var series in result.Arrays)
                        if (!series.All(double.IsFinite)) return "NaN or infinity in the output";
                    // Bounded work, measured in bytes rather than seconds so a loaded machine gives the same verdict.
                    if (GC.GetAllocatedBytesForCurrentThread() - before > 512L << 20) return "allocated more than 512 MB";
                    Interlocked.Increment(ref ran);
                    return null;
                }
                catch (ScenarioException e)
                {
                    Interlocked.Increment(ref rejected);
                    var bad = e.Diagnostics.FirstOrDefault(d => d.Line < 1 || d.Column < 1 || string.IsNullOrWhiteSpace(d.Message) || d.File != "mutant.yaml");
                    return bad is null && e.Diagnostics.Count > 0 ? null : $"unpositioned diagnostic: {bad}";
                }
            });
            // Only a hang reaches this bound; the work itself is bounded by bytes above.
            if (!work.Wait(TimeSpan.FromMinutes(10)))
                Assert.Fail($"mutant {seed} of {relative} did not finish in 10 minutes (a hang):\n{mutant}");
            string? problem = work.IsFaulted ? work.Exception!.InnerException!.ToString() : work.Result;
            if (problem is not null)
                Assert.Fail($"mutant {seed} of {relative}: {problem}\n--- mutant ---\n{mutant}");
        }
        Assert.That(ran + rejected, Is.EqualTo(Cases));
        TestContext.Out.WriteLine($"{relative}: {ran} mutants ran, {rejected} were rejected with positioned messages");
    }
}
