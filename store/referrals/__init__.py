"""Referrals: outgoing referrals from a case to a service or agency, with their status
history and chasing, and the incoming referrals by which a case arrived."""
