"""``python -m corpus.synthetic``: the command line."""

import sys

from corpus.synthetic import main

sys.exit(main())
