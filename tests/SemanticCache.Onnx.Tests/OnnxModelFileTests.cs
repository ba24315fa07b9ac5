namespace SemanticCache.Onnx.Tests;

public sealed class OnnxModelFileTests
{
    private static readonly string Hash = new('A', 64);

    [Fact]
    public void Constructor_ValidArguments_KeepsThemAndLowerCasesTheHash()
    {
        var file = new OnnxModelFile("onnx/model.onnx", "model.onnx", Hash, 42);

        Assert.Equal("onnx/model.onnx", file.RemotePath);
        Assert.Equal("model.onnx", file.LocalName);
        Assert.Equal(new string('a', 64), file.Sha256);
        Assert.Equal(42, file.Length);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void Constructor_MalformedHash_Throws(string sha256)
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelFile("model.onnx", "model.onnx", sha256, 1));
    }

    [Theory]
    [InlineData("../model.onnx")]
    [InlineData("/tmp/model.onnx")]
    [InlineData("a//b")]
    [InlineData("./model.onnx")]
    public void Constructor_LocalNameOutsideTheFolder_Throws(string localName)
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelFile("model.onnx", localName, Hash, 1));
    }

    [Fact]
    public void Constructor_NonPositiveLength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxModelFile("model.onnx", "model.onnx", Hash, 0));
    }

    [Fact]
    public void Constructor_NullPath_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new OnnxModelFile(null!, "model.onnx", Hash, 1));
    }
}
