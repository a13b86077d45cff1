"""The calendar: every planned follow-up and interview as an iCalendar file (file), the same as
a subscription feed of the web app (feed) and pushed to a CalDAV server (caldav); and interview
invitations read from the .ics files that scheduling tools send (invitations)."""
