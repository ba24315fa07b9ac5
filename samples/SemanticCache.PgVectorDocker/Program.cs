using SemanticCache.PgVectorDocker;

return await ToolApp.RunAsync(PgVectorDockerApp.BuildRootCommand, args, ToolContext.FromProcess());
