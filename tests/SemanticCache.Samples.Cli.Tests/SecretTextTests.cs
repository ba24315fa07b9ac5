namespace SemanticCache.Samples.Cli.Tests;

public sealed class SecretTextTests
{
    [Fact]
    public void Show_NotRevealed_IsTheMask()
    {
        Assert.Equal("********", SecretText.Show("hunter2", reveal: false));
    }

    [Fact]
    public void Show_Revealed_IsTheSecret()
    {
        Assert.Equal("hunter2", SecretText.Show("hunter2", reveal: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Show_NoSecret_IsNull(bool reveal)
    {
        Assert.Null(SecretText.Show(null, reveal));
    }

    [Fact]
    public void Mask_DoesNotGiveAwayTheLength()
    {
        Assert.Equal(SecretText.Show("a", reveal: false), SecretText.Show("a much longer password", reveal: false));
    }
}
