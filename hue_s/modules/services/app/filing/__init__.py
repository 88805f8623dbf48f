"""Filing a dossier, no screens: the form, its documents, the ward office, drafts, outbox."""
