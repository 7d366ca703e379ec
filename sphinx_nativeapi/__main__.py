import sys

from sphinx_nativeapi.cli import main

sys.exit(main())
