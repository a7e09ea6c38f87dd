# General messages of kesos-bot in English. Plain text: no markup.

language-name = English
language-choose = Please choose your language:
language-set = Done: the bot now speaks English.

start-welcome =
    Welcome, { $name }! 👋

    This is the Telegram service of Dinas Sosial Kabupaten Karawang (the Social Affairs Office). Here you can:
    • check whether your family is registered to receive social assistance (bansos),
    • assess your household yourself with the 14 signs of a poor household, then file a proposal,
    • file a complaint or an objection (/aduan),
    • read about the bansos programs and where to ask questions.

    Please choose from the menu below.

menu-cek = 🔎 Check assistance
menu-skrining = 📝 Self-screening
menu-info = ℹ️ Programs
menu-bantuan = ❓ Help
menu-bahasa = 🌐 Bahasa / Language

help-warga =
    What you can do here:

    /cek – check whether your family is registered for social assistance (needs your NIK and name as on your KTP)
    /skrining – assess your household, then file a proposal
    /info – bansos programs and where to ask
    /aduan – file a complaint or an objection
    /status – follow your complaints
    /bahasa – change language
    /batal – stop what is in progress
    /privasi – what we store
    /hapusdata – erase your data

    Need help? Contact the TKSK of your kecamatan or your desa/kelurahan office.
help-psm =
    Commands for PSM:

    /tugas – your open tasks
    /kunjungan – log a home visit
    /bantuan or /petunjuk – this help
    /batal – stop what is in progress

    The residents' commands (/cek, /skrining, /info) still work.
help-tksk =
    Commands for TKSK:

    /tugas – your open tasks
    /tugaskan – hand a task to a PSM of your kecamatan
    /kunjungan – log a home visit
    /rekap – summary of your area
    /siaran – send a broadcast to the PSM of your kecamatan
    /bantuan or /petunjuk – this help
    /batal – stop what is in progress
help-dinsos =
    Commands for Dinas Sosial operators:

    /rekap – summary of an area and re-verification progress
    /siklus – open a two-monthly re-verification cycle for a desa/kelurahan or kecamatan
    /siaran – send a broadcast to workers or residents
    /bantuan or /petunjuk – this help
    /batal – stop what is in progress

    Data loading, worker enrolment and exports are done with the kesos-bot command on the server.

cancel-done = Done, that has been cancelled. Choose from the menu whenever you need.
cancel-nothing = Nothing is in progress right now. Please choose from the menu below.

privacy-text =
    What we store:

    • Your Telegram account and language, to answer you.
    • Your NIK (for /cek and proposals) is never stored in full, only a keyed code and a masked form (3215**********01).
    • What you enter in proposals and complaints, for the workers. Your name is not shown when a complaint is confidential.
    • The conversation in progress and complaint texts, stored encrypted.
    • The desa/kelurahan of your last /cek or proposal, so that announcements for it reach you.

    Used by the Karawang Dinas Sosial and its workers (TKSK, PSM), under UU 27/2022 on Personal Data Protection. Erase your account data: /hapusdata.

erase-confirm =
    Are you sure you want to erase your data from this bot?

    This erases your account, language choice and any conversation in progress. Proposals and complaints you already sent are still handled by the workers, but they are no longer linked to your Telegram account, so we can no longer send you news about them.
erase-yes = Yes, erase my data
erase-no = No, keep it
erase-done = Your data has been erased. Thank you for using this service. To use it again, just type /start.
erase-kept = All right, your data was not erased.
erase-worker-refused = Worker accounts cannot be erased this way. Please contact the Dinas Sosial operator if you wish to stop.

button-stale = This button is no longer valid. Type /start to open the menu.
unknown-command = Sorry, { $command } is not a command I know. Type /bantuan to see the commands, or choose from the menu below.
unknown-text = Sorry, I did not understand that. Please choose from the menu below.
unknown-media = Thank you. For now I can only read text messages and buttons; I cannot read photos, voice messages or stickers yet. Please choose from the menu below.
error-internal = Sorry, our system has a problem right now. Please try again in a little while.

role-refused-warga = Sorry, this command is only for field workers (PSM, TKSK and Dinas Sosial). Type /bantuan to see the commands you can use.
role-refused = Sorry, this command is not for your role. Type /bantuan to see your commands.
role-refused-short = Sorry, this button is not for you.

cmd-start = Start and main menu
cmd-bantuan = Help and commands
cmd-bahasa = Choose language
cmd-batal = Cancel what is in progress
cmd-privasi = What is stored and why
cmd-hapusdata = Erase my data
cmd-cek = Check social assistance
cmd-skrining = Self-screening, 14 criteria
cmd-info = Assistance programs
cmd-tugas = My tasks
cmd-kunjungan = Log a home visit
cmd-tugaskan = Hand a task to a PSM
cmd-rekap = Area summary

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
datetime-wib = { $date }, { $time }
test-rupiah = Assistance of { RUPIAH($amount) } per month

import-row-rejected = Line { $line }: { $reason }
import-summary = Added: { $added }, updated: { $updated }, unchanged: { $unchanged }, rejected: { $rejected }
import-reason-missing-code = the kode column is empty
import-reason-missing-name = the nama column is empty
import-reason-bad-region-code = region code "{ $code }" is not in Kemendagri format (e.g. 32.15.01.1001)
import-reason-unknown-parent = parent region { $code } is not registered
import-reason-broken-row = broken row (wrong number of columns or quotes)
import-reason-not-utf8 = neither UTF-8 nor Windows-1252 text: save the file from Excel again as "CSV UTF-8" and import it again
import-reason-row-too-long = row longer than { $max } characters
import-reason-row-too-long-quote = row longer than { $max } characters, up to line { $last }: perhaps a quote (") is left open
import-reason-store-failed = could not be saved to the database
import-file-changed = the file changed, or could no longer be read, while it was being imported: import it again
import-failed-nothing-changed = The import was stopped and nothing was changed in the database
import-file-unreadable = cannot read { $path }: { $error }
import-file-empty = the file is empty
import-file-missing-columns = these columns are missing from the header row: { $columns }. Columns found: { $found }. The other names recognised are in `kesos-bot import … --help`
import-file-not-utf8 = the header is neither UTF-8 nor Windows-1252 text: save the file again as "CSV UTF-8" and import it again
import-file-header-too-long = the header (the column names) is longer than { $max } characters: check that this is the right file
import-file-duplicate-column = column `{ $column }` appears twice (columns { $first } and { $second }): delete or rename one of them
cmd-siklus = Open a re-verification cycle
unknown-command-plain = Sorry, that is not a command I know. Type /bantuan to see the commands, or choose from the menu below.

## Operators' backup and key commands
cli-backup-done = The database was copied to { $file }.
cli-backup-key-copied = The secret key was copied to { $file }. Keep both files together: without its key the copy cannot be used.
cli-backup-key-elsewhere = The secret key was not copied, because it is given with KESOS_SECRET or KESOS_SECRET_FILE: keep that key with this copy.
cli-backup-exists = { $file } (or its key file) already exists; choose another file name.
cli-backup-postgres = The backup command is only for SQLite. For PostgreSQL use pg_dump (see the README).
cli-secret-moved = The secret key was moved to { $file } and removed from the database. From now on run with KESOS_SECRET_FILE={ $file }.
cli-secret-nothing-to-move = This database keeps no secret key; there is nothing to move.
cli-secret-adopted = The check value of the secret key was recorded: from now on only this key is accepted for this database.
cli-secret-already-checked = This database already records the check value of its key, and the key given matches it.

## Reports (kesos-bot report realisasi, /rekap)
report-title = { $program } realisation – { $area } – { $period }
report-col-kelurahan = Desa/Kelurahan
report-col-kuota = Quota
report-col-realisasi = Realised
report-col-percent = %
report-col-gap = Gap
report-total = Total
report-everywhere = all areas
report-official-differs = Note: the official quota of Kecamatan { $kecamatan } is { $official }, while its desa/kelurahan quotas add up to { $sum }.
report-series-title = Households who received, month by month:
cli-report-bad-period = Period "{ $period }" is not understood. For example: 2018-04..2018-08, 2019-01, or 2019.
import-reason-bad-quota-period = period "{ $value }" must be YYYY or YYYY-MM (for example 2018 or 2018-04)
import-reason-bad-quota = quota "{ $value }" is not a whole number
import-reason-bad-month = period "{ $value }" must be YYYY-MM (for example 2018-04)
import-reason-bad-received = diterima value "{ $value }" is not understood (use ya or tidak)
import-reason-kk-not-kpm = this KK number is not registered as a KPM
import-reason-nik-not-kpm = this NIK is not registered as a KPM member
import-reason-nik-or-kk-missing = the nik and no_kk columns are empty: fill in one of them
import-reason-not-kpm-of-program = this household is not a KPM of { $program }
import-reason-contradicts = contradicts line { $line } (same household, program and month)
chart-bars-title = Quota and realisation – { $area } – { $period }
chart-line-title = Households who received, by month – { $area } – { $period }
cli-report-png-needs-output = --format png writes pictures to files: add --output NAME.png.
cli-report-png-written = Charts written: { $files }
