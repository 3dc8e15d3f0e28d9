#!/bin/sh
# Files that are not well-formed XML: status 1 and the parser's file:line.
. "$(dirname "$0")/test-lib.sh"

# An unterminated start tag (libxml2 reports it on line 4).
printf '<?xml version="1.0"?>\n<site version="1">\n<horizon\n</site>\n' >broken.xml
run 1 validate broken.xml
grep -q '^rollout: broken.xml:[34]: ' err || fail "no file:line for broken XML"
empty out

# A mismatched end tag is a parse error, not a schema error.
printf '<?xml version="1.0"?>\n<site version="1">\n<horizon>\n</site>\n' >mismatch.xml
run 1 validate mismatch.xml
grep -q '^rollout: mismatch.xml:4: ' err || fail "no file:line for the end tag"

# Not XML at all.
echo 'id,os' >site.csv
run 1 validate site.csv
grep -q '^rollout: site.csv:1: ' err || fail "no file:line for non-XML"
