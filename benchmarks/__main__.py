"""``python -m benchmarks``: run the analysis benchmark."""

import sys

from benchmarks.analysis import main

sys.exit(main())
