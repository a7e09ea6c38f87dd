## /siaran: broadcasts (siaran sosialisasi) from Dinas Sosial and TKSK

cmd-siaran = Send a broadcast
broadcast-no-area = Sorry, your work area is not on record, so a broadcast cannot be sent yet. Please contact a Dinas Sosial operator.
broadcast-ask-audience = 📢 New broadcast. Who is it for?
broadcast-to-tksk = All TKSK
broadcast-to-psm = All PSM
broadcast-to-kecamatan = PSM & TKSK of one kecamatan
broadcast-to-residents = Residents of one desa/kelurahan
broadcast-to-my-psm = PSM of Kecamatan { $area }
broadcast-mine = 📋 My broadcasts
broadcast-cancel = Cancel
broadcast-cancelled = Broadcast cancelled. Nothing was sent.
broadcast-pick-kecamatan = Choose a kecamatan. The broadcast goes to its PSM and TKSK.
broadcast-pick-kecamatan-residents = Choose the kecamatan of the desa/kelurahan you want to reach.
broadcast-pick-village = Choose a desa/kelurahan in Kecamatan { $area }.

broadcast-audience-tksk = all TKSK
broadcast-audience-tksk-in = TKSK of Kecamatan { $area }
broadcast-audience-psm = all PSM
broadcast-audience-tksk-all-in = all TKSK in { $area }
broadcast-audience-psm-all-in = all PSM in { $area }
broadcast-audience-psm-in = PSM of Kecamatan { $area }
broadcast-audience-workers = PSM and TKSK of Kecamatan { $area }
broadcast-audience-residents = residents of { $place ->
        [desa] Desa
       *[kelurahan] Kelurahan
    } { $area } who have used this bot

broadcast-ask-text =
    Broadcast to { $audience }: { $count ->
        [one] 1 recipient
       *[other] { $shown } recipients
    } right now.

    Now send the broadcast: a text (at most { $max } characters), or a photo or document with a caption.
broadcast-not-joined = Note: { $count ->
        [one] 1 worker here has
       *[other] { $count } workers here have
    } not joined the bot yet and cannot receive broadcasts.
broadcast-text-too-long = The text has { $length } characters; the limit is { $max }. Please shorten it and send it again.
broadcast-ask-text-again = Please send the broadcast as a text, a photo or a document.
broadcast-ask-when = When should this broadcast go out?
broadcast-now = Send now
broadcast-later = ⏰ Send later
broadcast-ask-time = Type the sending time (WIB). For example: 08:00 (today), or 02/12/2026 08:00 (2 December 2026).
broadcast-time-unreadable = Sorry, we could not read that time. For example: 08:00, or 02/12/2026 08:00 (2 December 2026).
broadcast-time-past = That time has already passed. Please type a time in the future.
broadcast-time-too-far = A broadcast can be scheduled at most { $days ->
        [one] 1 day
       *[other] { $days } days
    } ahead. Please type an earlier time.
broadcast-use-buttons = Please choose with the buttons on the message above, or type /batal to stop.
broadcast-when-now = now
broadcast-when-at = on { $when }
broadcast-preview =
    ☝️ This is the broadcast as it will arrive.

    To: { $audience }
    Recipients: { $shown }
    Sending time: { $when }

    All correct? Press ✅ Send.
broadcast-send = ✅ Send
broadcast-queued = Broadcast #{ $id } is saved and going out to { $count ->
        [one] 1 recipient
       *[other] { $shown } recipients
    }.
broadcast-scheduled = Broadcast #{ $id } is saved and will go out to { $count ->
        [one] 1 recipient
       *[other] { $shown } recipients
    } on { $when }.

broadcast-list-empty = You have not sent any broadcast yet.
broadcast-list-title = 📋 Your latest broadcasts:
broadcast-list-entry =
    #{ $id } · { $when } · { $audience }
    Sent { $sent } of { $total } · queued { $queued } · failed { $failed } · blocked the bot { $blocked } · no longer receiving { $optedout } · read { $read }
broadcast-list-scheduled =
    #{ $id } · scheduled { $when } · { $audience }
    Recipients waiting for the sending time: { $queued }
broadcast-stop-one = ⏹ Stop broadcast #{ $id }
broadcast-stopped = Broadcast #{ $id } stopped: { $count ->
        [one] 1 message
       *[other] { $count } messages
    } will not be sent.
broadcast-rekap-title = 📢 Your broadcasts:

## What recipients see
broadcast-from-dinsos = 📢 Broadcast from Dinas Sosial Kabupaten Karawang
broadcast-from-tksk = 📢 Broadcast from the TKSK of Kecamatan { $area }
broadcast-read = ✅ I have read it
broadcast-stop = 🔕 Stop broadcasts
broadcast-resume = 🔔 Receive broadcasts again
broadcast-scam-warning = Dinas Sosial never asks for money, a PIN or an OTP code.
broadcast-read-thanks = Thank you, noted.
broadcast-read-already = Already noted. Thank you.
broadcast-stopped-notices = All right, you will not receive broadcasts any more.
broadcast-stopped-notices-long = All right, you will not receive broadcasts from Dinas Sosial any more. News about your proposals or complaints will still reach you. To receive broadcasts again, press the button below.
broadcast-resumed = All right, you will receive broadcasts again.

## kesos-bot broadcast (command line)
cli-broadcast-queued = Broadcast #{ $id } is saved for { $count ->
        [one] 1 recipient
       *[other] { $count } recipients
    }. The bot will send it { $when } (if the bot is not running, as soon as it starts again).
cli-broadcast-none = No broadcasts yet.
cli-broadcast-unknown = There is no broadcast #{ $id }.
cli-broadcast-cannot-cancel = Broadcast #{ $id } does not exist, was made in the bot by someone else, or was stopped already.
cli-broadcast-status = Recipients { $recipients }: queued { $queued }, sent { $sent }, failed { $failed }, blocked the bot { $blocked }, no longer receiving { $optedout }, stopped { $cancelled }; read { $read }.
cli-broadcast-bad-audience = --audience must be psm, tksk, kecamatan:CODE or kelurahan:CODE (for example kelurahan:32.15.01.1001).
cli-broadcast-not-utf8 = { $file } is not UTF-8 text. Save it again as UTF-8 and retry.
cli-broadcast-cannot-read = Cannot read { $file }: { $error }
cli-broadcast-bad-length = The broadcast has { $length } characters: it needs some text (or a photo or document) and at most { $max } characters.
cli-broadcast-file-size = { $file } is empty or larger than { $mb } MB, Telegram's limit for this file.
cli-broadcast-bad-time = --at must read "YYYY-MM-DD HH:MM" (WIB), for example "2026-12-24 08:00".
