"""The two scoring paths: exact per record (:mod:`.exact`) and vectorised (:mod:`.batch`)."""
