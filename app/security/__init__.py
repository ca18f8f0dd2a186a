"""Security: user ↔ org unit, roles as data, and OrgScope, the one territorial scoping mechanism."""
