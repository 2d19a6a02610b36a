#!/usr/bin/env bash
# Writes the encoding samples of this folder byte by byte (printf), so their bytes are on record here.
# Run from anywhere: tests/data/encodings/generate.sh. The texts are made up for the tests.
set -euo pipefail
cd "$(dirname "$0")"

# ISO-8859-1: é = E9, ã = E3, ü = FC, ç = E7 (no bytes in 80..9F).
printf 'Caf\xe9 owners in S\xe3o Paulo expect a busy summer\n\nThe caf\xe9 association said on Monday that bookings from Z\xfcrich and Besan\xe7on had doubled.\n' > latin1.txt

# Windows-1252: curly quotes 93/94, en dash 96, euro sign 80, all in 80..9F where Latin-1 has controls.
printf 'Harbor board \x93pleased\x94 with crane repairs\n\nThe repairs cost \x802.4 million \x96 half of it paid by insurance, the board said.\n' > windows1252.txt

# UTF-8 with damage: good é (C3 A9) and – (E2 80 93) around a stray FF byte and a cut sequence C3.
printf 'R\xc3\xa9sum\xc3\xa9 of the harbor \xe2\x80\x93 cranes repaired\n\nThe board\xff said the cr\xc3anes are back \xc3\xa9t\xc3\xa9 and winter.\n' > invalid_utf8.txt

# UTF-16LE with its byte order mark: "Ferry news\n\nFerries resumed.\n"
printf '\xff\xfeF\x00e\x00r\x00r\x00y\x00 \x00n\x00e\x00w\x00s\x00\n\x00\n\x00F\x00e\x00r\x00r\x00i\x00e\x00s\x00 \x00r\x00e\x00s\x00u\x00m\x00e\x00d\x00.\x00\n\x00' > utf16le.txt

# Not text: a PNG signature and header chunk, NUL bytes included.
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6' > binary.bin

# HTML that declares its Latin-1 charset.
printf '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\n<title>Caf\xe9 owners expect a busy summer</title></head>\n<body><article><p>Bookings from Z\xfcrich doubled \x96 the association said.</p></article></body></html>\n' > latin1.html

# Reuters-21578 SGML with one Latin-1 byte, as reut2-017.sgm has.
printf '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="9201" NEWID="301">\n<DATE> 4-MAR-1987 11:00:00.00</DATE>\n<TEXT>&#2;\n<TITLE>Z\xdcRICH BANK CUTS RATES</TITLE>\n<BODY>A Z\xfcrich bank cut its lending rates.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n' > latin1.sgm

# JSON Lines in Windows-1252 with a malformed line among good ones.
printf '{"id": "e-1", "title": "Caf\xe9 reopens"}\n{"id": "e-2", "title": broken}\n{"id": "e-3", "title": "\x93Quoted\x94 headline"}\n' > windows1252.jsonl
