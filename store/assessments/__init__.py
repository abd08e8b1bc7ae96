"""Assessments: a case's biopsychosocial assessment, repeated over time."""
