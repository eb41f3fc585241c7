"""Bounded load runs against a Factcheck server on 127.0.0.1 (see generator.py and tests/reliability/test_load.py)."""
