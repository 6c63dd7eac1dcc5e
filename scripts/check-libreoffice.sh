#!/usr/bin/env bash
# Open a consolidated workbook in LibreOffice (a second, independent reader besides SheetJS),
# export every sheet to CSV, and check that the given Vietnamese strings come out intact in UTF-8.
#
#   scripts/check-libreoffice.sh [book.xlsx] [expected text]...
#   scripts/check-libreoffice.sh out/kh-cchc-2023.xlsx "Tổng hợp" "Sở Tư pháp" "Chưa nộp"
#
# Installs nothing: CI installs LibreOffice (libreoffice-calc-nogui on Debian). Exit 0 when every
# string was found, 1 when one was not or the export failed, 2 on bad usage or no LibreOffice.
set -euo pipefail

book="${1:-out/kh-cchc-2023.xlsx}"
[ "$#" -gt 0 ] && shift
expected=("$@")

die() { echo "check-libreoffice: $1" >&2; exit "${2:-1}"; }

[ -f "$book" ] || die "no such file: $book" 2
soffice=""
for bin in libreoffice soffice; do
  if command -v "$bin" >/dev/null 2>&1; then soffice="$bin"; break; fi
done
[ -n "$soffice" ] || die "LibreOffice is not installed (libreoffice or soffice on PATH)" 2

work="$(mktemp -d "${TMPDIR:-/tmp}/phuluc-lo.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Phuluc's hidden metadata sheet holds the JSON of every unit and sheet name: a string found only
# there says nothing about what a person sees, so it is not searched.
META_SHEET=_phuluc

# Filter options, by position: field separator ',' (44), text delimiter '"' (34), UTF-8 (76), from
# line 1, no column formats, language 0, quoted fields as text (import only), detect special
# numbers (import only), save cell contents as shown (so dates read as the user sees them), no
# formulas, no space trimming, and -1 = every sheet to its own file (LibreOffice ≥ 7.2). A
# private profile keeps a LibreOffice the user has open (or a CI without HOME) out of the way.
filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
echo "check-libreoffice: $("$soffice" --version 2>/dev/null | head -n 1)"
echo "check-libreoffice: converting $book"
if ! timeout 300 "$soffice" --headless --norestore "-env:UserInstallation=file://$work/profile" \
  --convert-to "$filter" --outdir "$work/csv" "$book" >"$work/convert.log" 2>&1; then
  cat "$work/convert.log" >&2
  die "LibreOffice failed to convert $book"
fi

shopt -s nullglob
csvs=("$work"/csv/*.csv)
if [ "${#csvs[@]}" -eq 0 ]; then
  cat "$work/convert.log" >&2
  die "LibreOffice wrote no CSV for $book (not a readable workbook?)"
fi

# LibreOffice names each file <book>-<sheet>.csv.
base="$(basename "$book")"
base="${base%.*}"
sheet_of() { local n; n="$(basename "$1" .csv)"; echo "${n#"$base"-}"; }

status=0
echo "check-libreoffice: ${#csvs[@]} sheet(s):"
for f in "${csvs[@]}"; do
  name="$(sheet_of "$f")"
  if command -v iconv >/dev/null 2>&1 && ! iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then
    echo "  FAIL $name: not valid UTF-8"
    status=1
  else
    echo "  ok   $name: $(wc -l <"$f" | tr -d ' ') line(s)"
  fi
done

# A string counts when it is a sheet's name (LibreOffice writes the names into the file names)
# or in a visible sheet's cells as displayed.
for s in "${expected[@]}"; do
  where=()
  for f in "${csvs[@]}"; do
    name="$(sheet_of "$f")"
    [ "$name" = "$META_SHEET" ] && continue
    if [ "$name" = "$s" ]; then
      where+=("sheet name")
    elif grep -qF -- "$s" "$f"; then
      where+=("$name")
    fi
  done
  if [ "${#where[@]}" -gt 0 ]; then
    echo "  ok   \"$s\" found in: $(IFS=,; echo "${where[*]}" | sed 's/,/, /g')"
  else
    echo "  FAIL \"$s\" not found in any sheet"
    status=1
  fi
done

if [ "$status" -ne 0 ]; then
  echo "check-libreoffice: FAILED for $book" >&2
  exit 1
fi
echo "check-libreoffice: all ${#expected[@]} string(s) found in $book"
