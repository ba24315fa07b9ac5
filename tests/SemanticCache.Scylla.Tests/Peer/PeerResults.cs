using System.Globalization;

namespace SemanticCache.Scylla.Tests;

/// <summary>RESULT bodies for hook replies, laid out per v4 §4.2.5.</summary>
internal static class PeerResults
{
    /// <summary>A Rows result with one int column "v" and one row.</summary>
    public static PeerReply SingleInt(int value, TimeSpan delay = default) => PeerReply.Raw(
        0x08,
        new PeerWriter().Int(0x0002).Int(0x0001).Int(1).String("ks").String("t").String("v").Short(0x0009)
            .Int(1).Bytes(new PeerWriter().Int(value).ToArray()).ToArray(),
        0,
        delay);

    /// <summary>Parses the number at the end of a query such as "Q 42".</summary>
    public static int NumberIn(PeerRequest request) =>
        int.Parse(request.Query!.Split(' ')[^1], CultureInfo.InvariantCulture);
}
