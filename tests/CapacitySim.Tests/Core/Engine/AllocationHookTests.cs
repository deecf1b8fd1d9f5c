using CapacitySim.Core.Engine;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>Core announces the large arrays it allocates and leaves what to do with them to the program.</summary>
public class AllocationHookTests
{
    private static readonly string Yaml = """
        name: t
        start: 2025-01
        end: 2025-03
        roadmap: [H100]
        sites:
          - name: A
            phases: [{name: P, online: 2025-01, it_mw: 100}]
        """;

    [Test]
    [NonParallelizable]
    public void ANewResultAnnouncesEachOfItsArraysBeforeAnythingWritesThem()
    {
        var hook = AllocationHook.NewArrays;
        var announced = new List<Array>();
        AllocationHook.NewArrays = arrays =>
        {
            foreach (var a in arrays)
            {
                Assert.That(((double[])a).All(v => v == 0), "announced before anything is written");
                announced.Add(a);
            }
        };
        try
        {
            var result = new SimulationResult(TestScenarios.Parse(Yaml), 4, ScopeKinds.All);
            Assert.That(announced, Has.Count.EqualTo(result.Arrays.Count()));
            Assert.That(result.Arrays.All(a => announced.Count(b => ReferenceEquals(a, b)) == 1), "each array once");
        }
        finally
        {
            AllocationHook.NewArrays = hook;
        }
    }
}
