"""``python -m corpus.synthetic``: the command line of corpus.synthetic.cli."""

import sys

from corpus.synthetic.cli import main

sys.exit(main())
