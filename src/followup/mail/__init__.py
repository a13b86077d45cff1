"""Email and reminders: the config file that says how to send (config), a message built and
handed to your mail server (sending), and the digest of what is due today with what was
already reminded (reminders). Sending is optional and always asked for: nothing here runs
unless `followup send` or `followup remind` is called."""
