"""Entry point for `flet build`: the app with its embedded backend."""

import sys

from hue_s.cli import main

if __name__ == "__main__":
    sys.exit(main(["app"]))
