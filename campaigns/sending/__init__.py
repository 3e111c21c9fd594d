"""Sending a campaign: freeze, claim, send in batches, record, sweep (run by ``campaigns.tasks``)."""
