namespace SemanticCache.Scylla.Tests;

internal enum PeerStatementKind
{
    SystemLocal,
    CreateKeyspace,
    CreateTable,
    CreateIndex,
    Insert,
    Select,
    Delete,
}
