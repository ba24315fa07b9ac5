namespace SemanticCache.Scylla.Tests;

public sealed class ScyllaConnectionStringTests
{
    [Fact]
    public void ApplyTo_EveryKey_SetsItsOption()
    {
        var connection = ScyllaConnectionString.Parse(
            "Contact_Points=a:9142, b ;user=scylla;password=p=w;dialect=ScyllaDB;tls=true;tls_ca=/ca.pem;tls_server_name=c.example;" +
            "keyspace=ks;table=t;replication_factor=3;datacenter=dc1;index_ready_seconds=12.5;custom=kept");
        var options = new ScyllaSemanticCacheStoreOptions();

        connection.ApplyTo(options);

        Assert.Equal(["a:9142", "b"], options.ContactPoints);
        Assert.Equal("scylla", options.Username);
        Assert.Equal("p=w", options.Password);
        Assert.Equal(ScyllaDialect.Scylla, options.Dialect);
        Assert.True(options.UseTls);
        Assert.Equal("/ca.pem", options.TlsCaCertificatePath);
        Assert.Equal("c.example", options.TlsServerName);
        Assert.Equal("ks", options.Keyspace);
        Assert.Equal("t", options.Table);
        Assert.Equal(3, options.ReplicationFactor);
        Assert.Equal(ScyllaReplicationStrategy.NetworkTopologyStrategy, options.ReplicationStrategy);
        Assert.Equal(3, options.DataCenterReplicationFactors["dc1"]);
        Assert.Equal(TimeSpan.FromSeconds(12.5), options.IndexReadyTimeout);
        Assert.Equal("kept", connection["CUSTOM"]);
    }

    [Fact]
    public void ApplyTo_OnlyContactPoints_KeepsEveryOtherOption()
    {
        var options = new ScyllaSemanticCacheStoreOptions { Keyspace = "mine", IndexReadyTimeout = TimeSpan.FromSeconds(9), UseTls = true };

        ScyllaConnectionString.Parse("contact_points=h").ApplyTo(options);

        Assert.Equal(["h"], options.ContactPoints);
        Assert.Equal("mine", options.Keyspace);
        Assert.Equal(TimeSpan.FromSeconds(9), options.IndexReadyTimeout);
        Assert.True(options.UseTls);
        Assert.Equal(ScyllaDialect.Auto, options.Dialect);
        Assert.Null(options.Username);
    }

    [Theory]
    [InlineData("user=scylla", "contact_points")]
    [InlineData("contact_points=", "contact_points")]
    [InlineData("contact_points=h;secret-without-key", "part 2")]
    public void Parse_Malformed_ThrowsFormatExceptionSayingWhat(string text, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => ScyllaConnectionString.Parse(text));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dialect=mysql", "dialect")]
    [InlineData("tls=yes", "tls")]
    [InlineData("replication_factor=three", "replication_factor")]
    [InlineData("index_ready_seconds=-1", "index_ready_seconds")]
    public void ApplyTo_InvalidValue_ThrowsFormatExceptionNamingTheKey(string pair, string key)
    {
        var connection = ScyllaConnectionString.Parse("contact_points=h;" + pair);

        var exception = Assert.Throws<FormatException>(() => connection.ApplyTo(new ScyllaSemanticCacheStoreOptions()));

        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }
}
