"""Parts every window shares: error display, background tasks, list models, the translated names of stored codes."""
