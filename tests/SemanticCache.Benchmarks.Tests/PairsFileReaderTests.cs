namespace SemanticCache.Benchmarks.Tests;

public sealed class PairsFileReaderTests
{
    [Fact]
    public void Parse_QqpLines_ReadsPairsAndSkipsBlankLines()
    {
        var pairs = PairsFileReader.Parse(
        [
            """{"id": 7, "question1": "How do I learn Python?", "question2": "What is the best way to learn Python?", "is_duplicate": 1}""",
            string.Empty,
            """{"id": 8, "question1": "a \"quoted\" one", "question2": "b", "is_duplicate": 0}""",
        ]);

        Assert.Equal(
            [new QualityPair(7, "How do I learn Python?", "What is the best way to learn Python?", true), new QualityPair(8, "a \"quoted\" one", "b", false)],
            pairs);
    }

    [Fact]
    public void Parse_Limit_StopsAfterThatManyPairs()
    {
        var lines = Enumerable.Range(0, 10).Select(i => $$"""{"id": {{i}}, "question1": "q{{i}}", "question2": "r{{i}}", "is_duplicate": {{i % 2}}}""");

        var pairs = PairsFileReader.Parse(lines, limit: 3);

        Assert.Equal([0L, 1L, 2L], pairs.Select(p => p.Id));
    }

    [Theory]
    [InlineData("""{"id": 1, "question1": "a", "is_duplicate": 1}""")]
    [InlineData("""{"id": 1, "question1": "a", "question2": "b", "is_duplicate": 2}""")]
    [InlineData("""{"id": 1, "question1": "a", "question2": "b"}""")]
    [InlineData("not json")]
    public void Parse_BadLine_ThrowsWithLineNumber(string line)
    {
        var exception = Assert.Throws<BenchmarkSetupException>(() => PairsFileReader.Parse(["""{"question1": "a", "question2": "b", "is_duplicate": 0}""", line], source: "pairs.jsonl"));

        Assert.Contains("pairs.jsonl:2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SharedQqpFile_ReadsTheFirstPairs()
    {
        var pairs = PairsFileReader.Read(TestEnvironment.PairsFile, limit: 5);

        Assert.Equal(5, pairs.Count);
        Assert.Equal(0, pairs[0].Id);
        Assert.True(pairs[0].IsDuplicate);
    }

    [Fact]
    public void Read_MissingFile_ThrowsSetupException()
    {
        Assert.Throws<BenchmarkSetupException>(() => PairsFileReader.Read("/no/such/pairs.jsonl"));
    }
}
