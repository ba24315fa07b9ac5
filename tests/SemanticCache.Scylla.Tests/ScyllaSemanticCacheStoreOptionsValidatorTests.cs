namespace SemanticCache.Scylla.Tests;

public sealed class ScyllaSemanticCacheStoreOptionsValidatorTests
{
    [Fact]
    public void Validate_DefaultsWithDimensions_Succeeds()
    {
        var result = Validate(new ScyllaSemanticCacheStoreOptions { Dimensions = 384 });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_DefaultsWithoutDimensions_FailsAndSaysWhatToSet()
    {
        var result = Validate(new ScyllaSemanticCacheStoreOptions());

        Assert.Contains("Dimensions", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<ScyllaSemanticCacheStoreOptions>> InvalidOptions => new()
    {
        { "ContactPoints must name", o => o.ContactPoints = [] },
        { "'host:99999'", o => o.ContactPoints = ["host:99999"] },
        { "'[::1'", o => o.ContactPoints = ["[::1"] },
        { "Port must be", o => o.Port = 0 },
        { "Password is set", o => o.Password = "p" },
        { "Keyspace 'Semantic'", o => o.Keyspace = "Semantic" },
        { "Keyspace '1ks'", o => o.Keyspace = "1ks" },
        { "Table 'a-b'", o => o.Table = "a-b" },
        { "Table 'entries'", o => o.Table = "entries" },
        { "Keyspace 'schema'", o => o.Keyspace = "schema" },
        { "Table '", o => o.Table = new string('t', 33) },
        { "Dimensions must be from 1 to 16000", o => o.Dimensions = 16001 },
        { "Cosine similarity needs", o => o.Dimensions = 1 },
        { "Dialect has the undefined", o => o.Dialect = (ScyllaDialect)9 },
        { "ReplicationFactor must", o => o.ReplicationFactor = 0 },
        { "needs ReplicationStrategy NetworkTopologyStrategy", o => { o.ReplicationStrategy = ScyllaReplicationStrategy.SimpleStrategy; o.DataCenterReplicationFactors["dc1"] = 3; } },
        { "invalid data center name", o => o.DataCenterReplicationFactors["dc'1"] = 3 },
        { "ReadConsistency cannot be Any", o => o.ReadConsistency = ScyllaConsistency.Any },
        { "WriteConsistency cannot be Serial", o => o.WriteConsistency = ScyllaConsistency.Serial },
        { "SearchOversampling must be", o => o.SearchOversampling = 0 },
        { "PageSize must be", o => o.PageSize = 0 },
        { "ConnectionsPerHost must be", o => o.ConnectionsPerHost = 0 },
        { "MaxRequestsPerConnection must be", o => o.MaxRequestsPerConnection = 32769 },
        { "RequestTimeout must be positive", o => o.RequestTimeout = TimeSpan.Zero },
        { "ReconnectionDelay must be positive", o => o.ReconnectionDelay = TimeSpan.FromSeconds(-1) },
        { "IndexReadyTimeout must not be negative", o => o.IndexReadyTimeout = TimeSpan.FromSeconds(-1) },
        { "does not exist", o => { o.UseTls = true; o.TlsCaCertificatePath = "/no/such/ca.pem"; } },
        { "UseTls is false", o => o.TlsServerName = "node.example" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOption_FailsWithASpecificMessage(string expected, Action<ScyllaSemanticCacheStoreOptions> change)
    {
        var options = new ScyllaSemanticCacheStoreOptions { Dimensions = 8 };
        change(options);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ZeroIndexReadyTimeout_IsAllowed()
    {
        Assert.True(Validate(new ScyllaSemanticCacheStoreOptions { Dimensions = 8, IndexReadyTimeout = TimeSpan.Zero }).Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(ScyllaSemanticCacheStoreOptions options) =>
        new ScyllaSemanticCacheStoreOptionsValidator().Validate(null, options);
}
