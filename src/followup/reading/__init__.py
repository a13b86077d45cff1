"""Reading what employers say: notes and emails become signals, with their dates and evidence."""
