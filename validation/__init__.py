"""Validation: Great Expectations suites over the budget identities, findings in ``audit``."""
