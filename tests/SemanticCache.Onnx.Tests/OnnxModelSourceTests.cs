namespace SemanticCache.Onnx.Tests;

public sealed class OnnxModelSourceTests
{
    private static readonly OnnxModelFile File1 = new("onnx/model.onnx", "model.onnx", new string('a', 64), 1);
    private static readonly OnnxModelFile File2 = new("vocab.txt", "vocab.txt", new string('b', 64), 1);

    [Fact]
    public void AllMiniLmL6V2_PinnedValues_MatchSharedSourceNotes()
    {
        // The pinned checksums come from shared/models/all-MiniLM-L6-v2/SOURCE.md; this keeps the two in step.
        string notes = File.ReadAllText(Path.Combine(TestModels.Require(TestModels.MiniLm), "SOURCE.md"));
        OnnxModelSource source = OnnxModelSource.AllMiniLmL6V2;

        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", source.Repository);
        Assert.Equal("all-MiniLM-L6-v2", source.Name);
        Assert.Equal(384, source.Dimensions);
        Assert.Contains(source.Revision, notes, StringComparison.Ordinal);
        Assert.Equal(["onnx/model.onnx", "vocab.txt"], source.Files.Select(f => f.RemotePath));
        Assert.Contains($"`onnx/model.onnx`: sha256 {source.Files[0].Sha256}, {source.Files[0].Length:N0} bytes", notes, StringComparison.Ordinal);
        Assert.Contains($"| vocab.txt | {source.Files[1].Sha256} | {source.Files[1].Length} |", notes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("a/b/c")]
    [InlineData("../x")]
    [InlineData("own er/name")]
    public void Constructor_BadRepository_Throws(string repository)
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelSource(repository, "main", [File1]));
    }

    [Fact]
    public void Constructor_BadRevision_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelSource("owner/name", "../../etc", [File1]));
    }

    [Fact]
    public void Constructor_NoFilesOrDuplicateNames_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelSource("owner/name", "main", []));
        Assert.Throws<ArgumentException>(() => new OnnxModelSource("owner/name", "main", [File1, File1]));
    }

    [Fact]
    public void Constructor_NonPositiveDimensions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxModelSource("owner/name", "main", [File1], dimensions: 0));
    }

    [Fact]
    public void Constructor_ValidArguments_KeepsFilesInOrder()
    {
        var source = new OnnxModelSource("owner/name", "0123abc", [File1, File2]);

        Assert.Equal([File1, File2], source.Files);
        Assert.Equal("name", source.Name);
        Assert.Null(source.Dimensions);
    }
}
