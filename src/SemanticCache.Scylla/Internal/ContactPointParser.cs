using System.Globalization;
using System.Net;

namespace SemanticCache.Scylla;

/// <summary>Parses contact points: <c>host</c>, <c>host:port</c>, an IPv4 or IPv6 address, or <c>[ipv6]:port</c>.</summary>
internal static class ContactPointParser
{
    /// <summary>Parses a contact point.</summary>
    /// <param name="contactPoint">The text.</param>
    /// <param name="defaultPort">The port when none is given.</param>
    /// <param name="host">The host name or address.</param>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> when the text is valid.</returns>
    public static bool TryParse(string? contactPoint, int defaultPort, out string host, out int port)
    {
        host = string.Empty;
        port = defaultPort;
        if (string.IsNullOrWhiteSpace(contactPoint))
        {
            return false;
        }

        string text = contactPoint.Trim();
        string? portText = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            string rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                portText = rest[1..];
            }

            if (!IPAddress.TryParse(host, out _))
            {
                return false;
            }
        }
        else if (text.Count(c => c == ':') > 1)
        {
            // A bare IPv6 address: no port can be given without brackets.
            host = text;
            if (!IPAddress.TryParse(host, out _))
            {
                return false;
            }
        }
        else
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            portText = colon < 0 ? null : text[(colon + 1)..];
            if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
            {
                return false;
            }
        }

        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port))
            {
                return false;
            }
        }

        return port is >= 1 and <= 65535;
    }
}
