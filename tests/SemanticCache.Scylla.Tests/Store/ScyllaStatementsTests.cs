namespace SemanticCache.Scylla.Tests;

public sealed class ScyllaStatementsTests
{
    private readonly ScyllaStatements _statements = new("ks", "cache", 768);

    [Fact]
    public void CreateEntriesTable_DeclaresAFloatVectorOfTheDimension()
    {
        Assert.Contains("embedding vector<float, 768>", _statements.CreateEntriesTable, StringComparison.Ordinal);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS ks.cache (key text PRIMARY KEY,", _statements.CreateEntriesTable, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateLookupTable_HasACompositePartitionKeySoTheSharedPartitionNameCanBeEmpty()
    {
        Assert.Equal("CREATE TABLE IF NOT EXISTS ks.cache_lookup (kind text, name text, key text, PRIMARY KEY ((kind, name), key))", _statements.CreateLookupTable);
    }

    [Theory]
    [InlineData(ScyllaReplicationStrategy.SimpleStrategy, false, "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")]
    [InlineData(ScyllaReplicationStrategy.NetworkTopologyStrategy, true, "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 3} AND tablets = {'enabled': true}")]
    public void CreateKeyspace_WritesTheReplicationAndTablets(ScyllaReplicationStrategy strategy, bool tablets, string expected)
    {
        Assert.Equal(expected, _statements.CreateKeyspace(strategy, 3, new Dictionary<string, int>(), tablets));
    }

    [Fact]
    public void CreateKeyspace_PerDataCenterFactors_AreListedInOrder()
    {
        var statement = _statements.CreateKeyspace(
            ScyllaReplicationStrategy.NetworkTopologyStrategy, 1, new Dictionary<string, int> { ["dc2"] = 2, ["dc1"] = 3 }, tablets: true);

        Assert.Equal("CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2} AND tablets = {'enabled': true}", statement);
    }

    [Theory]
    [InlineData(ScyllaDialect.Scylla, false, "CREATE CUSTOM INDEX IF NOT EXISTS cache_embedding_idx ON ks.cache (embedding) USING 'vector_index' WITH OPTIONS = {'similarity_function': 'EUCLIDEAN'}")]
    [InlineData(ScyllaDialect.Scylla, true, "CREATE CUSTOM INDEX IF NOT EXISTS cache_embedding_idx ON ks.cache (embedding, scope_hash) USING 'vector_index' WITH OPTIONS = {'similarity_function': 'EUCLIDEAN'}")]
    [InlineData(ScyllaDialect.Cassandra, false, "CREATE CUSTOM INDEX IF NOT EXISTS cache_embedding_idx ON ks.cache (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'EUCLIDEAN'}")]
    public void CreateVectorIndex_UsesTheDialectsIndexClass(ScyllaDialect dialect, bool filtering, string expected)
    {
        Assert.Equal(expected, _statements.CreateVectorIndex(dialect, ScyllaSimilarityFunction.Euclidean, filtering));
    }

    [Fact]
    public void SearchStatements_BindTheVectorAndTheLimit()
    {
        Assert.EndsWith("FROM ks.cache ORDER BY embedding ANN OF ? LIMIT ?", _statements.Search, StringComparison.Ordinal);
        Assert.EndsWith("WHERE scope_hash = ? ORDER BY embedding ANN OF ? LIMIT ? ALLOW FILTERING", _statements.SearchInScopeScylla, StringComparison.Ordinal);
        Assert.EndsWith("WHERE scope_hash = ? ORDER BY embedding ANN OF ? LIMIT ?", _statements.SearchInScopeCassandra, StringComparison.Ordinal);
    }

    [Fact]
    public void SimilarityFunctionName_UndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScyllaStatements.SimilarityFunctionName((ScyllaSimilarityFunction)7));
    }
}
