using CapacitySim.Core.Engine;
using CapacitySim.Platform;

namespace CapacitySim.Tests.Platform;

/// <summary>Huge pages change how memory is mapped, never what it holds.</summary>
public class HugePageTests
{
    private static readonly string[] Maps =
    [
        "55d0a0000000-55d0a0001000 r--p 00000000 08:01 1234                       /usr/bin/capsim",
        "7f0000000000-7f0000200000 ---p 00000000 00:00 0 ",
        "7f0000200000-7f0000400000 rw-p 00000000 00:00 0",
        "7f0000400000-7f0010000000 ---p 00000000 00:00 0",
        "7f0010000000-7f0010001000 rw-p 00000000 00:00 0                          [heap]",
        "7f0010001000-7f0010002000 rw-p 00000000 00:00 0",
        "7f0020000000-7f0020001000 r-xp 00000000 08:01 99                         /usr/lib/libc.so.6",
    ];

    [Test]
    public void TheRangeAroundAnAddressIsItsRunOfAdjacentAnonymousMappings()
    {
        // 0x7f0000300000 lies in the second of three adjacent anonymous mappings (reserved,
        // committed, reserved); the next mapping is named ([heap]) and ends the run.
        Assert.That(ProcessMaps.AnonymousRangeAround(Maps, 0x7f0000300000), Is.EqualTo(((ulong, ulong)?)(0x7f0000000000, 0x7f0010000000)));
        // A mapping after a named one starts its own run.
        Assert.That(ProcessMaps.AnonymousRangeAround(Maps, 0x7f0010001800), Is.EqualTo(((ulong, ulong)?)(0x7f0010001000, 0x7f0010002000)));
    }

    [Test]
    public void NoRangeAroundAnAddressInAFileOrANamedMappingOrOutsideEveryMapping()
    {
        Assert.That(ProcessMaps.AnonymousRangeAround(Maps, 0x55d0a0000800), Is.Null);
        Assert.That(ProcessMaps.AnonymousRangeAround(Maps, 0x7f0010000800), Is.Null);
        Assert.That(ProcessMaps.AnonymousRangeAround(Maps, 0x7f0015000000), Is.Null);
        Assert.That(ProcessMaps.AnonymousRangeAround(["not a mapping", ""], 0x1000), Is.Null);
    }

    [Test]
    public void TheManagedHeapIsAdvisedWhereTheSystemLeavesHugePagesToEachProgram()
    {
        const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";
        bool leftToPrograms = OperatingSystem.IsLinux() && File.Exists(Setting) && File.ReadAllText(Setting).Contains("[madvise]");
        Assert.That(HugePages.AdviseManagedHeap(), Is.EqualTo(leftToPrograms));
    }

    [Test]
    public void CollapsingArraysKeepsTheirValues()
    {
        // 16 MB holds several whole 2 MB pages wherever the array starts.
        var values = new double[2 << 20];
        for (int i = 0; i < values.Length; i += 1000) values[i] = i * 0.5;
        // MADV_COLLAPSE is Linux 6.1 or later, with huge pages built into the kernel. It may fail for
        // the moment (EAGAIN, or no free 2 MB page on a loaded machine): tried up to 10 times, with a
        // compaction-friendly pause between, before it counts as not working.
        bool supported = OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(6, 1) && Directory.Exists("/sys/kernel/mm/transparent_hugepage");
        bool collapsed = HugePages.Collapse([values]);
        for (int attempt = 1; supported && !collapsed && attempt < 10; attempt++)
        {
            GC.Collect();
            Thread.Sleep(100 * attempt);
            collapsed = HugePages.Collapse([values]);
        }
        if (supported) Assert.That(collapsed, Is.True, "MADV_COLLAPSE succeeded within 10 attempts");
        for (int i = 0; i < values.Length; i++)
            if (values[i] != (i % 1000 == 0 ? i * 0.5 : 0)) Assert.Fail($"value {i} changed to {values[i]}");
    }

    [Test]
    public void ArraysTooSmallToHoldAHugePageAreLeftAlone()
    {
        // 8 KB each: below the large-object size, so not even looked at.
        Assert.That(HugePages.Collapse([new double[1024], new double[1024]]), Is.False);
        Assert.That(HugePages.Collapse([]), Is.False);
    }

    [Test]
    [NonParallelizable]
    public void TurnedOnTheyCollapseWhatCoreAnnouncesAndTurnedOffNothing()
    {
        string? setting = Environment.GetEnvironmentVariable(HugePages.SwitchVariable);
        var hook = AllocationHook.NewArrays;
        try
        {
            // CAPSIM_HUGE_PAGES=0 leaves the process as it was.
            Environment.SetEnvironmentVariable(HugePages.SwitchVariable, "0");
            AllocationHook.NewArrays = null;
            Assert.That(HugePages.UseUnlessTurnedOff(), Is.False);
            Assert.That(AllocationHook.NewArrays, Is.Null);

            Environment.SetEnvironmentVariable(HugePages.SwitchVariable, null);
            Assert.That(HugePages.UseUnlessTurnedOff(), Is.True);
            Assert.That(AllocationHook.NewArrays, Is.Not.Null);
        }
        finally
        {
            Environment.SetEnvironmentVariable(HugePages.SwitchVariable, setting);
            AllocationHook.NewArrays = hook;
        }
    }
}
