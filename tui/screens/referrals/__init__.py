"""The case file's referrals: the tab, a referral read in full, and their forms."""
