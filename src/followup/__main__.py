"""`python -m followup`: the followup command."""

from followup.quick import main

main()
