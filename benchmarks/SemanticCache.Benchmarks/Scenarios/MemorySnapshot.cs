namespace SemanticCache.Benchmarks;

/// <summary>The process's memory at one moment, after a full garbage collection.</summary>
/// <param name="WorkingSetBytes">The physical memory mapped to the process.</param>
/// <param name="ManagedHeapBytes">The bytes allocated on the managed heap that are still reachable.</param>
public sealed record MemorySnapshot(long WorkingSetBytes, long ManagedHeapBytes)
{
    public static MemorySnapshot Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new MemorySnapshot(Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false));
    }
}
