"""The service layer: the one way in to the job search for every face (the command line, the
pages and the API, mail, the calendar, reminders). Each of its modules serves one concern, takes
the store's engine and the moment to act at, and hands back plain data or the core's records:

- stores: opening the store, its errors, how many writes it has seen;
- applications: the application read model (a list, one with its advice and timeline), adding
  one and recording what happened;
- agenda: today's agenda from the kept advice, the advice the clock has changed worked out
  again, the insights, the reminders sent;
- records: employers, their people, interview rounds, edits and deletions, your own details;
- settings: the store's settings, read and kept;
- reading: the reader's signals, your corrections of them, what was read recorded;
- calendars: what the calendar file, feed and CalDAV push show, and what they remember;
- drafts: what a draft is made of;
- transfer and invitations: export, import, backup; interview invitations.

Only followup.store reads and writes the tables; the faces import this package, never the store."""
