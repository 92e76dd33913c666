#!/usr/bin/env bash
# Derive Anthology's list of common English words from SCOWL, as shipped by Debian's
# `wamerican` package (apt-get install wamerican).
#
#   bash Scripts/make-common-words.sh > Sources/AnthologyKit/Resources/common-words.txt
#
# Keeps the lower-case entries only: capitalised entries are proper nouns, which are exactly
# what the detector must not treat as ordinary words.
#
# SCOWL is Copyright 2000-2011 by Kevin Atkinson; see NOTICE for its permission notice.
set -euo pipefail
source=${1:-/usr/share/dict/american-english}
echo "# Lower-case words of SCOWL (Copyright 2000-2011 Kevin Atkinson; see NOTICE), from $(basename "$source") by Scripts/make-common-words.sh."
LC_ALL=C grep -E '^[a-z]+$' "$source" | LC_ALL=C sort -u
