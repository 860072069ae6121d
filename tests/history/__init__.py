"""Tests of the change history: the semantic diff, change logs and feeds."""
