"""The engine: workflow definitions as data, firing, permissions, the clock, the unit of work, diagrams."""
