"""Entry point for the packaged application (the same as the `repat` console command)."""

from app.cli.main import main

raise SystemExit(main())
