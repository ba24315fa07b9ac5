namespace SemanticCache.Scylla.Tests;

public sealed class ScyllaLiveSettingsTests
{
    [Fact]
    public void Parse_FullVariable_MapsEveryKeyToTheOptions()
    {
        var settings = ScyllaLiveSettings.Parse(
            "contact_points=a.example:9142, b.example ;user=scylla;password=p=w;dialect=scylla;tls=true;tls_server_name=cluster.example;keyspace=ks1;replication_factor=3;datacenter=AWS_US_EAST_1;index_ready_seconds=15;search_window_seconds=40");

        var options = settings.CreateOptions(8);

        Assert.Equal(["a.example:9142", "b.example"], options.ContactPoints);
        Assert.Equal("scylla", options.Username);
        Assert.Equal("p=w", options.Password);
        Assert.Equal(ScyllaDialect.Scylla, options.Dialect);
        Assert.True(options.UseTls);
        Assert.Equal("cluster.example", options.TlsServerName);
        Assert.Equal("ks1", options.Keyspace);
        Assert.Equal("conformance_d8", options.Table);
        Assert.Equal(ScyllaReplicationStrategy.NetworkTopologyStrategy, options.ReplicationStrategy);
        Assert.Equal(3, options.DataCenterReplicationFactors["AWS_US_EAST_1"]);
        Assert.Equal(TimeSpan.FromSeconds(15), options.IndexReadyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(40), settings.SearchWindow);
    }

    [Fact]
    public void Parse_ContactPointsOnly_UsesDefaults()
    {
        var settings = ScyllaLiveSettings.Parse("contact_points=127.0.0.1");

        var options = settings.CreateOptions(4);

        Assert.Equal(ScyllaDialect.Auto, options.Dialect);
        Assert.False(options.UseTls);
        Assert.Null(options.Username);
        Assert.Equal("semantic_cache_test", options.Keyspace);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.SearchWindow);
    }

    [Fact]
    public void Parse_CassandraDialect_HasAShortSearchWindow()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), ScyllaLiveSettings.Parse("contact_points=h;dialect=cassandra").SearchWindow);
    }

    [Theory]
    [InlineData("user=scylla")]
    [InlineData("contact_points")]
    public void Parse_Invalid_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => ScyllaLiveSettings.Parse(text));
    }

    [Fact]
    public void Dialect_Unknown_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => ScyllaLiveSettings.Parse("contact_points=h;dialect=mysql").Dialect);
    }
}
