namespace SemanticCache.Scylla.Tests;

internal enum PeerReplyKind
{
    Default,
    Raw,
    Drop,
    Never,
}
