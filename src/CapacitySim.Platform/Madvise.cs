using System.Runtime.InteropServices;

namespace CapacitySim.Platform;

/// <summary>Linux's madvise(2): the project's one native declaration.</summary>
internal static class Madvise
{
    /// <summary>MADV_HUGEPAGE in linux/mman.h: back the range with transparent huge pages when it is touched.</summary>
    public const int HugePage = 14;

    /// <summary>MADV_COLLAPSE in linux/mman.h (Linux 6.1 and later): back the range with huge pages now.</summary>
    public const int Collapse = 25;

    /// <summary>Gives the advice for [address, address + length); false when the kernel refuses it or there is no libc to ask.</summary>
    public static bool Advise(nint address, nuint length, int advice)
    {
        try
        {
            return madvise(address, length, advice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int madvise(nint address, nuint length, int advice);
}
