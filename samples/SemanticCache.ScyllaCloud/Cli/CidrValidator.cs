using System.Net;
using System.Net.Sockets;

namespace SemanticCache.ScyllaCloud;

/// <summary>Checks CIDR blocks before anything is sent, so a typo fails fast instead of as a cloud-side error.</summary>
internal static class CidrValidator
{
    /// <summary>The smallest VPC prefix length ScyllaDB Cloud accepts: /16 or longer (a /16 or smaller network).</summary>
    public const int MinimumVpcPrefixLength = 16;

    public static IPNetwork Parse(string value, string optionName)
    {
        if (!IPNetwork.TryParse(value.Trim(), out var network))
        {
            throw new ToolException(
                $"{optionName} '{value}' is not a valid CIDR block: write the network's first address and a prefix length, such as 10.0.0.0/16.");
        }

        var address = value.Trim().Split('/')[0];
        if (IPAddress.TryParse(address, out var parsed) && !parsed.Equals(network.BaseAddress))
        {
            throw new ToolException(
                $"{optionName} '{value}' is not a valid CIDR block: it has bits set after the prefix; did you mean {network.BaseAddress}/{network.PrefixLength}?");
        }

        return network;
    }

    /// <summary>Validates the VPC block: IPv4 and a prefix length of /16 or more.</summary>
    public static void ValidateVpcBlock(string value, string optionName)
    {
        var network = Parse(value, optionName);
        if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ToolException($"{optionName} '{value}' must be an IPv4 block.");
        }

        if (network.PrefixLength < MinimumVpcPrefixLength)
        {
            throw new ToolException(
                $"{optionName} '{value}' has prefix length /{network.PrefixLength}; it must be /{MinimumVpcPrefixLength} or larger (such as /16, /20, /24): a larger prefix length is a smaller network.");
        }
    }
}
