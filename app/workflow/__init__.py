"""The workflow engine: workflows declared as data (definition), pure guards and deadline arithmetic
(engine), the transition command (commands), the generic UI and REST endpoints (views, api) and the to-do
inbox with the overdue board (inbox)."""
