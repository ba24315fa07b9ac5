using SemanticCache.ScyllaCloud;

return await ToolApp.RunAsync(ScyllaCloudApp.BuildRootCommand, args, ToolContext.FromProcess());
