"""Sending an issue: freeze, claim, send in batches, record, sweep (run by ``campaigns.tasks``)."""
