"""Reading and writing files: documents, prose scopes, bilingual formats, discovery, pairing."""
