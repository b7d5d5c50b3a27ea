"""Stage 7, self-check: the questionnaire a person answers in the terminal, and answers files."""
