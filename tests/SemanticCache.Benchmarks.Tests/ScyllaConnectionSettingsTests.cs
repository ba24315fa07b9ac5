using SemanticCache.Scylla;

namespace SemanticCache.Benchmarks.Tests;

public sealed class ScyllaConnectionSettingsTests
{
    [Fact]
    public void Parse_PlainContactPoints_AreTheContactPoints()
    {
        var settings = ScyllaConnectionSettings.Parse("node-1:9042, node-2");

        Assert.Equal(["node-1:9042", "node-2"], settings.ContactPoints);
    }

    [Fact]
    public void CreateOptions_KeyValueSettings_AlwaysUseTheBenchmarkKeyspace()
    {
        var settings = ScyllaConnectionSettings.Parse(
            "contact_points=a:9142,b:9142;user=scylla;password=secret;dialect=scylla;tls=true;keyspace=production;datacenter=dc1;replication_factor=3");

        var options = settings.CreateOptions(384);

        Assert.Equal(["a:9142", "b:9142"], options.ContactPoints);
        Assert.Equal("scylla", options.Username);
        Assert.Equal("secret", options.Password);
        Assert.Equal(ScyllaDialect.Scylla, options.Dialect);
        Assert.True(options.UseTls);
        Assert.Equal(ScenarioBackends.Schema, options.Keyspace);
        Assert.Equal("scenario_cache_384", options.Table);
        Assert.Equal(384, options.Dimensions);
        Assert.Equal(ScyllaReplicationStrategy.NetworkTopologyStrategy, options.ReplicationStrategy);
        Assert.Equal(3, options.DataCenterReplicationFactors["dc1"]);
    }

    [Theory]
    [InlineData("user=scylla")]
    [InlineData("contact_points=a;oops")]
    public void Parse_BadSettings_ThrowSetupException(string text)
    {
        Assert.Throws<BenchmarkSetupException>(() => ScyllaConnectionSettings.Parse(text));
    }

    [Fact]
    public void CreateOptions_UnknownDialect_ThrowsSetupException()
    {
        Assert.Throws<BenchmarkSetupException>(() => ScyllaConnectionSettings.Parse("contact_points=a;dialect=mongo").CreateOptions(3));
    }
}
