"""The public site: the catalog rendered as a Markdown tree with assets and exports,
fed to MkDocs by a plugin or written to disk (design §5)."""
