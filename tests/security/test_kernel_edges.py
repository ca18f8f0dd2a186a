"""The security kernel's rules at the edges the mutation run found unguarded (app/security/)."""
