#!/bin/sh
# Hostile site files through `rollout plan`, class by class (issue 6):
# not well-formed, DTD and entities in every encoding, limits, schema
# violations, semantic errors, numbers, a line past 65,535, a CSV
# inventory.  Each ends in status 1 with its exact first message and
# line, and no output file.  The unit tests of the same inputs are in
# tests/test_hostile.c; inputs too large to commit are made here.
. "$(dirname "$0")/test-lib.sh"
H=$SRCDIR/tests/data/hostile

# refused FILE LINE MESSAGE: plan FILE; status 1, first message
# "rollout: FILE:LINE: MESSAGE" (LINE empty: none), no out.xml.
refused() {
	rm -f out.xml
	run 1 plan --control per-client -q "$1" -o out.xml
	[ ! -e out.xml ] || fail "$1: a schedule was written"
	ls -A | grep -q '^\.out' && fail "$1: temporary file left"
	where=${4:-$1}
	want="rollout: $where${2:+:$2}: $3"
	first=$(head -n 1 "$T/err")
	[ "$first" = "$want" ] || fail "$1: first message is: $first
expected: $want"
}

for f in "$H"/*.xml "$H"/*.csv; do
	cp "$f" .
done

DTD='DTD not allowed; remove the <!DOCTYPE>'
UTF32='the file is in UTF-32 (or UCS-4), which is not accepted; convert it to UTF-8'
EBCDIC='the file is in EBCDIC, which is not accepted; convert it to UTF-8'
DECIMAL="is not a decimal number; write digits with an optional decimal point, like 28.8"

# not well-formed
refused truncated.xml 3 'an attribute is not written name="value" (an = or a quote is missing, or the tag is cut short); write each attribute as name="value" (column 34)'
refused tag-mismatch.xml 17 '</sites> does not close <site> (opened on line 2); make the end tag match (column 9)'
refused bad-encoding.xml 2 'the text is not UTF-8 (bytes 0xFF 0xFE 0x22 0x3E); save the file as UTF-8, or name its encoding in <?xml ... encoding="..."?> (column 25)'
refused nul-byte.xml 13 'character 0x0 is not allowed in XML; remove it (a file with it is damaged, or not text) (column 3)'
refused empty.xml 1 'the file is empty; it needs a <site> element'

# DTD and entities: XXE, billion laughs, quadratic blow-up, in UTF-8,
# UTF-16 (both byte orders); UTF-32 and EBCDIC refused by their encoding
refused dtd-xxe.xml 2 "$DTD"
refused dtd-billion-laughs.xml 2 "$DTD"
refused dtd-quadratic.xml 2 "$DTD"
refused dtd-billion-laughs-utf16le.xml 2 "$DTD"
refused dtd-xxe-utf16be.xml 2 "$DTD"
refused dtd-billion-laughs-utf32be.xml 1 "$UTF32"
refused dtd-billion-laughs-utf32le.xml 1 "$UTF32"
refused dtd-xxe-utf32be.xml 1 "$UTF32"
refused dtd-billion-laughs-ebcdic.xml 1 "$EBCDIC"
refused dtd-xxe-ebcdic.xml 1 "$EBCDIC"

# limits: depth (the schema's message at the element first, then the cap)
refused deep.xml 14 '<x> is not expected here; expected one of <client>, <group>, <inventory>'
has err 'rollout: deep.xml:14: elements nested deeper than 64; flatten the document'

# an attribute value and a text of 11 MB, legal otherwise, inside
# <clients> (line 15; schema-missing-attribute.xml has <clients> on 14)
CLIENT='<client id="A" os="winnt" segment="lan" cap="cap1" calendar="always" triggers="push"/>'
big() {   # NAME HEAD CHAR TAIL
	{
		sed -n '1,/<clients>/p' schema-missing-attribute.xml
		printf '%s' "$2"
		head -c 11534336 /dev/zero | tr '\0' "$3"
		printf '%s\n  </clients>\n</site>\n' "$4"
	} >"$1"
}
big huge-attr.xml '<client id="' x '" os="winnt" segment="lan" cap="cap1" calendar="always" triggers="push"/>'
big huge-text.xml '' ' ' "$CLIENT"
refused huge-attr.xml 15 'a value, name, comment or CDATA section longer than 10000000 bytes; shorten it'
refused huge-text.xml 15 'text longer than 10000000 bytes in one element; shorten it'
rm -f huge-attr.xml huge-text.xml

# a file one byte over the cap (sparse: nothing to read), and gzip
truncate -s 536870913 over.xml
refused over.xml '' 'file is larger than 536870912 bytes; split it or trim it'
rm -f over.xml
cp "$SRCDIR/tests/data/site/gzip.xml" .
refused gzip.xml '' 'compressed files are not accepted; decompress it first'

# schema violations
refused schema-unknown-element.xml 14 '<bogus> is not expected here; expected <clients>'
refused schema-missing-attribute.xml 15 "<client> lacks the required attribute 'triggers'; add it"
refused number-nan.xml 8 "attribute 'capacity-kbps' of <link>: 'NaN' $DECIMAL"
refused number-inf.xml 8 "attribute 'capacity-kbps' of <link>: 'INF' $DECIMAL"
refused number-exponent.xml 8 "attribute 'capacity-kbps' of <link>: '1e308' $DECIMAL"
refused number-negative.xml 8 "attribute 'capacity-kbps' of <link>: '-5' $DECIMAL"

# semantic errors and numbers out of range, products that would overflow
refused semantic-references.xml 15 "client 'A': segment=\"nowhere\" names no link; define it or fix the name"
refused number-too-large.xml 8 "link 'lan': capacity-kbps=\"1000000001\" is too large; a link above 1 Tbit/s is not plausible: the unit is kbit/s"
refused number-count-overflow.xml 15 "group 'g': count=\"99999999999999999999\" is out of range; give a value from 1 to 10000000"
refused number-too-many-clients.xml 16 'more than 10000000 clients in all; split the site'
refused number-size-sum.xml 15 "client 'A' transfers more than 1 TiB; check the payload sizes (the unit is MB)"

# an error past line 65,535: 70,000 blank lines inside <clients> (lines
# 15 to 70,014), then the fault on line 70,015: a parse error, a schema
# error, a semantic one
tall() {   # NAME FAULT
	{
		sed -n '1,/<clients>/p' schema-missing-attribute.xml
		head -c 70000 /dev/zero | tr '\0' '\n'
		printf '%s\n  </clients>\n</site>\n' "$2"
	} >"$1"
}
tall tall-parse.xml '<client id="B" </client>'
tall tall-schema.xml '<bogus/>'
tall tall-semantic.xml '<client id="B" os="winnt" segment="nowhere" cap="cap1" calendar="always" triggers="push"/>'
refused tall-parse.xml 70015 'an attribute name is expected here; write each attribute as name="value", and end the tag with > or /> (column 16)'
refused tall-schema.xml 70015 '<bogus> is not expected here; expected one of <client>, <group>, <inventory>'
refused tall-semantic.xml 70015 "client 'B': segment=\"nowhere\" names no link; define it or fix the name"

# a CSV inventory: a wrong field count first, and the bad numbers after it
refused inventory.xml 3 'row has 6 fields, the header has 8; quote fields that hold commas' inventory-bad.csv
has err "rollout: inventory-bad.csv:4: client 'A3': rate-kbps=\"NaN\" is not a decimal number; write digits with an optional decimal point, like 28.8"
has err "rollout: inventory-bad.csv:6: client 'A5': rate-kbps=\"1e308\" is not a decimal number"
has err "rollout: inventory-bad.csv:7: client 'A6': rate-kbps=\"-5\" is not a decimal number"
has err "rollout: inventory-bad.csv:9: client 'A8': count=\"99999999999999999999\" is out of range"

# ... and in a schedule handed to verify (the tree parser and validator):
# 70,000 blank lines after <clients>, then a fault at its true line
write_good_site site.xml
run 0 plan --control per-client -q site.xml -o sched.xml
n=$(grep -n '<clients>' sched.xml | cut -d: -f1)
{
	sed -n "1,${n}p" sched.xml
	head -c 70000 /dev/zero | tr '\0' '\n'
	echo '    <bogus/>'
	sed -n "$((n + 1)),\$p" sched.xml
} >tall-sched.xml
run 1 verify site.xml tall-sched.xml
[ "$(head -n 1 "$T/err")" = "rollout: tall-sched.xml:$((n + 70001)): <bogus> is not expected here; expected one of <client>, <unplaced>" ] ||
	fail "verify, line past 65,535: $(head -n 1 "$T/err")"
