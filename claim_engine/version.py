# Bump whenever segmentation, facts or scoring change what a split produces; articles record the version
# they were split with, and re-splitting with a newer one keeps the verdicts of unchanged claims.
ENGINE_VERSION = "1.5.0"
