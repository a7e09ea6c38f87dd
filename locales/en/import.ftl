## CSV imports: files from Excel, notes on rows, and the help of `kesos-bot import … --help`.

import-file-utf16 = this file is UTF-16 text (Excel's "Unicode Text"): save it again as "CSV UTF-8" and import it again
import-file-no-header = these columns are missing from the header row: { $columns }. The first line looks like data (it holds a long number), not column names: add a header line
import-note-cp1252 = This file is not UTF-8: it was read as Windows-1252 (Excel's plain "CSV"); { $count ->
        [one] 1 line holds
       *[other] { $rows } lines hold
    } characters such as é, the first on line { $line }. Check their spelling; next time save as "CSV UTF-8".
import-note-mixed = The same file has { $count ->
        [one] 1 line already in UTF-8 (line { $lines }): it was
       *[other] { $rows } lines already in UTF-8 (lines { $lines }): they were
    } read as UTF-8. The file mixes two encodings; check the names on those lines.
import-note-renamed = Columns read from other headers: { $list }
import-note-aside = Column "{ $header }" not read: { $column } is read from column "{ $used }"
import-note-unread = Columns not read: { $list }
import-reason-nik-scientific = the NIK reads "{ $value }": Excel turned it into a number and its last digits are lost. Format the NIK column as Text, fill the NIKs in again from their source and import again
import-reason-kk-scientific = the No. KK reads "{ $value }": Excel turned it into a number and its last digits are lost. Format the No. KK column as Text, fill them in again from their source and import again
import-reason-bad-rt-rw = RT/RW "{ $value }" cannot be read (for example 003/005), left empty
import-row-warned = Line { $line } (loaded): { $reason }
import-rejected-groups = { $count ->
        [one] 1 line
       *[other] { $rows } lines
    } rejected, by reason:
import-warned-groups = { $count ->
        [one] 1 line
       *[other] { $rows } lines
    } loaded with a note, by note:
import-group = - { $count ->
        [one] 1 line: { $reason } (line { $lines })
       *[other] { $rows } lines: { $reason } (lines { $lines })
    }
import-group-more-values = and other values
import-summary-warned = Loaded with a note: { $count ->
        [one] 1 line
       *[other] { $rows } lines
    } (already counted above)

import-help-columns = Columns (in any order; case, spaces, dots, slashes and underscores do not count):
import-help-required = required
import-help-optional = optional
import-help-also = also recognised
import-help-values = Values understood:
import-help-numbers = 16 digits. Format the column as Text in Excel: as a number, Excel turns it into 3.21501E+15 and its last digits are lost
import-help-kelurahan = the name of the desa/kelurahan (with or without "Desa" or "Kelurahan" before it) or its Kemendagri code, e.g. 32.15.01.1001
import-help-programs-joined = several programs in one cell are separated by any of these: { $separators }
import-help-kks-other = anything else: the row is still loaded, its KKS status left empty, and the report notes it
import-help-yes-no = yes: { $yes }; no: { $no }
import-help-active-other = empty means yes; anything else is read as yes and noted in the report
import-help-desil = 1 to 10, also "Desil 2" or "D2"; anything else: left empty and noted in the report
import-help-rt-rw = RT and RW in one cell, e.g. 003/005 (used where the rt or rw column is empty)
import-help-nik-or-kk = one of the two (no_kk is used when both are given): 16 digits, the column formatted as Text
import-help-month = YYYY-MM, e.g. 2026-04
import-help-quota-place = the desa/kelurahan, or a kecamatan for its official total (name or Kemendagri code)
import-help-quota-period = YYYY or YYYY-MM, e.g. 2026 or 2026-04
import-help-quota = a whole number, thousands may be grouped with dots (8.220)
import-help-date = YYYY-MM-DD, e.g. 2026-12-25
import-help-region-code = the dotted Kemendagri code, e.g. 32.15.01.1001; the level follows from the code
import-help-file = File: CSV UTF-8, or Excel's plain "CSV" (Windows-1252); comma, semicolon or tab between columns; column names on the first line.
