"""Machine translation with Argos Translate (the optional `mt` extra): packages and translation.

Nothing here is imported on the check path; argostranslate and ctranslate2 load on first use.
"""
