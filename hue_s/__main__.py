"""`python -m hue_s` is the `hue-s` command."""

import sys

from hue_s.cli import main

sys.exit(main())
