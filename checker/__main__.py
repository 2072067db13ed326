"""`python -m checker` is the `crosscheck` command."""
import sys

from checker.cli import main

sys.exit(main())
