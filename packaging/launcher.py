"""Entry point for the packaged application (the same as the `repat` console command)."""

from ui.launcher import main

raise SystemExit(main())
