namespace SemanticCache.ScyllaCloud.Tests;

public sealed class CidrValidatorTests
{
    [Theory]
    [InlineData("10.0.0.0/16")]
    [InlineData("192.168.1.0/24")]
    [InlineData("172.16.0.0/20")]
    [InlineData("10.1.2.3/32")]
    public void ValidateVpcBlock_Slash16OrSmallerNetwork_IsAccepted(string cidr) =>
        CidrValidator.ValidateVpcBlock(cidr, "--cidr-block");

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("0.0.0.0/0")]
    [InlineData("172.16.0.0/12")]
    public void ValidateVpcBlock_LargerThanSlash16_IsRejected(string cidr)
    {
        var ex = Assert.Throws<ToolException>(() => CidrValidator.ValidateVpcBlock(cidr, "--cidr-block"));

        Assert.Contains("must be /16 or larger", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HostBitsSet_SuggestsTheNetworkAddress()
    {
        var ex = Assert.Throws<ToolException>(() => CidrValidator.Parse("10.0.3.7/16", "--allowed-ips"));

        Assert.Contains("did you mean 10.0.0.0/16", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("2001:db8::/32")]
    public void Parse_AnyPrefixLength_IsAcceptedForAllowedIps(string cidr) =>
        Assert.Equal(cidr, CidrValidator.Parse(cidr, "--allowed-ips").ToString());
}
