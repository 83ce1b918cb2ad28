"""What knows languages: sentences, alignment, Russian morphology, English words, quantities."""
