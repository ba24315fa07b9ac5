namespace SemanticCache.Onnx.Tests;

public sealed class PaddingPlannerTests
{
    [Fact]
    public void Plan_ExpensiveRuns_KeepsEverythingTogetherUpToTheRunSize()
    {
        Assert.Equal([5], PaddingPlanner.Plan([3, 5, 8, 13, 40], maxRunSize: 32, fixedCostInTokens: 512));
        Assert.Equal([2, 2, 1], PaddingPlanner.Plan([3, 5, 8, 13, 40], maxRunSize: 2, fixedCostInTokens: 512));
    }

    [Fact]
    public void Plan_CheapRuns_SplitsByLength()
    {
        Assert.Equal([2, 2], PaddingPlanner.Plan([2, 2, 10, 10], maxRunSize: 32, fixedCostInTokens: 0));
    }

    [Theory]
    [InlineData(10, new[] { 3, 1 })] // 10 + 9 + 10 + 40 = 69 beats 10 + 4 × 40 = 170
    [InlineData(200, new[] { 4 })] // 200 + 160 = 360 beats 200 + 9 + 200 + 40 = 449
    public void Plan_OneLongInput_IsSplitOffOnlyWhenPaddingCostsMoreThanARun(double fixedCost, int[] expected)
    {
        Assert.Equal(expected, PaddingPlanner.Plan([3, 3, 3, 40], maxRunSize: 32, fixedCostInTokens: fixedCost));
    }

    [Fact]
    public void Plan_NoInputs_ReturnsNoRuns()
    {
        Assert.Empty(PaddingPlanner.Plan([], maxRunSize: 32, fixedCostInTokens: 10));
    }

    [Fact]
    public void Plan_ManyInputs_RunSizesCoverEveryInputWithinTheBound()
    {
        int[] lengths = [.. Enumerable.Range(0, 1000).Select(i => 2 + ((i * 7) % 250)).Order()];

        int[] runs = PaddingPlanner.Plan(lengths, maxRunSize: 32, fixedCostInTokens: 20);

        Assert.Equal(1000, runs.Sum());
        Assert.All(runs, size => Assert.InRange(size, 1, 32));
    }
}
