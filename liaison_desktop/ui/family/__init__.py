"""The family page and its record-keeping tabs (overview, people, notes, referrals, …)."""
