"""The local web app (`followup serve`)."""
