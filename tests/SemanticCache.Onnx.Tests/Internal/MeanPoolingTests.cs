namespace SemanticCache.Onnx.Tests;

public sealed class MeanPoolingTests
{
    [Fact]
    public void Pool_PaddedBatch_AveragesOnlyAttendedPositions()
    {
        // batch 2, sequence 3, dimension 2; the second item has one padded position holding garbage
        float[] hidden = [1, 2, 3, 4, 5, 6, /* item 2 */ 10, 20, 30, 40, 1000, 1000];
        float[] pooled = new float[4];

        MeanPooling.Pool(hidden, 3, 2, [3, 2], normalize: false, pooled);

        Assert.Equal([3f, 4f, 20f, 30f], pooled);
    }

    [Fact]
    public void Pool_Normalize_GivesUnitVectors()
    {
        float[] hidden = [3, 4];
        float[] pooled = new float[2];

        MeanPooling.Pool(hidden, 1, 2, [1], normalize: true, pooled);

        Assert.Equal([0.6f, 0.8f], pooled);
    }

    [Fact]
    public void Pool_ZeroVector_StaysZeroWhenNormalized()
    {
        float[] pooled = [9, 9];

        MeanPooling.Pool([0, 0], 1, 2, [1], normalize: true, pooled);

        Assert.Equal([0f, 0f], pooled);
    }

    [Fact]
    public void Pool_WrongHiddenSize_Throws()
    {
        Assert.Throws<ArgumentException>(() => MeanPooling.Pool(new float[5], 1, 2, [1, 1], normalize: true, new float[4]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Pool_LengthOutOfRange_Throws(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanPooling.Pool(new float[4], 2, 2, [length], normalize: true, new float[2]));
    }
}
