"""Sync without a server: device identities, trusted peers, signed encrypted bundles, merge."""
