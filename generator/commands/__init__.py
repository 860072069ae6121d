"""The commands: one plain function each over typed options, as ``mkdocs.commands`` has
them; ``generator.cli`` parses the arguments into those options and prints nothing else."""
