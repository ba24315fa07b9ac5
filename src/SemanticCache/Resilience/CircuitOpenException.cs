namespace SemanticCache;

/// <summary>Thrown inside the engine when the circuit breaker rejects a store call; never reaches a caller of the chat client.</summary>
internal sealed class CircuitOpenException() : Exception("The semantic cache store is skipped while its circuit breaker is open.");
