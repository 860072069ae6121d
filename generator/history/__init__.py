"""Change history and review: git access, the semantic diff, change logs and feeds."""
