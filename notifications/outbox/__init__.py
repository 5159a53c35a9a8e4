"""The outbox: mails queued inside the change's transaction, reminders turned into rows, delivery."""
