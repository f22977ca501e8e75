#!/bin/sh
# Writes tgh8105.txt: the 8105 characters of the 通用规范汉字表 (2013), in
# its order, 50 a line, from the kTGH field of Unicode's Unihan database
# (Debian package unicode-data 15.0.0-1, Unihan_OtherMappings.txt.bz2).
#   apt-get download unicode-data && dpkg -x unicode-data_*.deb ud
#   sh tgh8105.sh ud/usr/share/unicode/Unihan_OtherMappings.txt.bz2 > tgh8105.txt
set -eu
bzcat "$1" | awk -F'\t' '$2 == "kTGH" { split($3, a, ":"); print a[2], substr($1, 3) }' |
	sort -n | awk '{ printf "%s\n", $2 }' |
	python3 -c '
import sys
cs = [chr(int(l, 16)) for l in sys.stdin.read().split()]
for i in range(0, len(cs), 50):
    print("".join(cs[i:i+50]))
'
