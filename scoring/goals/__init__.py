"""Stage 7, goals: goal packs (plan targets), goal evaluation over a staff file and its rendering,
and unit inputs composed from member records. Imports the stages before it."""
