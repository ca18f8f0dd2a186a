"""Statistical tables and report packages, one module per table; modules here may register background
job kinds (app.background imports every module of this package)."""
