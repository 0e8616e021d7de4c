"""python -m game: the same as the deterrence command."""

from game.cli import main

raise SystemExit(main())
