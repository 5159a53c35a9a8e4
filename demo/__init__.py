"""Demo data: the seeds' working groups, a fictional strategy group and a year of its work. Not part of the domain."""
